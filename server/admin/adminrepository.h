#pragma once

#include "common/result.h"
#include "common/role.h"
#include "server/identity/userrecord.h"
#include "server/infra/db/timekey.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QSqlDatabase>

#include <optional>

namespace fd::admin {

// An account as staff see it (never its password hash).
struct AdminUserRecord
{
    identity::UserRecord user;
    QDateTime updatedAt;
    QString createdKey; // created_at exact to the microsecond, for cursors
    QString updatedKey; // updated_at exact to the microsecond, for the ETag

    infra::TimeKey key() const { return {createdKey, user.id}; }
    // A strong entity tag, quoted: changes whenever anything staff can see or change does.
    QByteArray etag() const;
    QJsonObject toJson() const;
};

struct UserFilter
{
    QString emailContains; // empty: any
    std::optional<Role> role;
    std::optional<bool> active;
    std::optional<bool> verified;
};

struct RoleCount
{
    Role role = Role::Buyer;
    bool active = true;
    qint64 count = 0;
};

// SQL for the administration of accounts.
class AdminRepository
{
public:
    explicit AdminRepository(QSqlDatabase &db) : m_db(db) {}

    // Newest first, (created_at, id) descending; limit + 1 rows at most (see infra::trimToPage).
    Result<QList<AdminUserRecord>> listUsers(const UserFilter &filter,
                                             const std::optional<infra::TimeKey> &after, int limit);
    // forUpdate locks the row until the transaction ends.
    Result<std::optional<AdminUserRecord>> findUser(const QUuid &id, bool forUpdate = false);
    // Deactivation also moves tokens_valid_after, so tokens issued before it stay dead if the user returns.
    Result<void> updateUser(const QUuid &id, Role role, bool active, bool verified, bool deactivating);
    // Revokes every API key of the user still in force; returns their ids.
    Result<QList<QUuid>> revokeApiKeys(const QUuid &userId);
    Result<QList<RoleCount>> countUsers();

private:
    QSqlDatabase &m_db;
};

} // namespace fd::admin
