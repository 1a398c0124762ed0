#include "server/reservations/holdstaterebuild.h"

#include "server/infra/db/dbpool.h"
#include "server/reservations/holdmetrics.h"
#include "server/reservations/reservationrepository.h"

namespace fd::reservations {
namespace {

// Far longer than a rebuild takes; bounds how long a rebuilder that died leaves the product waiting.
constexpr qint64 kLockMs = 5000;

} // namespace

void rebuildHoldState(const HoldsDeps &deps, infra::RedisClient *redis, QObject *context,
                      const QUuid &productId, std::function<void(Result<RebuildOutcome>)> done)
{
    const QByteArray token = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    HoldStore::lockRebuild(redis, productId, token, kLockMs, [=](bool mine) {
        if (!mine) {
            done(RebuildOutcome{});
            return;
        }
        using Snapshot = Result<HoldSnapshot>;
        deps.db->run<Snapshot>(
            context, [productId](QSqlDatabase &db) { return ReservationRepository(db).rebuild(productId); },
            [=](Snapshot snapshot) {
                if (!snapshot) {
                    HoldStore::unlockRebuild(redis, productId, token);
                    done(snapshot.error());
                    return;
                }
                if (!snapshot->exists) {
                    HoldStore::forget(redis, productId);
                    HoldStore::unlockRebuild(redis, productId, token);
                    done(RebuildOutcome{RebuildOutcome::Kind::NotOnSale, *snapshot});
                    return;
                }
                HoldStore::load(redis, deps.policy, productId, *snapshot, [=](Result<bool> loaded) {
                    HoldStore::unlockRebuild(redis, productId, token);
                    if (!loaded) {
                        done(loaded.error());
                        return;
                    }
                    if (deps.metrics && *loaded)
                        deps.metrics->rebuilt();
                    if (snapshot->sellable)
                        done(RebuildOutcome{RebuildOutcome::Kind::Loaded, {}});
                    else
                        done(RebuildOutcome{RebuildOutcome::Kind::NotOnSale, *snapshot});
                });
            });
    });
}

} // namespace fd::reservations
