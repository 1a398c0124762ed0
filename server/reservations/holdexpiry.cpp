#include "server/reservations/holdexpiry.h"

#include "server/infra/db/dbpool.h"
#include "server/reservations/holdmetrics.h"

#include <memory>

namespace fd::reservations {
namespace {

constexpr int kBatch = 500;

struct Swept
{
    QList<ExpiredHold> ended;
    bool more = false; // some step filled its batch
};

} // namespace

void sweepExpiredHolds(const HoldsDeps &deps, const QList<ExpiryStep> &steps, infra::RedisClient *redis,
                       QObject *context, std::function<void(Result<void>)> done)
{
    deps.db->run<Result<Swept>>(
        context,
        [steps](QSqlDatabase &db) -> Result<Swept> {
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
        [=](Result<Swept> swept) {
            if (!swept) {
                done(swept.error());
                return;
            }
            const auto again = [=](bool failed) {
                if (failed)
                    done(Error{ErrorCode::ServiceUnavailable,
                               QStringLiteral("Redis did not take back some units")});
                else if (swept->more)
                    sweepExpiredHolds(deps, steps, redis, context, done);
                else
                    done({});
            };
            if (swept->ended.isEmpty()) {
                again(false);
                return;
            }
            struct Progress
            {
                qsizetype pending = 0;
                bool failed = false;
            };
            auto progress = std::make_shared<Progress>(Progress{swept->ended.size(), false});
            for (const ExpiredHold &hold : std::as_const(swept->ended)) {
                HoldStore::end(redis, hold.productId, hold.holdId, true, [=](Result<qint64> returned) {
                    if (returned && deps.metrics)
                        deps.metrics->returned(true, double(*returned));
                    progress->failed = progress->failed || !returned;
                    if (--progress->pending == 0)
                        again(progress->failed);
                });
            }
        });
}

} // namespace fd::reservations
