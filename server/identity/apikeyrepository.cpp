#include "server/identity/apikeyrepository.h"

#include "server/infra/db/preparedqueries.h"
#include "server/infra/db/sqlsupport.h"

#include <QSqlError>
#include <QSqlQuery>

namespace fd::identity {

using infra::sqlFailure;
using infra::uuidText;

namespace {

// The columns readRecord() expects, in order.
constexpr QLatin1StringView kColumns{
    "id, user_id, name, array_to_string(scopes, ' '), created_at, expires_at, revoked_at, last_used_at"};

struct Row
{
    ApiKeyRecord record;
    QString at; // the exact created_at
    infra::TimeKey key() const { return {at, record.id}; }
};

QDateTime timeOrInvalid(const QVariant &value)
{
    return value.isNull() ? QDateTime() : value.toDateTime();
}

ApiKeyRecord readRecord(const QSqlQuery &query)
{
    ApiKeyRecord record;
    record.id = QUuid::fromString(query.value(0).toString());
    record.userId = QUuid::fromString(query.value(1).toString());
    record.name = query.value(2).toString();
    record.scopes = query.value(3).toString().split(u' ', Qt::SkipEmptyParts);
    record.createdAt = query.value(4).toDateTime();
    record.expiresAt = timeOrInvalid(query.value(5));
    record.revokedAt = timeOrInvalid(query.value(6));
    record.lastUsedAt = timeOrInvalid(query.value(7));
    return record;
}

Result<std::optional<ApiKeyRecord>> optionalRecord(QSqlQuery &query)
{
    if (!query.exec())
        return sqlFailure(query);
    if (!query.next())
        return std::optional<ApiKeyRecord>{};
    return std::optional<ApiKeyRecord>{readRecord(query)};
}

} // namespace

Result<ApiKeyRecord> ApiKeyRepository::create(const QUuid &userId, const QString &name,
                                              const QByteArray &secretHash, const QStringList &scopes,
                                              const QDateTime &expiresAt)
{
    auto prepared = infra::preparedQuery(
        m_db, QStringLiteral("INSERT INTO api_keys (user_id, name, secret_hash, scopes, expires_at) "
                             "VALUES (?::uuid, ?, decode(?, 'hex'), string_to_array(?, ' '), ?) "
                             "RETURNING ") +
                  kColumns);
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(uuidText(userId));
    query.addBindValue(name);
    query.addBindValue(QString::fromLatin1(secretHash.toHex()));
    query.addBindValue(scopes.join(u' '));
    query.addBindValue(expiresAt.isValid() ? QVariant(expiresAt.toUTC())
                                           : QVariant(QMetaType::fromType<QDateTime>()));
    if (!query.exec() || !query.next())
        return sqlFailure(query);
    return readRecord(query);
}

Result<ApiKeyPage> ApiKeyRepository::list(const ApiKeyFilter &filter)
{
    QString sql = QStringLiteral("SELECT ") + kColumns + QStringLiteral(", ") +
                  infra::timeKeySql(QLatin1StringView("created_at")) +
                  QStringLiteral(" FROM api_keys WHERE true");
    QVariantList values;
    if (filter.userId) {
        sql += QStringLiteral(" AND user_id = ?::uuid");
        values.append(uuidText(*filter.userId));
    }
    if (filter.activeOnly)
        sql += QStringLiteral(" AND revoked_at IS NULL");
    if (filter.after) {
        sql += QStringLiteral(" AND (created_at, id) < (?::timestamptz, ?::uuid)");
        values.append(filter.after->at);
        values.append(uuidText(filter.after->id));
    }
    sql += QStringLiteral(" ORDER BY created_at DESC, id DESC LIMIT ?");
    values.append(filter.limit + 1);

    auto executed = infra::executedQuery(m_db, sql, values);
    if (!executed)
        return executed.error();
    QSqlQuery &query = **executed;
    QList<Row> rows;
    while (query.next())
        rows.append(Row{readRecord(query), query.value(8).toString()});
    ApiKeyPage page;
    page.next = infra::trimToPage(rows, filter.limit);
    for (const Row &row : std::as_const(rows))
        page.items.append(row.record);
    return page;
}

Result<std::optional<ApiKeyRecord>> ApiKeyRepository::find(const QUuid &id)
{
    auto prepared = infra::preparedQuery(m_db, QStringLiteral("SELECT ") + kColumns +
                                                   QStringLiteral(" FROM api_keys WHERE id = ?::uuid"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(uuidText(id));
    return optionalRecord(query);
}

Result<std::optional<ApiKeyRecord>> ApiKeyRepository::revoke(const QUuid &id,
                                                             const std::optional<QUuid> &owner)
{
    auto prepared = infra::preparedQuery(
        m_db, QStringLiteral("UPDATE api_keys SET revoked_at = now() WHERE id = ?::uuid AND revoked_at "
                             "IS NULL AND (?::uuid IS NULL OR user_id = ?::uuid) RETURNING ") +
                  kColumns);
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    const QVariant ownerValue = owner ? QVariant(uuidText(*owner)) : QVariant(QMetaType::fromType<QString>());
    query.addBindValue(uuidText(id));
    query.addBindValue(ownerValue);
    query.addBindValue(ownerValue);
    return optionalRecord(query);
}

Result<std::optional<ApiKeyCredential>> ApiKeyRepository::credential(const QUuid &id)
{
    auto prepared = infra::preparedQuery(
        m_db, QStringLiteral("SELECT user_id, encode(secret_hash, 'hex'), array_to_string(scopes, ' '), "
                             "coalesce(floor(extract(epoch FROM expires_at) * 1000), 0)::bigint, "
                             "revoked_at IS NOT NULL FROM api_keys WHERE id = ?::uuid"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(uuidText(id));
    if (!query.exec())
        return sqlFailure(query);
    if (!query.next())
        return std::optional<ApiKeyCredential>{};
    ApiKeyCredential credential;
    credential.userId = QUuid::fromString(query.value(0).toString());
    credential.secretHash = QByteArray::fromHex(query.value(1).toString().toLatin1());
    credential.scopes = query.value(2).toString().split(u' ', Qt::SkipEmptyParts);
    credential.expiresAtMs = query.value(3).toLongLong();
    credential.revoked = query.value(4).toBool();
    return std::optional<ApiKeyCredential>{credential};
}

Result<void> ApiKeyRepository::markUsed(const QUuid &id)
{
    auto prepared = infra::preparedQuery(
        m_db, QStringLiteral("UPDATE api_keys SET last_used_at = now() WHERE id = ?::uuid AND "
                             "(last_used_at IS NULL OR last_used_at <= now() - interval '1 minute')"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(uuidText(id));
    if (!query.exec())
        return sqlFailure(query);
    return {};
}

} // namespace fd::identity
