#include "server/app/bootstrap.h"

#include "server/identity/userrepository.h"
#include "server/infra/crypto/passwordhasher.h"

#include <QSqlError>
#include <QSqlQuery>

namespace fd::app::bootstrap {

Result<std::optional<AdminCredentials>> ensureAdmin(QSqlDatabase &db, const QString &email,
                                                    const QString &password)
{
    identity::UserRepository users(db);
    auto exists = users.anyWithRole(Role::Admin);
    if (!exists)
        return exists.error();
    if (*exists)
        return std::optional<AdminCredentials>{};
    AdminCredentials created{email.isEmpty() ? QStringLiteral("admin@fairdrop.local") : email, {}};
    const QString secret = password.isEmpty() ? infra::randomToken(18) : password;
    if (password.isEmpty())
        created.password = secret;
    auto id = users.create(created.email, infra::password::hash(secret), Role::Admin, true);
    if (!id) {
        if (id.error().code == ErrorCode::EmailTaken) // another node created it a moment ago
            return std::optional<AdminCredentials>{};
        return id.error();
    }
    return std::optional<AdminCredentials>{created};
}

Result<QString> ensureJwtSecret(QSqlDatabase &db, const QString &configured)
{
    if (!configured.isEmpty())
        return configured;
    QSqlQuery query(db);
    query.prepare(QStringLiteral("INSERT INTO server_settings (key, value) VALUES ('jwt_secret', ?) "
                                 "ON CONFLICT (key) DO NOTHING"));
    query.addBindValue(infra::randomToken(48));
    if (!query.exec())
        return Error{ErrorCode::Internal, query.lastError().text()};
    if (!query.exec(QStringLiteral("SELECT value FROM server_settings WHERE key = 'jwt_secret'")) ||
        !query.next())
        return Error{ErrorCode::Internal, query.lastError().text()};
    return query.value(0).toString();
}

} // namespace fd::app::bootstrap
