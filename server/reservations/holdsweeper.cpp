#include "server/reservations/holdsweeper.h"

#include "server/infra/db/dbpool.h"
#include "server/infra/redis/redisclient.h"
#include "server/reservations/holdmetrics.h"
#include "server/reservations/reservationrepository.h"

#include <QLoggingCategory>

#include <memory>

Q_DECLARE_LOGGING_CATEGORY(lcHolds)

namespace fd::reservations {
namespace {

constexpr int kBatch = 500;

} // namespace

HoldSweeper::HoldSweeper(HoldsDeps deps, infra::RedisEndpoint redis, int intervalMs, QObject *parent)
    : QObject(parent), m_deps(std::move(deps)), m_endpoint(std::move(redis)), m_timer(this)
{
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &HoldSweeper::sweep);
}

void HoldSweeper::start()
{
    m_redis = new infra::RedisClient(m_endpoint, this);
    m_redis->connectToServer();
    m_timer.start();
}

void HoldSweeper::sweep()
{
    // Units go back only through Redis, so without it the holds stay PENDING until it returns.
    if (m_sweeping || !m_redis->isConnected())
        return;
    m_sweeping = true;
    using Expired = Result<QList<ExpiredHold>>;
    m_deps.db->run<Expired>(
        this, [](QSqlDatabase &db) { return ReservationRepository(db).expireDue(kBatch); },
        [this](Expired expired) {
            if (!expired) {
                qCWarning(lcHolds).noquote() << "expiring holds failed:" << expired.error().detail;
                m_sweeping = false;
                return;
            }
            returnUnits(*expired, expired->size() == kBatch);
        });
}

void HoldSweeper::returnUnits(const QList<ExpiredHold> &expired, bool more)
{
    if (expired.isEmpty()) {
        m_sweeping = false;
        if (more)
            sweep();
        return;
    }
    auto pending = std::make_shared<qsizetype>(expired.size());
    for (const ExpiredHold &hold : std::as_const(expired)) {
        HoldStore::end(m_redis, hold.productId, hold.holdId, true,
                       [this, pending, more](Result<qint64> returned) {
                           // Redis failing here keeps the units held there only: unsold until the product is
                           // rebuilt.
                           if (returned && m_deps.metrics)
                               m_deps.metrics->returned(true, double(*returned));
                           if (--*pending == 0) {
                               m_sweeping = false;
                               if (more)
                                   sweep();
                           }
                       });
    }
}

} // namespace fd::reservations
