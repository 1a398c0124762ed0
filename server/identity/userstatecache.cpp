#include "server/identity/userstatecache.h"

#include "server/identity/localuserstates.h"
#include "server/identity/userrepository.h"
#include "server/infra/db/dbpool.h"
#include "server/infra/redis/luascript.h"
#include "server/infra/redis/redisclient.h"

#include <QLoggingCategory>

#include <algorithm>

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
    redis->command(
        {"HMGET", keyFor(userId), "active", "role", "valid_after"},
        [this, redis, context, userId, done](const infra::RedisReply &reply) {
            // A state cached without one of the fields (written by an older node) counts as not cached.
            const bool cached = !reply.isError() && reply.elements.size() == 3 &&
                                std::all_of(reply.elements.cbegin(), reply.elements.cend(),
                                            [](const infra::RedisReply &field) {
                                                return field.type == infra::RedisReply::Type::String;
                                            });
            if (!cached) {
                loadFromDatabase(reply.isError() ? nullptr : redis, context, userId, done);
                return;
            }
            const auto role = roleFromName(QString::fromLatin1(reply.elements.at(1).string));
            const UserState state{true, reply.elements.at(0).string == "1", role.value_or(Role::Buyer),
                                  reply.elements.at(2).string.toLongLong()};
            LocalUserStates::shared().remember(userId, state);
            done(state);
        });
}

void UserStateCache::publish(infra::RedisClient *redis, const QUuid &userId, const UserState &state,
                             std::function<void(bool)> done)
{
    LocalUserStates::shared().remember(userId, state);
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
    redis->command({"HSET", key, "active", state.active ? "1" : "0", "role", roleName(state.role).toLatin1(),
                    "valid_after", QByteArray::number(state.tokensValidAfter)},
                   ignore);
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
            return UserState{true, (*user)->active, (*user)->role, (*user)->tokensValidAfter};
        },
        [redis, userId, done](Loaded state) {
            if (state && state->exists)
                LocalUserStates::shared().remember(userId, *state);
            if (state && state->exists && redis) {
                redis->evalScript(fillScript(), {keyFor(userId)},
                                  {state->active ? "1" : "0", roleName(state->role).toLatin1(),
                                   QByteArray::number(state->tokensValidAfter),
                                   QByteArray::number(kTtlSeconds)},
                                  [](const infra::RedisReply &) {});
            }
            done(state);
        });
}

} // namespace fd::identity
