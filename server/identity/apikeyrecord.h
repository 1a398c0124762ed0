#pragma once

#include "common/role.h"
#include "server/infra/db/timekey.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUuid>

#include <optional>

namespace fd::identity {

// What a partner key may be granted; the database checks the same list.
inline const QStringList &apiKeyScopes()
{
    static const QStringList scopes{QStringLiteral("catalog:read"), QStringLiteral("orders:read"),
                                    QStringLiteral("orders:write")};
    return scopes;
}

// Who may hold and use keys (admins pass every role check too).
inline QList<Role> apiKeyHolderRoles()
{
    return {Role::UserB2b, Role::SellerB2b};
}

// An API key as its owner and admins see it: never the secret, nor its hash.
struct ApiKeyRecord
{
    QUuid id;
    QUuid userId;
    QString name;
    QStringList scopes;
    QDateTime createdAt;
    QDateTime expiresAt; // invalid: never expires
    QDateTime revokedAt; // invalid: not revoked
    QDateTime lastUsedAt;

    QJsonObject toJson() const
    {
        const auto time = [](const QDateTime &at) {
            return at.isValid() ? QJsonValue(at.toUTC().toString(Qt::ISODate)) : QJsonValue();
        };
        return QJsonObject{{QStringLiteral("id"), id.toString(QUuid::WithoutBraces)},
                           {QStringLiteral("user_id"), userId.toString(QUuid::WithoutBraces)},
                           {QStringLiteral("name"), name},
                           {QStringLiteral("scopes"), QJsonArray::fromStringList(scopes)},
                           {QStringLiteral("created_at"), time(createdAt)},
                           {QStringLiteral("expires_at"), time(expiresAt)},
                           {QStringLiteral("revoked_at"), time(revokedAt)},
                           {QStringLiteral("last_used_at"), time(lastUsedAt)}};
    }
};

// What authenticating a request with a key needs, as cached in Redis.
struct ApiKeyCredential
{
    QUuid userId;
    QByteArray secretHash; // SHA-256 of the secret, 32 bytes; empty once revoked
    QStringList scopes;
    qint64 expiresAtMs = 0; // 0: never expires
    bool revoked = false;
};

struct ApiKeyFilter
{
    std::optional<QUuid> userId;
    bool activeOnly = false; // hide revoked keys
    int limit = 50;
    std::optional<infra::TimeKey> after;
};

struct ApiKeyPage
{
    QList<ApiKeyRecord> items; // newest first
    std::optional<infra::TimeKey> next;
};

} // namespace fd::identity
