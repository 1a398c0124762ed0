#pragma once

#include "common/result.h"
#include "common/role.h"
#include "server/identity/userrecord.h"

#include <QSqlDatabase>
#include <QUuid>

#include <optional>

namespace fd::identity {

// SQL for accounts. Runs on whatever thread owns the connection it is given.
class UserRepository
{
public:
    explicit UserRepository(QSqlDatabase &db) : m_db(db) {}

    // EmailTaken when the email is registered already, whatever its case.
    Result<QUuid> create(const QString &email, const QString &passwordHash, Role role, bool verified);
    Result<bool> anyWithRole(Role role);
    Result<std::optional<UserRecord>> findByEmail(const QString &email);
    Result<std::optional<UserRecord>> findById(const QUuid &id);
    Result<void> setPasswordHash(const QUuid &id, const QString &passwordHash);

private:
    Result<std::optional<UserRecord>> findOne(const QString &where, const QVariant &value);

    QSqlDatabase &m_db;
};

} // namespace fd::identity
