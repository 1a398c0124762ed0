#include "server/identity/tokenissuer.h"

#include "server/infra/crypto/jwt.h"
#include "server/infra/crypto/passwordhasher.h"

#include <QCryptographicHash>

namespace fd::identity {

QJsonObject IssuedTokens::toJson() const
{
    return QJsonObject{{QStringLiteral("access_token"), accessToken},
                       {QStringLiteral("token_type"), QStringLiteral("bearer")},
                       {QStringLiteral("expires_in"), accessExpiresIn},
                       {QStringLiteral("refresh_token"), refreshToken},
                       {QStringLiteral("refresh_expires_in"), refreshExpiresIn}};
}

QString TokenIssuer::accessToken(const QUuid &userId, Role role, const QUuid &sessionId,
                                 qint64 nowSeconds) const
{
    const QJsonObject claims{{QStringLiteral("sub"), userId.toString(QUuid::WithoutBraces)},
                             {QStringLiteral("role"), roleName(role)},
                             {QStringLiteral("sid"), sessionId.toString(QUuid::WithoutBraces)},
                             {QStringLiteral("iat"), nowSeconds},
                             {QStringLiteral("exp"), nowSeconds + m_settings.accessTtlSeconds},
                             {QStringLiteral("iss"), m_settings.issuer},
                             {QStringLiteral("aud"), m_settings.audience},
                             {QStringLiteral("jti"), infra::randomToken(12)}};
    return QString::fromLatin1(infra::jwt::signHs256(claims, m_settings.signingKey));
}

QString TokenIssuer::newRefreshToken()
{
    return QStringLiteral("fdr_") + infra::randomToken(32);
}

QByteArray TokenIssuer::refreshTokenHash(const QString &refreshToken)
{
    return QCryptographicHash::hash(refreshToken.toLatin1(), QCryptographicHash::Sha256);
}

} // namespace fd::identity
