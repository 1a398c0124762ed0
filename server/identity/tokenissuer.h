#pragma once

#include "common/role.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QUuid>

namespace fd::identity {

struct TokenSettings
{
    QByteArray signingKey;
    QString issuer = QStringLiteral("fairdrop");
    QString audience = QStringLiteral("fairdrop-api");
    qint64 accessTtlSeconds = 30 * 60;
    qint64 refreshTtlSeconds = 7 * 24 * 3600;
};

struct IssuedTokens
{
    QString accessToken;
    QString refreshToken;
    qint64 accessExpiresIn = 0;
    qint64 refreshExpiresIn = 0;
    QUuid sessionId;

    QJsonObject toJson() const;
};

// Mints access JWTs and opaque refresh tokens (256 random bits; only their SHA-256 is stored).
class TokenIssuer
{
public:
    explicit TokenIssuer(TokenSettings settings) : m_settings(std::move(settings)) {}

    QString accessToken(const QUuid &userId, Role role, const QUuid &sessionId, qint64 nowSeconds) const;
    static QString newRefreshToken();
    static QByteArray refreshTokenHash(const QString &refreshToken);
    const TokenSettings &settings() const { return m_settings; }

private:
    TokenSettings m_settings;
};

} // namespace fd::identity
