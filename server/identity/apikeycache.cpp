#include "server/identity/apikeycache.h"

#include "server/identity/apikeyrepository.h"
#include "server/infra/db/dbpool.h"
#include "server/infra/redis/luascript.h"
#include "server/infra/redis/redisclient.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcAuth)

namespace fd::identity {
namespace {

const QList<QByteArray> kFields{"user", "hash", "scopes", "expires", "revoked"};

const infra::LuaScript &cacheScript()
{
    static const infra::LuaScript script =
        *infra::LuaScript::fromFile(QStringLiteral(":/lua/api_key_cache.lua"));
    return script;
}

void store(infra::RedisClient *redis, const QUuid &id, const ApiKeyCredential &credential, bool replace,
           infra::RedisClient::Callback done)
{
    const QList<QByteArray> values{credential.userId.toByteArray(QUuid::WithoutBraces),
                                   credential.secretHash.toHex(), credential.scopes.join(u' ').toLatin1(),
                                   QByteArray::number(credential.expiresAtMs),
                                   credential.revoked ? "1" : "0"};
    QList<QByteArray> args{replace ? "1" : "0", QByteArray::number(ApiKeyCache::kTtlSeconds)};
    for (qsizetype i = 0; i < kFields.size(); ++i)
        args << kFields.at(i) << values.at(i);
    redis->evalScript(cacheScript(), {ApiKeyCache::keyFor(id)}, args, std::move(done));
}

std::optional<ApiKeyCredential> fromReply(const infra::RedisReply &reply)
{
    if (reply.isError() || reply.elements.size() != kFields.size())
        return std::nullopt;
    for (const infra::RedisReply &element : reply.elements) {
        if (element.type != infra::RedisReply::Type::String)
            return std::nullopt;
    }
    ApiKeyCredential credential;
    credential.userId = QUuid::fromString(QLatin1StringView(reply.elements.at(0).string));
    credential.secretHash = QByteArray::fromHex(reply.elements.at(1).string);
    credential.scopes = QString::fromLatin1(reply.elements.at(2).string).split(u' ', Qt::SkipEmptyParts);
    credential.expiresAtMs = reply.elements.at(3).string.toLongLong();
    credential.revoked = reply.elements.at(4).string == "1";
    if (credential.userId.isNull())
        return std::nullopt;
    return credential;
}

} // namespace

QByteArray ApiKeyCache::keyFor(const QUuid &id)
{
    return "fd:apikey:{" + id.toByteArray(QUuid::WithoutBraces) + '}';
}

void ApiKeyCache::get(infra::RedisClient *redis, QObject *context, const QUuid &id,
                      std::function<void(Found)> done) const
{
    if (!redis || !redis->isConnected()) {
        loadFromDatabase(nullptr, context, id, std::move(done));
        return;
    }
    QList<QByteArray> command{"HMGET", keyFor(id)};
    command << kFields;
    redis->command(command, [this, redis, context, id, done](const infra::RedisReply &reply) {
        if (auto cached = fromReply(reply)) {
            done(std::optional<ApiKeyCredential>{*cached});
            return;
        }
        loadFromDatabase(reply.isError() ? nullptr : redis, context, id, done);
    });
}

void ApiKeyCache::loadFromDatabase(infra::RedisClient *redis, QObject *context, const QUuid &id,
                                   std::function<void(Found)> done) const
{
    m_db->run<Found>(
        context,
        [id](QSqlDatabase &db) -> Found {
            auto found = ApiKeyRepository(db).credential(id);
            if (!found)
                return Error{ErrorCode::ServiceUnavailable,
                             QStringLiteral("Cannot check the API key right now")};
            return found;
        },
        [redis, id, done](Found found) {
            // Unknown ids are not cached: they are random guesses, and would only fill Redis.
            if (found && *found && redis)
                store(redis, id, **found, false, [](const infra::RedisReply &) {});
            done(found);
        });
}

void ApiKeyCache::publishRevoked(infra::RedisClient *redis, const ApiKeyRecord &key,
                                 std::function<void()> done)
{
    if (!redis || !redis->isConnected()) {
        qCWarning(lcAuth).noquote() << "API key" << key.id.toString(QUuid::WithoutBraces)
                                    << "revoked while Redis is unreachable; cached copies expire within"
                                    << kTtlSeconds << "s";
        done();
        return;
    }
    ApiKeyCredential revoked;
    revoked.userId = key.userId;
    revoked.scopes = key.scopes;
    revoked.expiresAtMs = key.expiresAt.isValid() ? key.expiresAt.toMSecsSinceEpoch() : 0;
    revoked.revoked = true;
    store(redis, key.id, revoked, true, [id = key.id, done](const infra::RedisReply &reply) {
        if (reply.isError())
            qCWarning(lcAuth).noquote() << "API key" << id.toString(QUuid::WithoutBraces)
                                        << "revoked but not published to Redis:" << reply.string;
        done();
    });
}

} // namespace fd::identity
