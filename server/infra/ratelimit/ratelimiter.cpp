#include "server/infra/ratelimit/ratelimiter.h"

#include "server/infra/redis/luascript.h"
#include "server/infra/redis/redisclient.h"

#include <QCryptographicHash>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcRateLimit, "fd.server.ratelimit")

namespace fd::infra {
namespace {

const LuaScript &script()
{
    static const LuaScript loaded = [] {
        auto fromResource = LuaScript::fromFile(QStringLiteral(":/lua/rate_limit.lua"));
        Q_ASSERT(fromResource);
        return *fromResource;
    }();
    return loaded;
}

qint64 seconds(qint64 ms)
{
    return (ms + 999) / 1000;
}

} // namespace

http::HeaderList RateLimitDecision::headers(const RateLimitPolicy &policy) const
{
    const QByteArray name = '"' + policy.name + '"';
    http::HeaderList list{
        {"RateLimit-Policy", name + ";q=" + QByteArray::number(policy.limit) +
                                 ";w=" + QByteArray::number(seconds(policy.periodMs))},
        {"RateLimit",
         name + ";r=" + QByteArray::number(remaining) + ";t=" + QByteArray::number(seconds(resetMs))},
    };
    if (!allowed)
        list.append({"Retry-After", QByteArray::number(qMax<qint64>(1, seconds(retryAfterMs)))});
    return list;
}

QByteArray RateLimiter::keyFor(const QByteArray &policyName, const QByteArray &subject)
{
    // Subjects may be emails or addresses: hash them so keys stay short and carry no personal data.
    const QByteArray digest = QCryptographicHash::hash(subject, QCryptographicHash::Sha256).toHex().left(32);
    return "fd:rl:{" + policyName + ':' + digest + '}';
}

void RateLimiter::check(RedisClient *redis, const RateLimitPolicy &policy, const QByteArray &subject,
                        std::function<void(RateLimitDecision)> done)
{
    check(redis, policy, subject, 1, std::move(done));
}

void RateLimiter::check(RedisClient *redis, const RateLimitPolicy &policy, const QByteArray &subject,
                        qint64 cost, std::function<void(RateLimitDecision)> done)
{
    auto unchecked = [policy, done] {
        RateLimitDecision decision;
        decision.unchecked = true;
        decision.allowed = policy.openWhenRedisDown;
        decision.remaining = policy.limit;
        decision.retryAfterMs = 1000;
        done(decision);
    };
    if (!redis) {
        unchecked();
        return;
    }
    redis->evalScript(
        script(), {keyFor(policy.name, subject)},
        {QByteArray::number(policy.limit), QByteArray::number(policy.periodMs), QByteArray::number(cost)},
        [done, unchecked](const RedisReply &reply) {
            if (reply.isError() || reply.elements.size() != 4) {
                qCWarning(lcRateLimit).noquote() << "limit not checked:" << reply.string;
                unchecked();
                return;
            }
            RateLimitDecision decision;
            decision.allowed = reply.elements.at(0).integer == 1;
            decision.remaining = reply.elements.at(1).integer;
            decision.resetMs = reply.elements.at(2).integer;
            decision.retryAfterMs = reply.elements.at(3).integer;
            done(decision);
        });
}

} // namespace fd::infra
