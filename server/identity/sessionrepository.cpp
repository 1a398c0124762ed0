#include "server/identity/sessionrepository.h"

#include "server/infra/db/preparedqueries.h"
#include "server/infra/db/sqlsupport.h"

#include <QSqlError>
#include <QSqlQuery>

namespace fd::identity {

using infra::sqlFailure;
using infra::uuidText;

Result<QUuid> SessionRepository::createFamily(const QUuid &userId)
{
    auto prepared = infra::preparedQuery(
        m_db, QStringLiteral("INSERT INTO session_families (user_id) VALUES (?::uuid) RETURNING id"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(uuidText(userId));
    if (!query.exec() || !query.next())
        return sqlFailure(query);
    return QUuid::fromString(query.value(0).toString());
}

Result<void> SessionRepository::addToken(const QUuid &familyId, const QByteArray &tokenHash,
                                         const QDateTime &expiresAt)
{
    auto prepared = infra::preparedQuery(
        m_db, QStringLiteral("INSERT INTO refresh_tokens (family_id, token_hash, expires_at) "
                             "VALUES (?::uuid, decode(?, 'hex'), ?)"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(uuidText(familyId));
    query.addBindValue(QString::fromLatin1(tokenHash.toHex()));
    query.addBindValue(expiresAt.toUTC());
    if (!query.exec())
        return sqlFailure(query);
    return {};
}

Result<std::optional<RefreshTokenRecord>> SessionRepository::findForUpdate(const QByteArray &tokenHash)
{
    auto prepared = infra::preparedQuery(
        m_db, QStringLiteral("SELECT t.id, t.family_id, f.user_id, t.expires_at, t.rotated_at IS NOT "
                             "NULL, f.revoked_at IS NOT NULL "
                             "FROM refresh_tokens t JOIN session_families f ON f.id = t.family_id "
                             "WHERE t.token_hash = decode(?, 'hex') FOR UPDATE OF t, f"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(QString::fromLatin1(tokenHash.toHex()));
    if (!query.exec())
        return sqlFailure(query);
    if (!query.next())
        return std::optional<RefreshTokenRecord>{};
    RefreshTokenRecord record;
    record.id = QUuid::fromString(query.value(0).toString());
    record.familyId = QUuid::fromString(query.value(1).toString());
    record.userId = QUuid::fromString(query.value(2).toString());
    record.expiresAt = query.value(3).toDateTime();
    record.rotated = query.value(4).toBool();
    record.familyRevoked = query.value(5).toBool();
    return std::optional<RefreshTokenRecord>{record};
}

Result<void> SessionRepository::markRotated(const QUuid &tokenId)
{
    auto prepared = infra::preparedQuery(
        m_db, QStringLiteral("UPDATE refresh_tokens SET rotated_at = now() WHERE id = ?::uuid"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(uuidText(tokenId));
    if (!query.exec())
        return sqlFailure(query);
    return {};
}

Result<void> SessionRepository::revokeFamily(const QUuid &familyId, const QString &reason)
{
    auto prepared = infra::preparedQuery(
        m_db, QStringLiteral("UPDATE session_families SET revoked_at = now(), revoked_reason = ? "
                             "WHERE id = ?::uuid AND revoked_at IS NULL"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(reason);
    query.addBindValue(uuidText(familyId));
    if (!query.exec())
        return sqlFailure(query);
    return {};
}

Result<int> SessionRepository::revokeAllFamilies(const QUuid &userId, const QString &reason,
                                                 const QUuid &keep)
{
    auto prepared = infra::preparedQuery(
        m_db, QStringLiteral("UPDATE session_families SET revoked_at = now(), revoked_reason = ? "
                             "WHERE user_id = ?::uuid AND revoked_at IS NULL AND id <> ?::uuid"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(reason);
    query.addBindValue(uuidText(userId));
    query.addBindValue(keep.isNull() ? QStringLiteral("00000000-0000-0000-0000-000000000000")
                                     : uuidText(keep));
    if (!query.exec())
        return sqlFailure(query);
    return query.numRowsAffected();
}

} // namespace fd::identity
