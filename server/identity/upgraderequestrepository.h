#pragma once

#include "common/result.h"
#include "common/role.h"
#include "server/infra/db/timekey.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QUuid>

#include <optional>

class QSqlQuery;

namespace fd::identity {

struct UpgradeRequestRecord
{
    QUuid id;
    QUuid userId;
    QString userEmail;
    Role requestedRole = Role::Seller;
    QString message;
    QString status; // PENDING, APPROVED, REJECTED
    QUuid decidedBy;
    QString decisionReason;
    QDateTime createdAt;
    QDateTime decidedAt;
    QString createdKey; // created_at exact to the microsecond, for cursors

    bool pending() const { return status == QLatin1StringView("PENDING"); }
    infra::TimeKey key() const { return {createdKey, id}; }
    // Staff also see whose request it is and who decided it.
    QJsonObject toJson(bool staffView) const;
};

// SQL for role upgrade requests. At most one PENDING request per user (a unique index decides races).
class UpgradeRequestRepository
{
public:
    explicit UpgradeRequestRepository(QSqlDatabase &db) : m_db(db) {}

    // UpgradeRequestPending when the user already has an open request.
    Result<QUuid> create(const QUuid &userId, Role requestedRole, const QString &message);
    Result<std::optional<UpgradeRequestRecord>> find(const QUuid &id, bool forUpdate = false);
    // Newest first; limit + 1 rows at most (see infra::trimToPage).
    Result<QList<UpgradeRequestRecord>> listForUser(const QUuid &userId,
                                                    const std::optional<infra::TimeKey> &after, int limit);
    Result<std::optional<UpgradeRequestRecord>> latestForUser(const QUuid &userId);
    // Every user's requests, optionally of one status; oldest first when asked (a queue), else newest first.
    Result<QList<UpgradeRequestRecord>> list(const std::optional<QString> &status, bool oldestFirst,
                                             const std::optional<infra::TimeKey> &after, int limit);
    // Moves a PENDING request to APPROVED or REJECTED; UpgradeRequestDecided when it was not pending.
    Result<void> decide(const QUuid &id, const QString &status, const QUuid &decidedBy,
                        const QString &reason);
    Result<qint64> countPending();

private:
    Result<QList<UpgradeRequestRecord>> fetch(QSqlQuery &query);
    Result<QList<UpgradeRequestRecord>> ownRows(const QUuid &userId,
                                                const std::optional<infra::TimeKey> &after, int rows);

    QSqlDatabase &m_db;
};

} // namespace fd::identity
