#pragma once

#include "common/result.h"
#include "server/audit/auditentry.h"
#include "server/identity/apikeyrecord.h"

#include <QSqlDatabase>

namespace fd::identity {

struct NewApiKey
{
    QString name;
    QStringList scopes;
    QDateTime expiresAt; // invalid: never expires
};

struct CreatedApiKey
{
    ApiKeyRecord record;
    QString key; // the only time the secret exists outside the caller's hands

    QJsonObject toJson() const;
};

struct RevokedApiKey
{
    ApiKeyRecord record;
    bool changed = false; // false: it was revoked already
};

// The rules of partner API keys. Every method runs on a database thread with the connection it is given,
// inside its own transaction, and audits what it changes in that same transaction. Callers publish a
// revocation to the authentication cache after the commit (ApiKeyCache::publishRevoked).
class ApiKeyService
{
public:
    static constexpr int kNameMaxLength = 100;

    // The rules a new key must meet, checked before any database work; empty when it meets them.
    // Duplicate scopes are folded into one.
    static QList<FieldError> check(NewApiKey &key, const QDateTime &now);

    Result<CreatedApiKey> create(QSqlDatabase &db, const QUuid &owner, const NewApiKey &key,
                                 const audit::Actor &actor);
    Result<ApiKeyPage> list(QSqlDatabase &db, const ApiKeyFilter &filter);
    // The owner's open key only: another user's key, or one revoked already, is NotFound.
    Result<RevokedApiKey> revokeOwn(QSqlDatabase &db, const QUuid &owner, const QUuid &id,
                                    const audit::Actor &actor);
    // Any key (admins); revoking a revoked key changes nothing and succeeds.
    Result<RevokedApiKey> revokeAny(QSqlDatabase &db, const QUuid &id, const audit::Actor &actor);

private:
    Result<RevokedApiKey> revoke(QSqlDatabase &db, const QUuid &id, const std::optional<QUuid> &owner,
                                 const audit::Actor &actor);
};

} // namespace fd::identity
