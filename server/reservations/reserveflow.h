#pragma once

#include "common/result.h"
#include "common/role.h"
#include "server/reservations/holdsdeps.h"

#include <QObject>

#include <functional>
#include <memory>

namespace fd::reservations {

struct ReserveAnswer
{
    Result<Reservation> reservation;
    qint64 retryAfterMs = 0; // rate limited: when to come back
};

// One reserve request, from Redis' decision to the ledger, on the IO thread that received it:
//   1. Redis decides and takes the units (hold_reserve.lua), recording the hold as unconfirmed;
//   2. PostgreSQL records the hold under the generation Redis decided it in;
//   3. Redis marks it confirmed.
// A crash between 1 and 2 leaves units held in Redis only: unsold for a while, never sold twice; the
// overdue hold makes the next reserve rebuild the product from PostgreSQL. A hold PostgreSQL refuses
// (the Redis state was stale) goes back at once, and the state is rebuilt before Redis is asked again.
class ReserveFlow : public std::enable_shared_from_this<ReserveFlow>
{
public:
    using Done = std::function<void(ReserveAnswer)>;

    static void run(const HoldsDeps &deps, infra::RedisClient *redis, QObject *context, HoldRequest hold,
                    Role callerRole, Done done);

    ReserveFlow(const HoldsDeps &deps, infra::RedisClient *redis, QObject *context, HoldRequest hold,
                Role callerRole, Done done);

private:
    void decide();
    void decided(const HoldDecision &decision);
    void record(qint64 generation);
    void fenced(qint64 generation);
    void rebuild();
    void refuseNotOnSale(bool exists, const QUuid &sellerId);
    void repairInBackground();
    void retrySoon();
    void finish(ReserveAnswer answer);
    void fail(ErrorCode code, const QString &detail);

    HoldsDeps m_deps;
    infra::RedisClient *m_redis;
    QObject *m_context;
    HoldRequest m_hold;
    Role m_callerRole;
    Done m_done;
    int m_attempts = 0;
};

} // namespace fd::reservations
