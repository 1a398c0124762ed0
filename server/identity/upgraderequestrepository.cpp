#include "server/identity/upgraderequestrepository.h"

#include "server/infra/db/preparedqueries.h"
#include "server/infra/db/sqlsupport.h"

#include <QSqlError>
#include <QSqlQuery>

namespace fd::identity {

using infra::sqlFailure;
using infra::uuidText;

namespace {

QJsonValue timeOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODate)) : QJsonValue();
}

QString selectColumns()
{
    return QStringLiteral(
               "SELECT r.id, r.user_id, u.email, r.requested_role, r.message, r.status, r.decided_by, "
               "r.decision_reason, r.created_at, r.decided_at, ") +
           infra::timeKeySql(QLatin1StringView("r.created_at")) +
           QStringLiteral(" FROM upgrade_requests r JOIN users u ON u.id = r.user_id ");
}

} // namespace

QJsonObject UpgradeRequestRecord::toJson(bool staffView) const
{
    QJsonObject json{{QStringLiteral("id"), uuidText(id)},
                     {QStringLiteral("requested_role"), roleName(requestedRole)},
                     {QStringLiteral("message"), message},
                     {QStringLiteral("status"), status},
                     {QStringLiteral("decision_reason"),
                      decisionReason.isNull() ? QJsonValue() : QJsonValue(decisionReason)},
                     {QStringLiteral("created_at"), timeOrNull(createdAt)},
                     {QStringLiteral("decided_at"), timeOrNull(decidedAt)}};
    if (staffView) {
        json.insert(QStringLiteral("user_id"), uuidText(userId));
        json.insert(QStringLiteral("user_email"), userEmail);
        json.insert(QStringLiteral("decided_by"),
                    decidedBy.isNull() ? QJsonValue() : QJsonValue(uuidText(decidedBy)));
    }
    return json;
}

