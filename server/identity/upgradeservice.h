#pragma once

#include "common/result.h"
#include "server/audit/auditentry.h"
#include "server/identity/upgraderequestrepository.h"

#include <QSqlDatabase>

namespace fd::identity {

// The user's side of role upgrades: asking and following one's own requests. Deciding them is the
// admin module's. Runs on a database thread with the connection it is given.
class UpgradeService
{
public:
    // Staff accounts never ask; asking for the role one holds is refused once verified (an unverified
    // seller asks for "seller" to get verified).
    Result<UpgradeRequestRecord> request(QSqlDatabase &db, const QUuid &userId, Role requestedRole,
                                         const QString &message, const audit::Actor &actor);
    Result<QList<UpgradeRequestRecord>> listOwn(QSqlDatabase &db, const QUuid &userId,
                                                const std::optional<infra::TimeKey> &after, int limit);
    Result<std::optional<UpgradeRequestRecord>> latestOwn(QSqlDatabase &db, const QUuid &userId);
};

} // namespace fd::identity
