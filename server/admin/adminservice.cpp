#include "server/admin/adminservice.h"

#include "server/infra/db/sqlsupport.h"

#include "server/audit/auditwriter.h"
#include "server/catalog/productrepository.h"
#include "server/http/conditional.h"
#include "server/identity/sessionrepository.h"
#include "server/infra/db/transaction.h"

namespace fd::admin {

using infra::uuidText;

namespace {

Error userNotFound()
{
    return Error{ErrorCode::NotFound, QStringLiteral("No such user")};
}

Error requestNotFound()
{
    return Error{ErrorCode::NotFound, QStringLiteral("No such upgrade request")};
}

Result<void> auditUser(QSqlDatabase &db, const audit::Actor &actor, const QString &action,
                       const QUuid &userId, const QJsonObject &before, const QJsonObject &after)
{
    return audit::AuditWriter(db).write(
        {actor, action, QStringLiteral("user"), uuidText(userId), before, after});
}

// One audit entry per kind of change, so each can be searched for by its action.
Result<void> auditUserChanges(QSqlDatabase &db, const audit::Actor &actor, const AdminUserRecord &before,
                              Role role, bool active, bool verified, const QJsonObject &revoked)
{
    const QUuid &id = before.user.id;
    if (role != before.user.role) {
        if (auto written = auditUser(db, actor, QStringLiteral("user.role_change"), id,
                                     {{QStringLiteral("role"), roleName(before.user.role)}},
                                     {{QStringLiteral("role"), roleName(role)}});
            !written)
            return written;
    }
    if (active != before.user.active) {
        QJsonObject after = revoked;
        after.insert(QStringLiteral("is_active"), active);
        if (auto written = auditUser(db, actor, QStringLiteral("user.status_change"), id,
                                     {{QStringLiteral("is_active"), before.user.active}}, after);
            !written)
            return written;
    }
    if (verified != before.user.verified) {
        if (auto written = auditUser(db, actor, QStringLiteral("user.verification_change"), id,
                                     {{QStringLiteral("is_verified"), before.user.verified}},
                                     {{QStringLiteral("is_verified"), verified}});
            !written)
            return written;
    }
    return {};
}

Result<AdminUserRecord> reread(AdminRepository &users, const QUuid &id)
{
    auto user = users.findUser(id);
    if (!user)
        return user.error();
    if (!*user)
        return userNotFound();
    return **user;
}

} // namespace

QJsonObject AdminStats::toJson() const
{
    static const QList<Role> kRoles{Role::Admin, Role::Moderator, Role::Seller,
                                    Role::Buyer, Role::UserB2b,   Role::SellerB2b};
    QJsonObject byRole;
    qint64 active = 0;
    qint64 inactive = 0;
    for (Role role : kRoles) {
        qint64 roleActive = 0;
        qint64 roleInactive = 0;
        for (const RoleCount &count : users) {
            if (count.role == role)
                (count.active ? roleActive : roleInactive) += count.count;
        }
        byRole.insert(roleName(role), QJsonObject{{QStringLiteral("active"), roleActive},
                                                  {QStringLiteral("inactive"), roleInactive}});
        active += roleActive;
        inactive += roleInactive;
    }
    QJsonObject productCounts;
    for (auto it = products.cbegin(); it != products.cend(); ++it)
        productCounts.insert(catalog::statusName(it.key()), it.value());
    return QJsonObject{
        {QStringLiteral("users"), QJsonObject{{QStringLiteral("total"), active + inactive},
                                              {QStringLiteral("active"), active},
                                              {QStringLiteral("inactive"), inactive},
                                              {QStringLiteral("by_role"), byRole}}},
        {QStringLiteral("upgrade_requests"), QJsonObject{{QStringLiteral("pending"), pendingUpgrades}}},
        {QStringLiteral("products"), QJsonObject{{QStringLiteral("by_status"), productCounts}}},
        {QStringLiteral("moderation_queue"),
         products.value(catalog::ProductStatus::PendingModeration) +
             products.value(catalog::ProductStatus::ModerationInProgress)}};
}

Result<QList<AdminUserRecord>> AdminService::listUsers(QSqlDatabase &db, const UserFilter &filter,
                                                       const std::optional<infra::TimeKey> &after, int limit)
{
    return AdminRepository(db).listUsers(filter, after, limit);
}

Result<std::optional<AdminUserRecord>> AdminService::findUser(QSqlDatabase &db, const QUuid &id)
{
    return AdminRepository(db).findUser(id);
}

Result<UserUpdate> AdminService::updateUser(QSqlDatabase &db, const QUuid &id, const UserChange &change,
                                            const QByteArrayList &ifMatch, const audit::Actor &actor)
{
    return infra::inTransaction(db, [&]() -> Result<UserUpdate> {
        AdminRepository users(db);
        auto found = users.findUser(id, true);
        if (!found)
            return found.error();
        if (!*found)
            return userNotFound();
        const AdminUserRecord before = **found;
        if (!ifMatch.isEmpty() && !http::ifMatchAccepts(ifMatch, before.etag()))
            return Error{ErrorCode::PreconditionFailed,
                         QStringLiteral("The user was changed since you read it; read it again")};
        const Role role = change.role.value_or(before.user.role);
        const bool active = change.active.value_or(before.user.active);
        const bool verified = change.verified.value_or(before.user.verified);
        const bool deactivating = before.user.active && !active;
        if (id == actor.userId && (role != before.user.role || deactivating))
            return Error{
                ErrorCode::SelfModification,
                QStringLiteral("You cannot deactivate your own account or change its role; ask another "
                               "admin")};
        if (role == before.user.role && active == before.user.active && verified == before.user.verified)
            return UserUpdate{before, {}};
        if (auto updated = users.updateUser(id, role, active, verified, deactivating); !updated)
            return updated.error();
        QJsonObject revoked;
        QList<QUuid> revokedKeys;
        if (deactivating) {
            auto sessions =
                identity::SessionRepository(db).revokeAllFamilies(id, QStringLiteral("deactivated"));
            if (!sessions)
                return sessions.error();
            auto keys = users.revokeApiKeys(id);
            if (!keys)
                return keys.error();
            revokedKeys = *keys;
            revoked = {{QStringLiteral("sessions_revoked"), *sessions},
                       {QStringLiteral("api_keys_revoked"), revokedKeys.size()}};
        }
        if (auto written = auditUserChanges(db, actor, before, role, active, verified, revoked); !written)
            return written.error();
        auto after = reread(users, id);
        if (!after)
            return after.error();
        return UserUpdate{*after, revokedKeys};
    });
}

Result<QList<identity::UpgradeRequestRecord>>
AdminService::listUpgradeRequests(QSqlDatabase &db, const std::optional<QString> &status,
                                  const std::optional<infra::TimeKey> &after, int limit)
{
    // Pending requests are a queue: the oldest waits longest. Decided ones read as history, newest first.
    const bool oldestFirst = status == QLatin1StringView("PENDING");
    return identity::UpgradeRequestRepository(db).list(status, oldestFirst, after, limit);
}

Result<ApprovedUpgrade> AdminService::approveUpgrade(QSqlDatabase &db, const QUuid &requestId,
                                                     const audit::Actor &actor)
{
    return infra::inTransaction(db, [&]() -> Result<ApprovedUpgrade> {
        identity::UpgradeRequestRepository requests(db);
        auto found = requests.find(requestId, true);
        if (!found)
            return found.error();
        if (!*found)
            return requestNotFound();
        const identity::UpgradeRequestRecord request = **found;
        if (!request.pending())
            return Error{ErrorCode::UpgradeRequestDecided,
                         QStringLiteral("This request was already %1").arg(request.status.toLower())};
        AdminRepository users(db);
        auto user = users.findUser(request.userId, true);
        if (!user)
            return user.error();
        if (!*user)
            return userNotFound();
        const AdminUserRecord before = **user;
        // Approving would demote someone made staff after they asked.
        if (before.user.role == Role::Admin || before.user.role == Role::Moderator)
            return Error{ErrorCode::Conflict,
                         QStringLiteral("The account is staff now; reject this request instead")};
        if (auto decided = requests.decide(requestId, QStringLiteral("APPROVED"), actor.userId, {}); !decided)
            return decided.error();
        const Role role = request.requestedRole;
        if (role != before.user.role || !before.user.verified) {
            if (auto updated = users.updateUser(before.user.id, role, before.user.active, true, false);
                !updated)
                return updated.error();
        }
        if (auto written =
                audit::AuditWriter(db).write({actor,
                                              QStringLiteral("upgrade_request.approve"),
                                              QStringLiteral("upgrade_request"),
                                              uuidText(requestId),
                                              {{QStringLiteral("status"), request.status}},
                                              {{QStringLiteral("status"), QStringLiteral("APPROVED")},
                                               {QStringLiteral("user_id"), uuidText(request.userId)},
                                               {QStringLiteral("requested_role"), roleName(role)}}});
            !written)
            return written.error();
        if (auto written = auditUserChanges(db, actor, before, role, before.user.active, true, {}); !written)
            return written.error();
        auto decided = requests.find(requestId);
        if (!decided)
            return decided.error();
        if (!*decided)
            return requestNotFound();
        auto after = reread(users, before.user.id);
        if (!after)
            return after.error();
        return ApprovedUpgrade{**decided, *after};
    });
}

Result<identity::UpgradeRequestRecord> AdminService::rejectUpgrade(QSqlDatabase &db, const QUuid &requestId,
                                                                   const QString &reason,
                                                                   const audit::Actor &actor)
{
    return infra::inTransaction(db, [&]() -> Result<identity::UpgradeRequestRecord> {
        identity::UpgradeRequestRepository requests(db);
        auto found = requests.find(requestId, true);
        if (!found)
            return found.error();
        if (!*found)
            return requestNotFound();
        if (!(*found)->pending())
            return Error{ErrorCode::UpgradeRequestDecided,
                         QStringLiteral("This request was already %1").arg((*found)->status.toLower())};
        if (auto decided = requests.decide(requestId, QStringLiteral("REJECTED"), actor.userId, reason);
            !decided)
            return decided.error();
        if (auto written =
                audit::AuditWriter(db).write({actor,
                                              QStringLiteral("upgrade_request.reject"),
                                              QStringLiteral("upgrade_request"),
                                              uuidText(requestId),
                                              {{QStringLiteral("status"), (*found)->status}},
                                              {{QStringLiteral("status"), QStringLiteral("REJECTED")},
                                               {QStringLiteral("user_id"), uuidText((*found)->userId)},
                                               {QStringLiteral("reason"), reason}}});
            !written)
            return written.error();
        auto decided = requests.find(requestId);
        if (!decided)
            return decided.error();
        if (!*decided)
            return requestNotFound();
        return **decided;
    });
}

Result<AdminStats> AdminService::stats(QSqlDatabase &db)
{
    AdminStats stats;
    auto users = AdminRepository(db).countUsers();
    if (!users)
        return users.error();
    stats.users = *users;
    auto pending = identity::UpgradeRequestRepository(db).countPending();
    if (!pending)
        return pending.error();
    stats.pendingUpgrades = *pending;
    auto products = catalog::ProductRepository(db).countByStatus(std::nullopt);
    if (!products)
        return products.error();
    stats.products = *products;
    return stats;
}

} // namespace fd::admin
