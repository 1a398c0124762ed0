#include "server/admin/adminrepository.h"

#include "server/infra/db/preparedqueries.h"
#include "server/infra/db/sqlsupport.h"

#include <QCryptographicHash>
#include <QSqlError>
#include <QSqlQuery>

namespace fd::admin {

using infra::sqlFailure;
using infra::uuidText;

namespace {

QString selectColumns()
{
    return QStringLiteral("SELECT id, email, role, is_active, is_verified, created_at, updated_at, ") +
           infra::timeKeySql(QLatin1StringView("created_at")) + QStringLiteral(", ") +
           infra::timeKeySql(QLatin1StringView("updated_at")) +
           QStringLiteral(", floor(extract(epoch FROM tokens_valid_after))::bigint FROM users ");
}

// LIKE treats % and _ as wildcards and \ as its escape: a search for "a_b" means those three characters.
QString likeLiteral(const QString &text)
{
    QString escaped = text;
    escaped.replace(u'\\', QStringLiteral("\\\\"));
    escaped.replace(u'%', QStringLiteral("\\%"));
    escaped.replace(u'_', QStringLiteral("\\_"));
    return escaped;
}

Result<QList<AdminUserRecord>> fetch(QSqlQuery &query)
{
    if (!query.exec())
        return sqlFailure(query);
    QList<AdminUserRecord> rows;
    while (query.next()) {
        AdminUserRecord row;
        row.user.id = QUuid::fromString(query.value(0).toString());
        row.user.email = query.value(1).toString();
        row.user.role = roleFromName(query.value(2).toString()).value_or(Role::Buyer);
        row.user.active = query.value(3).toBool();
        row.user.verified = query.value(4).toBool();
        row.user.createdAt = query.value(5).toDateTime();
        row.updatedAt = query.value(6).toDateTime();
        row.createdKey = query.value(7).toString();
        row.updatedKey = query.value(8).toString();
        row.user.tokensValidAfter = query.value(9).toLongLong();
        rows.append(row);
    }
    return rows;
}

} // namespace

QByteArray AdminUserRecord::etag() const
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QString &part :
         {uuidText(user.id), user.email, roleName(user.role), QString::number(int(user.active)),
          QString::number(int(user.verified)), updatedKey}) {
        hash.addData(part.toUtf8());
        hash.addData(QByteArrayView("\n"));
    }
    return '"' + hash.result().left(16).toHex() + '"';
}

QJsonObject AdminUserRecord::toJson() const
{
    QJsonObject json = user.toJson();
    json.insert(QStringLiteral("updated_at"), updatedAt.toUTC().toString(Qt::ISODate));
    return json;
}

Result<QList<AdminUserRecord>>
AdminRepository::listUsers(const UserFilter &filter, const std::optional<infra::TimeKey> &after, int limit)
{
    // Only fixed fragments are joined; every value is bound.
    QString sql = selectColumns() + QStringLiteral("WHERE true ");
    if (!filter.emailContains.isEmpty())
        sql += QStringLiteral("AND email ILIKE ? ESCAPE '\\' ");
    if (filter.role)
        sql += QStringLiteral("AND role = ? ");
    if (filter.active)
        sql += QStringLiteral("AND is_active = ? ");
    if (filter.verified)
        sql += QStringLiteral("AND is_verified = ? ");
    if (after)
        sql += QStringLiteral("AND (created_at, id) < (?::timestamptz, ?::uuid) ");
    sql += QStringLiteral("ORDER BY created_at DESC, id DESC LIMIT ?");

    auto prepared = infra::preparedQuery(m_db, sql);
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    if (!filter.emailContains.isEmpty())
        query.addBindValue(QString(u'%' + likeLiteral(filter.emailContains) + u'%'));
    if (filter.role)
        query.addBindValue(roleName(*filter.role));
    if (filter.active)
        query.addBindValue(*filter.active);
    if (filter.verified)
        query.addBindValue(*filter.verified);
    if (after) {
        query.addBindValue(after->at);
        query.addBindValue(uuidText(after->id));
    }
    query.addBindValue(limit + 1);
    return fetch(query);
}

Result<std::optional<AdminUserRecord>> AdminRepository::findUser(const QUuid &id, bool forUpdate)
{
    auto prepared = infra::preparedQuery(m_db, selectColumns() + QStringLiteral("WHERE id = ?::uuid") +
                                                   (forUpdate ? QStringLiteral(" FOR UPDATE") : QString()));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(uuidText(id));
    auto rows = fetch(query);
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return std::optional<AdminUserRecord>{};
    return std::optional<AdminUserRecord>{rows->first()};
}

Result<void> AdminRepository::updateUser(const QUuid &id, Role role, bool active, bool verified,
                                         bool deactivating)
{
    auto prepared = infra::preparedQuery(
        m_db, QStringLiteral("UPDATE users SET role = ?, is_active = ?, is_verified = ?, updated_at = now(), "
                             "tokens_valid_after = CASE WHEN ? THEN now() ELSE tokens_valid_after END "
                             "WHERE id = ?::uuid"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(roleName(role));
    query.addBindValue(active);
    query.addBindValue(verified);
    query.addBindValue(deactivating);
    query.addBindValue(uuidText(id));
    if (!query.exec())
        return sqlFailure(query);
    return {};
}

Result<QList<QUuid>> AdminRepository::revokeApiKeys(const QUuid &userId)
{
    auto prepared = infra::preparedQuery(
        m_db,
        QStringLiteral("UPDATE api_keys SET revoked_at = now() WHERE user_id = ?::uuid AND revoked_at IS "
                       "NULL RETURNING id"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(uuidText(userId));
    if (!query.exec())
        return sqlFailure(query);
    QList<QUuid> ids;
    while (query.next())
        ids.append(QUuid::fromString(query.value(0).toString()));
    return ids;
}

Result<QList<RoleCount>> AdminRepository::countUsers()
{
    auto prepared = infra::preparedQuery(
        m_db, QStringLiteral("SELECT role, is_active, count(*) FROM users GROUP BY role, is_active"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    if (!query.exec())
        return sqlFailure(query);
    QList<RoleCount> counts;
    while (query.next()) {
        const auto role = roleFromName(query.value(0).toString());
        if (role)
            counts.append({*role, query.value(1).toBool(), query.value(2).toLongLong()});
    }
    return counts;
}

} // namespace fd::admin
