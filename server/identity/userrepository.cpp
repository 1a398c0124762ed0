#include "server/identity/userrepository.h"

#include <QSqlError>
#include <QSqlQuery>

namespace fd::identity {

Result<QUuid> UserRepository::create(const QString &email, const QString &passwordHash, Role role,
                                     bool verified)
{
    QSqlQuery query(m_db);
    query.prepare(
        QStringLiteral("INSERT INTO users (email, password_hash, role, is_verified) VALUES (?, ?, ?, ?) "
                       "RETURNING id"));
    query.addBindValue(email);
    query.addBindValue(passwordHash);
    query.addBindValue(roleName(role));
    query.addBindValue(verified);
    if (!query.exec()) {
        if (query.lastError().nativeErrorCode() == QLatin1StringView("23505"))
            return Error{ErrorCode::Conflict, QStringLiteral("An account with this email already exists")};
        return Error{ErrorCode::Internal, query.lastError().text()};
    }
    query.next();
    return QUuid::fromString(query.value(0).toString());
}

Result<bool> UserRepository::anyWithRole(Role role)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT EXISTS (SELECT 1 FROM users WHERE role = ? AND is_active)"));
    query.addBindValue(roleName(role));
    if (!query.exec() || !query.next())
        return Error{ErrorCode::Internal, query.lastError().text()};
    return query.value(0).toBool();
}

} // namespace fd::identity
