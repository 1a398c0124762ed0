#include "server/identity/tokenauthenticator.h"

#include "server/http/iocontext.h"
#include "server/http/request.h"
#include "server/infra/crypto/jwt.h"

#include <QDateTime>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcAuth, "fd.server.identity.auth")

namespace fd::identity {
namespace {

Error unauthorized(const QString &detail)
{
    return Error{ErrorCode::InvalidToken, detail};
}

} // namespace

void TokenAuthenticator::authenticate(const http::Request &request, http::IoContext *context,
                                      std::function<void(Result<http::Principal>)> done)
{
    const QByteArray header = request.header("authorization");
    if (request.headers.contains("x-api-key")) {
        // Two credentials could name two different accounts; refuse rather than pick one.
        if (request.headers.contains("authorization"))
            done(unauthorized(QStringLiteral("Send either Authorization or X-API-Key, not both")));
        else
            m_apiKeys.authenticate(request, context, std::move(done));
        return;
    }
    if (header.isEmpty()) {
        done(Error{ErrorCode::Unauthorized, QStringLiteral("Sign in: send Authorization: Bearer <token>")});
        return;
    }
    if (header.size() < 8 || header.first(7).toLower() != "bearer ") {
        done(unauthorized(QStringLiteral("Only Bearer tokens are accepted")));
        return;
    }
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    auto claims = infra::jwt::verifyHs256(header.mid(7).trimmed(), m_settings.signingKey,
                                          {m_settings.issuer, m_settings.audience, now, 30});
    if (!claims) {
        qCDebug(lcAuth).noquote() << "token refused:" << claims.error().detail;
        done(unauthorized(QStringLiteral("The access token is invalid or expired")));
        return;
    }
    http::Principal principal;
    principal.userId = QUuid::fromString(claims->value(QStringLiteral("sub")).toString());
    principal.sessionId = QUuid::fromString(claims->value(QStringLiteral("sid")).toString());
    principal.issuedAt = qint64(claims->value(QStringLiteral("iat")).toDouble());
    if (principal.userId.isNull() || principal.sessionId.isNull()) {
        done(unauthorized(QStringLiteral("The access token is invalid or expired")));
        return;
    }
    m_states.get(
        context->redis(), context, principal.userId, [principal, done](Result<UserState> state) mutable {
            if (!state) {
                done(state.error());
                return;
            }
            if (!state->exists || !state->active) {
                done(Error{ErrorCode::AccountDisabled, QStringLiteral("The account is deactivated")});
                return;
            }
            // Deactivation kills every token issued before it, also once the account is active again. A token
            // issued earlier within the same second as the deactivation is the one that outlives it.
            if (principal.issuedAt < state->tokensValidAfter) {
                done(unauthorized(QStringLiteral("The access token was revoked")));
                return;
            }
            principal.role = state->role; // the current role, not the one the token was issued with
            done(principal);
        });
}

} // namespace fd::identity
