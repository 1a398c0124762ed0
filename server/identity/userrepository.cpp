#include "server/identity/userrepository.h"

#include "server/infra/db/preparedqueries.h"
#include "server/infra/db/sqlsupport.h"

#include <QSqlError>
#include <QSqlQuery>

namespace fd::identity {

using infra::sqlFailure;

Result<QUuid> UserRepository::create(const QString &email, const QString &passwordHash, Role role,
                                     bool verified)
{
    auto prepared = infra::preparedQuery(
        m_db,
        QStringLiteral("INSERT INTO users (email, password_hash, role, is_verified) VALUES (?, ?, ?, ?) "
                       "RETURNING id"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(email);
    query.addBindValue(passwordHash);
    query.addBindValue(roleName(role));
    query.addBindValue(verified);
    if (!query.exec()) {
        if (query.lastError().nativeErrorCode() == QLatin1StringView("23505"))
            return Error{ErrorCode::EmailTaken, QStringLiteral("An account with this email already exists")};
        return sqlFailure(query);
    }
    query.next();
    return QUuid::fromString(query.value(0).toString());
}

Result<bool> UserRepository::anyWithRole(Role role)
{
    auto prepared = infra::preparedQuery(
        m_db, QStringLiteral("SELECT EXISTS (SELECT 1 FROM users WHERE role = ? AND is_active)"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(roleName(role));
    if (!query.exec() || !query.next())
        return sqlFailure(query);
    return query.value(0).toBool();
}

Result<std::optional<UserRecord>> UserRepository::findOne(const QString &where, const QVariant &value)
{
    auto prepared = infra::preparedQuery(
        m_db, QStringLiteral("SELECT id, email, password_hash, role, is_active, is_verified, created_at, "
                             "floor(extract(epoch FROM tokens_valid_after))::bigint FROM users WHERE ") +
                  where);
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(value);
    if (!query.exec())
        return sqlFailure(query);
    if (!query.next())
        return std::optional<UserRecord>{};
    UserRecord user;
    user.id = QUuid::fromString(query.value(0).toString());
    user.email = query.value(1).toString();
    user.passwordHash = query.value(2).toString();
    user.role = roleFromName(query.value(3).toString()).value_or(Role::Buyer);
    user.active = query.value(4).toBool();
    user.verified = query.value(5).toBool();
    user.createdAt = query.value(6).toDateTime();
    user.tokensValidAfter = query.value(7).toLongLong();
    return std::optional<UserRecord>{user};
}

Result<std::optional<UserRecord>> UserRepository::findByEmail(const QString &email)
{
    return findOne(QStringLiteral("lower(email) = lower(?)"), email);
}

Result<std::optional<UserRecord>> UserRepository::findById(const QUuid &id)
{
    return findOne(QStringLiteral("id = ?::uuid"), id.toString(QUuid::WithoutBraces));
}

Result<void> UserRepository::setPasswordHash(const QUuid &id, const QString &passwordHash)
{
    auto prepared = infra::preparedQuery(
        m_db, QStringLiteral("UPDATE users SET password_hash = ?, updated_at = now() WHERE id = ?::uuid"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(passwordHash);
    query.addBindValue(id.toString(QUuid::WithoutBraces));
    if (!query.exec())
        return sqlFailure(query);
    return {};
}

} // namespace fd::identity
