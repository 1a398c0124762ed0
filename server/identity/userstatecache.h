#pragma once

#include "common/result.h"
#include "common/role.h"

#include <QUuid>

#include <functional>

class QObject;

namespace fd::infra {
class DbPool;
class RedisClient;
} // namespace fd::infra

namespace fd::identity {

struct UserState
{
    bool exists = false;
    bool active = false;
    Role role = Role::Buyer;
    qint64 tokensValidAfter = 0; // see UserRecord
};

// Whether a user may act, and as which role, checked on every authenticated request so deactivation and
// role changes apply to tokens already issued. The node remembers it for a second (LocalUserStates), Redis
// for a minute; PostgreSQL decides on a miss or when Redis is down.
class UserStateCache
{
public:
    explicit UserStateCache(infra::DbPool *db) : m_db(db) {}

    void get(infra::RedisClient *redis, QObject *context, const QUuid &userId,
             std::function<void(Result<UserState>)> done) const;

    // Writes a state just committed to PostgreSQL, whether or not one is cached, for the same TTL as a
    // fill. done(false) when Redis did not take it: tokens then follow within the TTL.
    static void publish(infra::RedisClient *redis, const QUuid &userId, const UserState &state,
                        std::function<void(bool)> done = {});

    static constexpr int kTtlSeconds = 60;

private:
    void loadFromDatabase(infra::RedisClient *redis, QObject *context, const QUuid &userId,
                          std::function<void(Result<UserState>)> done) const;

    infra::DbPool *m_db;
};

} // namespace fd::identity
