#include "server/reservations/holdstore.h"

#include "server/infra/redis/redisclient.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcHolds, "fd.server.holds")

namespace fd::reservations {
namespace {

using infra::LuaScript;
using infra::RedisReply;

// The scripts ship inside the binary, so loading them cannot fail at run time.
const LuaScript &reserveScript()
{
    static const LuaScript loaded = *LuaScript::fromFile(QStringLiteral(":/lua/hold_reserve.lua"));
    return loaded;
}

const LuaScript &returnScript()
{
    static const LuaScript loaded = *LuaScript::fromFile(QStringLiteral(":/lua/hold_return.lua"));
    return loaded;
}

const LuaScript &loadScript()
{
    static const LuaScript loaded = *LuaScript::fromFile(QStringLiteral(":/lua/hold_load.lua"));
    return loaded;
}

const LuaScript &unlockScript()
{
    static const LuaScript loaded = *LuaScript::fromFile(QStringLiteral(":/lua/lock_release.lua"));
    return loaded;
}

QByteArray idBytes(const QUuid &id)
{
    return id.toByteArray(QUuid::WithoutBraces);
}

QByteArray tagOf(const QUuid &productId)
{
    return "{p:" + idBytes(productId) + '}';
}

Error redisFailure(const RedisReply &reply)
{
    qCWarning(lcHolds).noquote() << "hold script failed:" << QString::fromUtf8(reply.string);
    return Error{ErrorCode::ServiceUnavailable, QStringLiteral("Reservations are unavailable right now")};
}

qint64 integerAt(const RedisReply &reply, qsizetype index)
{
    if (index >= reply.elements.size())
        return 0;
    const RedisReply &element = reply.elements.at(index);
    return element.type == RedisReply::Type::Integer ? element.integer : element.string.toLongLong();
}

HoldDecision decisionFrom(const RedisReply &reply)
{
    using Outcome = HoldDecision::Outcome;
    HoldDecision decision;
    if (reply.isError() || reply.type != RedisReply::Type::Array || reply.elements.isEmpty()) {
        if (reply.isError())
            redisFailure(reply);
        return decision; // Unavailable
    }
    const QByteArray outcome = reply.elements.constFirst().string;
    if (outcome == "ok" || outcome == "insufficient") {
        decision.outcome = outcome == "ok" ? Outcome::Granted : Outcome::Insufficient;
        decision.available = integerAt(reply, 1);
        decision.generation = integerAt(reply, 2);
        decision.overdue = integerAt(reply, 3);
    } else if (outcome == "limit") {
        decision.outcome = Outcome::UserLimit;
        decision.unitsHeld = integerAt(reply, 1);
    } else if (outcome == "own") {
        decision.outcome = Outcome::OwnProduct;
    } else if (outcome == "not_on_sale") {
        decision.outcome = Outcome::NotOnSale;
        if (reply.elements.size() > 1)
            decision.sellerId = QUuid::fromString(QLatin1StringView(reply.elements.at(1).string));
    } else if (outcome == "rate") {
        decision.outcome = Outcome::RateLimited;
        decision.retryAfterMs = integerAt(reply, 1);
    } else if (outcome == "rebuild") {
        decision.outcome = Outcome::Rebuild;
    }
    return decision;
}

} // namespace

QList<QByteArray> HoldStore::keysOf(const QUuid &productId)
{
    const QByteArray tag = tagOf(productId);
    return {tag + ":hold", tag + ":holds", tag + ":units", tag + ":unconfirmed", tag + ":rate"};
}

QByteArray HoldStore::rebuildLockKey(const QUuid &productId)
{
    return tagOf(productId) + ":rebuild";
}

void HoldStore::reserve(infra::RedisClient *redis, const HoldPolicy &policy, const HoldRequest &hold,
                        std::function<void(HoldDecision)> done)
{
    if (redis->serverRunId().isEmpty()) {
        // Not connected yet (or never was): the client answers "unavailable" on the next loop pass.
        redis->command({QByteArrayLiteral("PING")},
                       [done = std::move(done)](const RedisReply &) { done(HoldDecision{}); });
        return;
    }
    redis->evalScript(reserveScript(), keysOf(hold.productId),
                      {redis->serverRunId(), idBytes(hold.holdId), idBytes(hold.userId),
                       QByteArray::number(hold.quantity), QByteArray::number(policy.maxUnitsPerUser),
                       QByteArray::number(policy.reservesPerSecond),
                       QByteArray::number(policy.stateLifetimeMs), QByteArray::number(policy.unconfirmedMs)},
                      [done = std::move(done)](const RedisReply &reply) { done(decisionFrom(reply)); });
}

void HoldStore::confirm(infra::RedisClient *redis, const HoldRequest &hold)
{
    // Best effort: a confirmation lost here only makes the hold look overdue later, and the repair that
    // follows rebuilds the product from PostgreSQL, where the hold is recorded.
    redis->command({QByteArrayLiteral("ZREM"), keysOf(hold.productId).at(3), idBytes(hold.holdId)},
                   [](const RedisReply &) {});
}

void HoldStore::end(infra::RedisClient *redis, const QUuid &productId, const QUuid &holdId, bool backOnSale,
                    std::function<void(Result<qint64>)> done)
{
    QList<QByteArray> keys = keysOf(productId);
    keys.removeLast();
    redis->evalScript(returnScript(), keys, {idBytes(holdId), backOnSale ? "1" : "0"},
                      [done = std::move(done)](const RedisReply &reply) {
                          if (reply.isError() || reply.type != RedisReply::Type::Integer)
                              done(redisFailure(reply));
                          else
                              done(reply.integer);
                      });
}

void HoldStore::load(infra::RedisClient *redis, const HoldPolicy &policy, const QUuid &productId,
                     const HoldSnapshot &snapshot, std::function<void(Result<bool>)> done)
{
    if (redis->serverRunId().isEmpty()) {
        redis->command({QByteArrayLiteral("PING")}, [done = std::move(done)](const RedisReply &reply) {
            done(redisFailure(reply.isError() ? reply : RedisReply::error("ERR redis run id unknown")));
        });
        return;
    }
    QList<QByteArray> keys = keysOf(productId);
    keys.removeLast();
    QList<QByteArray> args{
        redis->serverRunId(),
        QByteArray::number(snapshot.generation),
        QByteArray::number(snapshot.available),
        idBytes(snapshot.sellerId),
        QByteArray::number(snapshot.sellable ? policy.stateLifetimeMs : policy.offSaleLifetimeMs),
        snapshot.sellable ? "1" : "0"};
    args.reserve(args.size() + 3 * snapshot.holds.size());
    for (const PendingHold &hold : snapshot.holds)
        args << idBytes(hold.holdId) << QByteArray::number(hold.quantity) << idBytes(hold.userId);
    redis->evalScript(loadScript(), keys, args, [done = std::move(done)](const RedisReply &reply) {
        if (reply.isError() || reply.type != RedisReply::Type::Integer)
            done(redisFailure(reply));
        else
            done(reply.integer == 1);
    });
}

void HoldStore::forget(infra::RedisClient *redis, const QUuid &productId)
{
    redis->command({QByteArrayLiteral("DEL"), keysOf(productId).constFirst()},
                   [productId](const RedisReply &r) {
                       // A state that outlives this (Redis unreachable) is fenced anyway: its generation is
                       // stale, so no hold it grants can be recorded, and the first refused record rebuilds
                       // it.
                       if (r.isError())
                           qCInfo(lcHolds).noquote()
                               << "could not drop hold state of" << productId.toString(QUuid::WithoutBraces)
                               << QString::fromUtf8(r.string);
                   });
}

void HoldStore::generation(infra::RedisClient *redis, const QUuid &productId,
                           std::function<void(Result<qint64>)> done)
{
    redis->command({QByteArrayLiteral("HGET"), keysOf(productId).constFirst(), QByteArrayLiteral("gen")},
                   [done = std::move(done)](const RedisReply &reply) {
                       if (reply.isError())
                           done(redisFailure(reply));
                       else
                           done(reply.type == RedisReply::Type::String ? reply.string.toLongLong() : 0);
                   });
}

void HoldStore::lockRebuild(infra::RedisClient *redis, const QUuid &productId, const QByteArray &token,
                            qint64 ttlMs, std::function<void(bool)> done)
{
    redis->command({QByteArrayLiteral("SET"), rebuildLockKey(productId), token, QByteArrayLiteral("NX"),
                    QByteArrayLiteral("PX"), QByteArray::number(ttlMs)},
                   [done = std::move(done)](const RedisReply &reply) {
                       done(reply.type == RedisReply::Type::Status && reply.string == "OK");
                   });
}

void HoldStore::unlockRebuild(infra::RedisClient *redis, const QUuid &productId, const QByteArray &token)
{
    redis->evalScript(unlockScript(), {rebuildLockKey(productId)}, {token}, [](const RedisReply &) {});
}

} // namespace fd::reservations
