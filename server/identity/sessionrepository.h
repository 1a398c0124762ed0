#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QSqlDatabase>
#include <QUuid>

#include <optional>

namespace fd::identity {

struct RefreshTokenRecord
{
    QUuid id;
    QUuid familyId;
    QUuid userId;
    QDateTime expiresAt;
    bool rotated = false;
    bool familyRevoked = false;
};

// SQL for login sessions: one family per login, one row per refresh token (stored as a SHA-256 hash).
class SessionRepository
{
public:
    explicit SessionRepository(QSqlDatabase &db) : m_db(db) {}

    Result<QUuid> createFamily(const QUuid &userId);
    Result<void> addToken(const QUuid &familyId, const QByteArray &tokenHash, const QDateTime &expiresAt);
    // Locks the token's row so two refreshes with the same token cannot both rotate it.
    Result<std::optional<RefreshTokenRecord>> findForUpdate(const QByteArray &tokenHash);
    Result<void> markRotated(const QUuid &tokenId);
    Result<void> revokeFamily(const QUuid &familyId, const QString &reason);
    // Every open family of the user except `keep` (may be null); returns how many were revoked.
    Result<int> revokeAllFamilies(const QUuid &userId, const QString &reason, const QUuid &keep = {});

private:
    QSqlDatabase &m_db;
};

} // namespace fd::identity
