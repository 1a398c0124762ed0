#pragma once

#include "common/result.h"
#include "common/role.h"

#include <QSqlDatabase>
#include <QUuid>

namespace fd::identity {

// SQL for accounts. Runs on whatever thread owns the connection it is given.
class UserRepository
{
public:
    explicit UserRepository(QSqlDatabase &db) : m_db(db) {}

    // 409 (Conflict) when the email is taken, whatever its case.
    Result<QUuid> create(const QString &email, const QString &passwordHash, Role role, bool verified);
    Result<bool> anyWithRole(Role role);

private:
    QSqlDatabase &m_db;
};

} // namespace fd::identity
