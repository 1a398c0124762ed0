#pragma once

#include "common/result.h"
#include "server/identity/apikeyrecord.h"

#include <functional>
#include <optional>

class QObject;

namespace fd::infra {
class DbPool;
class RedisClient;
} // namespace fd::infra

namespace fd::identity {

// The credentials of API keys by id, so a partner's request costs one HMGET: Redis holds each key's
// record for a minute (fd:apikey:{<id>}); PostgreSQL decides on a miss or when Redis is down. A revocation
// overwrites the cached record right after it commits, so it applies at the next request on every node.
class ApiKeyCache
{
public:
    using Found = Result<std::optional<ApiKeyCredential>>;

    explicit ApiKeyCache(infra::DbPool *db) : m_db(db) {}

    void get(infra::RedisClient *redis, QObject *context, const QUuid &id,
             std::function<void(Found)> done) const;

    // Call after the revocation committed; done runs once Redis answered (or could not), so the caller
    // answers its client only when the key is refused everywhere.
    static void publishRevoked(infra::RedisClient *redis, const ApiKeyRecord &key,
                               std::function<void()> done);

    static QByteArray keyFor(const QUuid &id);
    static constexpr int kTtlSeconds = 60;

private:
    void loadFromDatabase(infra::RedisClient *redis, QObject *context, const QUuid &id,
                          std::function<void(Found)> done) const;

    infra::DbPool *m_db;
};

} // namespace fd::identity
