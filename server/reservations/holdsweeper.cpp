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

HoldSweeper::HoldSweeper(HoldsDeps deps, QList<ExpiryStep> steps, infra::RedisEndpoint redis, int intervalMs,
                         QObject *parent)
    : QObject(parent), m_deps(std::move(deps)), m_steps(std::move(steps)), m_endpoint(std::move(redis)),
      m_timer(this)
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
    struct Swept
    {
        QList<ExpiredHold> ended;
        bool more = false; // some step filled its batch
    };
    m_deps.db->run<Result<Swept>>(
        this,
        [steps = m_steps](QSqlDatabase &db) -> Result<Swept> {
            Swept swept;
            for (const ExpiryStep &step : steps) {
                auto ended = step(db, kBatch);
                if (!ended)
                    return ended.error();
                swept.more = swept.more || ended->size() >= kBatch;
                swept.ended += *ended;
            }
            return swept;
        },
        [this](Result<Swept> swept) {
            if (!swept) {
                qCWarning(lcHolds).noquote() << "expiring holds failed:" << swept.error().detail;
                m_sweeping = false;
                return;
            }
            returnUnits(swept->ended, swept->more);
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
