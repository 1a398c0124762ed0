#include "server/infra/ratelimit/ratelimitlease.h"

namespace fd::infra {

RateLimitLease::RateLimitLease(RateLimitPolicy policy)
    : m_policy(std::move(policy)), m_slice(qMax<qint64>(1, m_policy.limit / 100))
{
    m_refusedUntil.setRemainingTime(0);
    m_expires.setRemainingTime(0);
}

void RateLimitLease::check(RedisClient *redis, const QByteArray &subject,
                           std::function<void(RateLimitDecision)> done)
{
    if (m_slice == 1) {
        RateLimiter::check(redis, m_policy, subject, std::move(done));
        return;
    }
    if (!m_refusedUntil.hasExpired()) {
        RateLimitDecision refused = m_last;
        refused.allowed = false;
        refused.remaining = 0;
        refused.retryAfterMs = qMax<qint64>(1, m_refusedUntil.remainingTime());
        done(refused);
        return;
    }
    if (m_tokens > 0 && !m_expires.hasExpired() && m_waiting.isEmpty()) {
        --m_tokens;
        RateLimitDecision decision = m_last;
        decision.remaining = m_last.remaining + m_tokens;
        done(decision);
        return;
    }
    m_waiting.append(std::move(done));
    if (!m_taking)
        takeSlice(redis, subject);
}

void RateLimitLease::takeSlice(RedisClient *redis, const QByteArray &subject)
{
    m_taking = true;
    RateLimiter::check(redis, m_policy, subject, m_slice, [this, redis, subject](RateLimitDecision decision) {
        m_taking = false;
        m_last = decision;
        if (decision.unchecked) {
            // Redis unreachable: each waiting request gets the policy's direction, no slice is kept.
            for (auto &waiting : std::exchange(m_waiting, {}))
                waiting(decision);
            return;
        }
        if (!decision.allowed) {
            m_tokens = 0;
            m_refusedUntil.setRemainingTime(qMax<qint64>(1, decision.retryAfterMs));
            for (auto &waiting : std::exchange(m_waiting, {})) {
                RateLimitDecision refused = decision;
                waiting(refused);
            }
            return;
        }
        m_tokens = m_slice;
        m_expires.setRemainingTime(m_policy.periodMs);
        serveWaiting();
        if (!m_waiting.isEmpty())
            takeSlice(redis, subject);
    });
}

void RateLimitLease::serveWaiting()
{
    while (m_tokens > 0 && !m_waiting.isEmpty()) {
        --m_tokens;
        RateLimitDecision decision = m_last;
        decision.remaining = m_last.remaining + m_tokens;
        m_waiting.takeFirst()(decision);
    }
}

} // namespace fd::infra
