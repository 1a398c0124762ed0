#pragma once

#include "common/result.h"
#include "server/audit/auditentry.h"
#include "server/identity/tokenissuer.h"
#include "server/identity/userrecord.h"

#include <QSqlDatabase>

#include <optional>

namespace fd::identity {

// The rules of accounts and sessions. Every method runs on a database thread with the connection it is
// given, inside its own transaction, and audits what it changes in that same transaction. Password
// hashing happens before (on the hashing pool), never here.
class IdentityService
{
public:
    explicit IdentityService(TokenIssuer issuer) : m_issuer(std::move(issuer)) {}

    Result<UserRecord> signup(QSqlDatabase &db, const QString &email, const QString &passwordHash, Role role,
                              const audit::Actor &actor);
    Result<std::optional<UserRecord>> findByEmail(QSqlDatabase &db, const QString &email);
    Result<std::optional<UserRecord>> findById(QSqlDatabase &db, const QUuid &id);
    // Opens a new session family for a user whose password was verified. newHash: a re-computed hash to
    // store when the stored one used older parameters.
    Result<IssuedTokens> openSession(QSqlDatabase &db, const UserRecord &user,
                                     const std::optional<QString> &newHash, qint64 nowSeconds);
    // Rotates a refresh token. A token used twice revokes its whole family (RefreshTokenReused).
    Result<IssuedTokens> refresh(QSqlDatabase &db, const QString &refreshToken, const audit::Actor &actor,
                                 qint64 nowSeconds);
    Result<void> logout(QSqlDatabase &db, const QUuid &userId, const QUuid &sessionId, bool everySession,
                        const audit::Actor &actor);
    // Stores the new hash and ends every other session of the user.
    Result<void> changePassword(QSqlDatabase &db, const QUuid &userId, const QUuid &keepSession,
                                const QString &newHash, const audit::Actor &actor);
    Result<void> auditLoginLockout(QSqlDatabase &db, const QString &email, const audit::Actor &actor);

    const TokenIssuer &issuer() const { return m_issuer; }

private:
    Result<IssuedTokens> issue(QSqlDatabase &db, const QUuid &familyId, const UserRecord &user,
                               qint64 nowSeconds);

    TokenIssuer m_issuer;
};

} // namespace fd::identity