Result<QUuid> UpgradeRequestRepository::create(const QUuid &userId, Role requestedRole,
                                               const QString &message)
{
    auto prepared = infra::preparedQuery(
        m_db, QStringLiteral("INSERT INTO upgrade_requests (user_id, requested_role, message) "
                             "VALUES (?::uuid, ?, ?) RETURNING id"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(uuidText(userId));
    query.addBindValue(roleName(requestedRole));
    query.addBindValue(message.isNull() ? QStringLiteral("") : message); // a null QString binds as SQL NULL
    if (!query.exec()) {
        if (query.lastError().nativeErrorCode() == QLatin1StringView("23505"))
            return Error{ErrorCode::UpgradeRequestPending,
                         QStringLiteral("You already have a pending upgrade request; wait for its decision")};
        return sqlFailure(query);
    }
    if (!query.next())
        return sqlFailure(query);
    return QUuid::fromString(query.value(0).toString());
}

Result<QList<UpgradeRequestRecord>> UpgradeRequestRepository::fetch(QSqlQuery &query)
{
    if (!query.exec())
        return sqlFailure(query);
    QList<UpgradeRequestRecord> rows;
    while (query.next()) {
        UpgradeRequestRecord row;
        row.id = QUuid::fromString(query.value(0).toString());
        row.userId = QUuid::fromString(query.value(1).toString());
        row.userEmail = query.value(2).toString();
        row.requestedRole = roleFromName(query.value(3).toString()).value_or(Role::Seller);
        row.message = query.value(4).toString();
        row.status = query.value(5).toString();
        row.decidedBy = QUuid::fromString(query.value(6).toString());
        row.decisionReason = query.value(7).isNull() ? QString() : query.value(7).toString();
        row.createdAt = query.value(8).toDateTime();
        row.decidedAt = query.value(9).toDateTime();
        row.createdKey = query.value(10).toString();
        rows.append(row);
    }
    return rows;
}

Result<std::optional<UpgradeRequestRecord>> UpgradeRequestRepository::find(const QUuid &id, bool forUpdate)
{
    auto prepared =
        infra::preparedQuery(m_db, selectColumns() + QStringLiteral("WHERE r.id = ?::uuid") +
                                       (forUpdate ? QStringLiteral(" FOR UPDATE OF r") : QString()));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(uuidText(id));
    auto rows = fetch(query);
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return std::optional<UpgradeRequestRecord>{};
    return std::optional<UpgradeRequestRecord>{rows->first()};
}

Result<QList<UpgradeRequestRecord>>
UpgradeRequestRepository::ownRows(const QUuid &userId, const std::optional<infra::TimeKey> &after, int rows)
{
    auto prepared = infra::preparedQuery(
        m_db,
        selectColumns() + QStringLiteral("WHERE r.user_id = ?::uuid ") +
            (after ? QStringLiteral("AND (r.created_at, r.id) < (?::timestamptz, ?::uuid) ") : QString()) +
            QStringLiteral("ORDER BY r.created_at DESC, r.id DESC LIMIT ?"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(uuidText(userId));
    if (after) {
        query.addBindValue(after->at);
        query.addBindValue(uuidText(after->id));
    }
    query.addBindValue(rows);
    return fetch(query);
}

Result<QList<UpgradeRequestRecord>>
UpgradeRequestRepository::listForUser(const QUuid &userId, const std::optional<infra::TimeKey> &after,
                                      int limit)
{
    return ownRows(userId, after, limit + 1);
}

Result<std::optional<UpgradeRequestRecord>> UpgradeRequestRepository::latestForUser(const QUuid &userId)
{
    auto rows = ownRows(userId, std::nullopt, 1);
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return std::optional<UpgradeRequestRecord>{};
    return std::optional<UpgradeRequestRecord>{rows->first()};
}

Result<QList<UpgradeRequestRecord>> UpgradeRequestRepository::list(const std::optional<QString> &status,
                                                                   bool oldestFirst,
                                                                   const std::optional<infra::TimeKey> &after,
                                                                   int limit)
{
    QString sql = selectColumns() + QStringLiteral("WHERE true ");
    if (status)
        sql += QStringLiteral("AND r.status = ? ");
    if (after)
        sql += oldestFirst ? QStringLiteral("AND (r.created_at, r.id) > (?::timestamptz, ?::uuid) ")
                           : QStringLiteral("AND (r.created_at, r.id) < (?::timestamptz, ?::uuid) ");
    sql += oldestFirst ? QStringLiteral("ORDER BY r.created_at, r.id LIMIT ?")
                       : QStringLiteral("ORDER BY r.created_at DESC, r.id DESC LIMIT ?");
    auto prepared = infra::preparedQuery(m_db, sql);
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    if (status)
        query.addBindValue(*status);
    if (after) {
        query.addBindValue(after->at);
        query.addBindValue(uuidText(after->id));
    }
    query.addBindValue(limit + 1);
    return fetch(query);
}

Result<void> UpgradeRequestRepository::decide(const QUuid &id, const QString &status, const QUuid &decidedBy,
                                              const QString &reason)
{
    auto prepared = infra::preparedQuery(
        m_db, QStringLiteral("UPDATE upgrade_requests SET status = ?, decided_by = ?::uuid, "
                             "decision_reason = ?, decided_at = now() "
                             "WHERE id = ?::uuid AND status = 'PENDING'"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(status);
    query.addBindValue(uuidText(decidedBy));
    query.addBindValue(reason.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(reason));
    query.addBindValue(uuidText(id));
    if (!query.exec())
        return sqlFailure(query);
    if (query.numRowsAffected() != 1)
        return Error{ErrorCode::UpgradeRequestDecided, QStringLiteral("The request was decided already")};
    return {};
}

Result<qint64> UpgradeRequestRepository::countPending()
{
    auto prepared = infra::preparedQuery(
        m_db, QStringLiteral("SELECT count(*) FROM upgrade_requests WHERE status = 'PENDING'"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    if (!query.exec() || !query.next())
        return sqlFailure(query);
    return query.value(0).toLongLong();
}

} // namespace fd::identity
