#pragma once

#include "common/result.h"
#include "server/admin/adminrepository.h"
#include "server/audit/auditentry.h"
#include "server/catalog/productrecord.h"
#include "server/identity/upgraderequestrepository.h"

#include <QByteArrayList>
#include <QMap>
#include <QSqlDatabase>

namespace fd::admin {

// What an admin may change on an account; absent members stay as they are.
struct UserChange
{
    std::optional<Role> role;
    std::optional<bool> active;
    std::optional<bool> verified;
};

struct UserUpdate
{
    AdminUserRecord user;        // after the change: publish its state
    QList<QUuid> revokedApiKeys; // by a deactivation: drop them from the key cache
};

struct ApprovedUpgrade
{
    identity::UpgradeRequestRecord request;
    AdminUserRecord user; // after the change: publish its state
};

struct AdminStats
{
    QList<RoleCount> users;
    qint64 pendingUpgrades = 0;
    QMap<catalog::ProductStatus, qint64> products;

    QJsonObject toJson() const;
};

// The rules of account administration and upgrade decisions. Every method runs on a database thread with
// the connection it is given; changes run in one transaction with their audit entries. Publishing the new
// access state to Redis after the commit is the caller's (it needs the IO thread's connection).
class AdminService
{
public:
    Result<QList<AdminUserRecord>> listUsers(QSqlDatabase &db, const UserFilter &filter,
                                             const std::optional<infra::TimeKey> &after, int limit);
    Result<std::optional<AdminUserRecord>> findUser(QSqlDatabase &db, const QUuid &id);
    // ifMatch: the entity tags of If-Match (empty when the header was absent; "*" matches any).
    // Deactivation revokes every session and API key of the user. An admin can neither deactivate nor
    // change the role of their own account (SelfModification), so an active admin always remains.
    Result<UserUpdate> updateUser(QSqlDatabase &db, const QUuid &id, const UserChange &change,
                                  const QByteArrayList &ifMatch, const audit::Actor &actor);

    Result<QList<identity::UpgradeRequestRecord>>
    listUpgradeRequests(QSqlDatabase &db, const std::optional<QString> &status,
                        const std::optional<infra::TimeKey> &after, int limit);
    // Gives the user the requested role and marks them verified.
    Result<ApprovedUpgrade> approveUpgrade(QSqlDatabase &db, const QUuid &requestId,
                                           const audit::Actor &actor);
    Result<identity::UpgradeRequestRecord> rejectUpgrade(QSqlDatabase &db, const QUuid &requestId,
                                                         const QString &reason, const audit::Actor &actor);

    Result<AdminStats> stats(QSqlDatabase &db);
};

} // namespace fd::admin
