#include "server/identity/userstatecache.h"

#include "server/identity/localuserstates.h"
#include "server/identity/userrepository.h"
#include "server/infra/db/dbpool.h"
#include "server/infra/redis/luascript.h"
#include "server/infra/redis/redisclient.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcAuth)

namespace fd::identity {
namespace {

QByteArray keyFor(const QUuid &userId)
{
    return "fd:user:{" + userId.toByteArray(QUuid::WithoutBraces) + '}';
}

const infra::LuaScript &fillScript()
{
    static const infra::LuaScript script =
        *infra::LuaScript::fromFile(QStringLiteral(":/lua/user_state_fill.lua"));
    return script;
}

} // namespace

void UserStateCache::get(infra::RedisClient *redis, QObject *context, const QUuid &userId,
                         std::function<void(Result<UserState>)> done) const
{
    if (const auto known = LocalUserStates::shared().find(userId)) {
        done(*known);
        return;
    }
    if (!redis || !redis->isConnected()) {
        loadFromDatabase(nullptr, context, userId, std::move(done));
        return;
    }
    redis->command({"HMGET", keyFor(userId), "active", "role"}, [this, redis, context, userId,
                                                                 done](const infra::RedisReply &reply) {
        const bool cached = !reply.isError() && reply.elements.size() == 2 &&
                            reply.elements.at(0).type == infra::RedisReply::Type::String &&
                            reply.elements.at(1).type == infra::RedisReply::Type::String;
        if (!cached) {
            loadFromDatabase(reply.isError() ? nullptr : redis, context, userId, done);
            return;
        }
        const auto role = roleFromName(QString::fromLatin1(reply.elements.at(1).string));
        const UserState state{true, reply.elements.at(0).string == "1", role.value_or(Role::Buyer)};
        LocalUserStates::shared().remember(userId, state);
        done(state);
    });
}

void UserStateCache::publish(infra::RedisClient *redis, const QUuid &userId, bool active, Role role,
                             std::function<void(bool)> done)
{
    LocalUserStates::shared().remember(userId, UserState{true, active, role});
    if (!redis) {
        if (done)
            done(false);
        return;
    }
    // One transaction, so the state never lands without its TTL. The four commands are queued in one go on
    // this thread's connection: nothing else can come between them.
    const QByteArray key = keyFor(userId);
    const auto ignore = [](const infra::RedisReply &) {};
    redis->command({"MULTI"}, ignore);
    redis->command({"HSET", key, "active", active ? "1" : "0", "role", roleName(role).toLatin1()}, ignore);
    redis->command({"EXPIRE", key, QByteArray::number(kTtlSeconds)}, ignore);
    redis->command({"EXEC"}, [userId, done](const infra::RedisReply &reply) {
        const bool stored = reply.type == infra::RedisReply::Type::Array;
        if (!stored)
            qCWarning(lcAuth).noquote()
                << "could not publish the state of user" << userId.toString(QUuid::WithoutBraces)
                << "to Redis:" << reply.string << "- existing tokens follow within" << kTtlSeconds << "s";
        if (done)
            done(stored);
    });
}

void UserStateCache::loadFromDatabase(infra::RedisClient *redis, QObject *context, const QUuid &userId,
                                      std::function<void(Result<UserState>)> done) const
{
    using Loaded = Result<UserState>;
    m_db->run<Loaded>(
        context,
        [userId](QSqlDatabase &db) -> Loaded {
            auto user = UserRepository(db).findById(userId);
            if (!user)
                return Error{ErrorCode::ServiceUnavailable,
                             QStringLiteral("Cannot check the account right now")};
            if (!*user)
                return UserState{};
            return UserState{true, (*user)->active, (*user)->role};
        },
        [redis, userId, done](Loaded state) {
            if (state && state->exists)
                LocalUserStates::shared().remember(userId, *state);
            if (state && state->exists && redis) {
                redis->evalScript(fillScript(), {keyFor(userId)},
                                  {state->active ? "1" : "0", roleName(state->role).toLatin1(),
                                   QByteArray::number(kTtlSeconds)},
                                  [](const infra::RedisReply &) {});
            }
            done(state);
        });
}

} // namespace fd::identity
