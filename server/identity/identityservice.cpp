#include "server/identity/identityservice.h"

#include "server/infra/db/sqlsupport.h"

#include "server/audit/auditwriter.h"
#include "server/identity/sessionrepository.h"
#include "server/identity/userrepository.h"
#include "server/infra/db/transaction.h"

namespace fd::identity {

using infra::uuidText;

Result<UserRecord> IdentityService::signup(QSqlDatabase &db, const QString &email,
                                           const QString &passwordHash, Role role, const audit::Actor &actor)
{
    return infra::inTransaction(db, [&]() -> Result<UserRecord> {
        UserRepository users(db);
        auto id = users.create(email, passwordHash, role, false);
        if (!id)
            return id.error();
        auto created = users.findById(*id);
        if (!created)
            return created.error();
        audit::Actor self = actor;
        self.userId = *id;
        self.role = roleName(role);
        if (auto written = audit::AuditWriter(db).write({self,
                                                         QStringLiteral("user.signup"),
                                                         QStringLiteral("user"),
                                                         uuidText(*id),
                                                         {},
                                                         (*created)->toJson()});
            !written)
            return written.error();
        return **created;
    });
}

Result<std::optional<UserRecord>> IdentityService::findByEmail(QSqlDatabase &db, const QString &email)
{
    return UserRepository(db).findByEmail(email);
}

Result<std::optional<UserRecord>> IdentityService::findById(QSqlDatabase &db, const QUuid &id)
{
    return UserRepository(db).findById(id);
}

Result<IssuedTokens> IdentityService::issue(QSqlDatabase &db, const QUuid &familyId, const UserRecord &user,
                                            qint64 nowSeconds)
{
    IssuedTokens tokens;
    tokens.sessionId = familyId;
    tokens.refreshToken = TokenIssuer::newRefreshToken();
    tokens.refreshExpiresIn = m_issuer.settings().refreshTtlSeconds;
    tokens.accessExpiresIn = m_issuer.settings().accessTtlSeconds;
    const QDateTime expires = QDateTime::fromSecsSinceEpoch(nowSeconds + tokens.refreshExpiresIn, Qt::UTC);
    if (auto added = SessionRepository(db).addToken(
            familyId, TokenIssuer::refreshTokenHash(tokens.refreshToken), expires);
        !added)
        return added.error();
    tokens.accessToken = m_issuer.accessToken(user.id, user.role, familyId, nowSeconds);
    return tokens;
}

Result<IssuedTokens> IdentityService::openSession(QSqlDatabase &db, const UserRecord &user,
                                                  const std::optional<QString> &newHash, qint64 nowSeconds)
{
    return infra::inTransaction(db, [&]() -> Result<IssuedTokens> {
        if (newHash) {
            if (auto updated = UserRepository(db).setPasswordHash(user.id, *newHash); !updated)
                return updated.error();
        }
        auto family = SessionRepository(db).createFamily(user.id);
        if (!family)
            return family.error();
        return issue(db, *family, user, nowSeconds);
    });
}

Result<IssuedTokens> IdentityService::refresh(QSqlDatabase &db, const QString &refreshToken,
                                              const audit::Actor &actor, qint64 nowSeconds)
{
    bool reused = false;
    auto outcome = infra::inTransaction(db, [&]() -> Result<IssuedTokens> {
        SessionRepository sessions(db);
        auto found = sessions.findForUpdate(TokenIssuer::refreshTokenHash(refreshToken));
        if (!found)
            return found.error();
        const Error invalid{ErrorCode::InvalidToken,
                            QStringLiteral("The refresh token is invalid or expired")};
        if (!*found || (*found)->familyRevoked)
            return invalid;
        const RefreshTokenRecord &token = **found;
        if (token.rotated) {
            // Someone holds an old token: the thief or the owner, we cannot tell, so end the session for
            // both.
            if (auto revoked = sessions.revokeFamily(token.familyId, QStringLiteral("reuse")); !revoked)
                return revoked.error();
            audit::Actor owner = actor;
            owner.userId = token.userId;
            if (auto written = audit::AuditWriter(db).write({owner,
                                                             QStringLiteral("auth.refresh_reuse"),
                                                             QStringLiteral("session"),
                                                             uuidText(token.familyId),
                                                             {},
                                                             QJsonObject{{QStringLiteral("revoked"), true}}});
                !written)
                return written.error();
            reused = true;
            return IssuedTokens{}; // committed below; the caller answers refresh_token_reused
        }
        if (token.expiresAt.toSecsSinceEpoch() <= nowSeconds)
            return invalid;
        auto user = UserRepository(db).findById(token.userId);
        if (!user)
            return user.error();
        if (!*user || !(*user)->active)
            return Error{ErrorCode::AccountDisabled, QStringLiteral("The account is deactivated")};
        if (auto rotated = sessions.markRotated(token.id); !rotated)
            return rotated.error();
        return issue(db, token.familyId, **user, nowSeconds);
    });
    if (outcome && reused)
        return Error{ErrorCode::RefreshTokenReused,
                     QStringLiteral("This refresh token was already used; the session has been ended")};
    return outcome;
}

Result<void> IdentityService::logout(QSqlDatabase &db, const QUuid &userId, const QUuid &sessionId,
                                     bool everySession, const audit::Actor &actor)
{
    return infra::inTransaction(db, [&]() -> Result<void> {
        SessionRepository sessions(db);
        if (everySession) {
            auto count = sessions.revokeAllFamilies(userId, QStringLiteral("logout_all"));
            if (!count)
                return count.error();
            return audit::AuditWriter(db).write({actor,
                                                 QStringLiteral("auth.logout_all"),
                                                 QStringLiteral("user"),
                                                 uuidText(userId),
                                                 {},
                                                 QJsonObject{{QStringLiteral("sessions"), *count}}});
        }
        return sessions.revokeFamily(sessionId, QStringLiteral("logout"));
    });
}

Result<void> IdentityService::changePassword(QSqlDatabase &db, const QUuid &userId, const QUuid &keepSession,
                                             const QString &newHash, const audit::Actor &actor)
{
    return infra::inTransaction(db, [&]() -> Result<void> {
        if (auto updated = UserRepository(db).setPasswordHash(userId, newHash); !updated)
            return updated;
        auto count =
            SessionRepository(db).revokeAllFamilies(userId, QStringLiteral("password_change"), keepSession);
        if (!count)
            return count.error();
        return audit::AuditWriter(db).write({actor,
                                             QStringLiteral("user.password_change"),
                                             QStringLiteral("user"),
                                             uuidText(userId),
                                             {},
                                             QJsonObject{{QStringLiteral("password"), true},
                                                         {QStringLiteral("other_sessions_ended"), *count}}});
    });
}

Result<void> IdentityService::auditLoginLockout(QSqlDatabase &db, const QString &email,
                                                const audit::Actor &actor)
{
    return infra::inTransaction(db, [&]() -> Result<void> {
        auto user = UserRepository(db).findByEmail(email);
        if (!user)
            return user.error();
        return audit::AuditWriter(db).write({actor,
                                             QStringLiteral("auth.login_locked"),
                                             QStringLiteral("user"),
                                             *user ? uuidText((*user)->id) : QString(),
                                             {},
                                             QJsonObject{{QStringLiteral("email"), email}}});
    });
}

} // namespace fd::identity
