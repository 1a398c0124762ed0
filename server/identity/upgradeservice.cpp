#include "server/identity/upgradeservice.h"

#include "server/audit/auditwriter.h"
#include "server/identity/userrepository.h"
#include "server/infra/db/transaction.h"

namespace fd::identity {

Result<UpgradeRequestRecord> UpgradeService::request(QSqlDatabase &db, const QUuid &userId,
                                                     Role requestedRole, const QString &message,
                                                     const audit::Actor &actor)
{
    return infra::inTransaction(db, [&]() -> Result<UpgradeRequestRecord> {
        auto user = UserRepository(db).findById(userId);
        if (!user)
            return user.error();
        if (!*user)
            return Error{ErrorCode::NotFound, QStringLiteral("No such account")};
        if ((*user)->role == Role::Admin || (*user)->role == Role::Moderator)
            return Error{ErrorCode::Conflict, QStringLiteral("Staff accounts do not request role upgrades")};
        if ((*user)->role == requestedRole && (*user)->verified)
            return Error{ErrorCode::RoleAlreadyHeld,
                         QStringLiteral("You already are a verified ") + roleName(requestedRole)};
        UpgradeRequestRepository requests(db);
        auto id = requests.create(userId, requestedRole, message);
        if (!id)
            return id.error();
        auto created = requests.find(*id);
        if (!created)
            return created.error();
        if (!*created)
            return Error{ErrorCode::Internal, QStringLiteral("the new upgrade request vanished")};
        const QJsonObject after{{QStringLiteral("status"), (*created)->status},
                                {QStringLiteral("requested_role"), roleName(requestedRole)},
                                {QStringLiteral("current_role"), roleName((*user)->role)}};
        if (auto written = audit::AuditWriter(db).write({actor,
                                                         QStringLiteral("upgrade_request.create"),
                                                         QStringLiteral("upgrade_request"),
                                                         id->toString(QUuid::WithoutBraces),
                                                         {},
                                                         after});
            !written)
            return written.error();
        return **created;
    });
}

Result<QList<UpgradeRequestRecord>> UpgradeService::listOwn(QSqlDatabase &db, const QUuid &userId,
                                                            const std::optional<infra::TimeKey> &after,
                                                            int limit)
{
    return UpgradeRequestRepository(db).listForUser(userId, after, limit);
}

Result<std::optional<UpgradeRequestRecord>> UpgradeService::latestOwn(QSqlDatabase &db, const QUuid &userId)
{
    return UpgradeRequestRepository(db).latestForUser(userId);
}

} // namespace fd::identity
