#pragma once

#include "server/reservations/holdsdeps.h"
#include "server/reservations/reservationrepository.h"

#include <QObject>
#include <QSqlDatabase>

#include <functional>

namespace fd::reservations {

// One kind of expiry: marks at most `batch` lapsed rows and answers the holds that ended with them.
using ExpiryStep = std::function<Result<QList<ExpiredHold>>(QSqlDatabase &, int batch)>;

// Returns lapsed holds: PostgreSQL marks them EXPIRED (each exactly once, however many sweeps run on however
// many nodes), then their units go back on sale in Redis (idempotent: at most once; a sold hold is never
// PENDING, so never returned). Sweeps until nothing is due, then answers on context's thread; an error
// when PostgreSQL or Redis failed (units Redis did not get back stay unsold until the product is rebuilt).
void sweepExpiredHolds(const HoldsDeps &deps, const QList<ExpiryStep> &steps, infra::RedisClient *redis,
                       QObject *context, std::function<void(Result<void>)> done);

} // namespace fd::reservations
