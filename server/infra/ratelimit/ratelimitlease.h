#pragma once

#include "server/infra/ratelimit/ratelimiter.h"

#include <QDeadlineTimer>
#include <QList>

#include <functional>

namespace fd::infra {

// A high, shared limit (the cluster-wide one) taken from Redis in leases instead of one script per request:
// a lease is a slice of the limit (1%) charged to the shared GCRA state at once and spent locally, so the
// cluster still admits no more than the limit, while Redis sees one call per slice. A slice unspent after
// one period lapses (the cluster then admits a little less, never more). Limits under 100 per period are
// checked request by request, exactly as RateLimiter does. One per IO thread: not thread-safe.
class RateLimitLease
{
public:
    explicit RateLimitLease(RateLimitPolicy policy);

    void check(RedisClient *redis, const QByteArray &subject, std::function<void(RateLimitDecision)> done);
    qint64 sliceSize() const { return m_slice; }

private:
    void takeSlice(RedisClient *redis, const QByteArray &subject);
    void serveWaiting();

    RateLimitPolicy m_policy;
    qint64 m_slice;
    qint64 m_tokens = 0;
    QDeadlineTimer m_expires;
    QDeadlineTimer m_refusedUntil;
    RateLimitDecision m_last; // what Redis said when the slice was taken
    QList<std::function<void(RateLimitDecision)>> m_waiting;
    bool m_taking = false;
};

} // namespace fd::infra
