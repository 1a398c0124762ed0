#pragma once

#include "server/http/exchange.h"

#include <QByteArray>
#include <QString>

#include <functional>

namespace fd::infra {

class RedisClient;

struct RateLimitPolicy
{
    QByteArray name;  // "login-account", "signup-ip", ... (the policy name in RateLimit headers)
    qint64 limit = 1; // requests per period
    qint64 periodMs = 1000;
    bool openWhenRedisDown = true; // false: refuse when the limit cannot be checked
};

struct RateLimitDecision
{
    bool allowed = true;
    bool unchecked = false; // Redis unavailable; allowed follows the policy's direction
    qint64 remaining = 0;
    qint64 resetMs = 0;
    qint64 retryAfterMs = 0;

    // RateLimit-Policy and RateLimit (IETF draft) headers, plus Retry-After when refused.
    http::HeaderList headers(const RateLimitPolicy &policy) const;
};

// Checks one limit with the GCRA script in lua/rate_limit.lua. Keys carry a {hash tag} so the script is
// valid on Redis Cluster; every node shares the same state, so limits hold across a fleet.
class RateLimiter
{
public:
    static void check(RedisClient *redis, const RateLimitPolicy &policy, const QByteArray &subject,
                      std::function<void(RateLimitDecision)> done);
    // The same, charging `cost` requests at once (a lease of that many).
    static void check(RedisClient *redis, const RateLimitPolicy &policy, const QByteArray &subject,
                      qint64 cost, std::function<void(RateLimitDecision)> done);
    static QByteArray keyFor(const QByteArray &policyName, const QByteArray &subject);
};

} // namespace fd::infra
