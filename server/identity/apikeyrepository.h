#pragma once

#include "common/result.h"
#include "server/identity/apikeyrecord.h"

#include <QSqlDatabase>

#include <optional>

namespace fd::identity {

// SQL for API keys. Runs on whatever thread owns the connection it is given.
class ApiKeyRepository
{
public:
    explicit ApiKeyRepository(QSqlDatabase &db) : m_db(db) {}

    // expiresAt invalid: never expires.
    Result<ApiKeyRecord> create(const QUuid &userId, const QString &name, const QByteArray &secretHash,
                                const QStringList &scopes, const QDateTime &expiresAt);
    Result<ApiKeyPage> list(const ApiKeyFilter &filter);
    Result<std::optional<ApiKeyRecord>> find(const QUuid &id);
    // Revokes the key if it is not revoked yet and, when owner is given, belongs to that user; returns the
    // revoked key, or nothing when no such key was open.
    Result<std::optional<ApiKeyRecord>> revoke(const QUuid &id, const std::optional<QUuid> &owner);
    Result<std::optional<ApiKeyCredential>> credential(const QUuid &id);
    // At most once a minute even when the callers' own gate is gone (Redis down or flushed).
    Result<void> markUsed(const QUuid &id);

private:
    QSqlDatabase &m_db;
};

} // namespace fd::identity
