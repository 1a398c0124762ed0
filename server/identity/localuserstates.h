#pragma once

#include "server/identity/userstatecache.h"

#include <QHash>
#include <QMutex>
#include <QUuid>

#include <optional>

namespace fd::identity {

// What this node learnt of users' states in the last moment, so a burst of requests from one user costs one
// Redis read, not one each. Changes made on this node apply at once (they are written here too); changes
// made on another node apply when the entry lapses. Shared by every IO thread.
class LocalUserStates
{
public:
    static LocalUserStates &shared();

    std::optional<UserState> find(const QUuid &userId);
    void remember(const QUuid &userId, const UserState &state);
    void clear();

    static constexpr qint64 kLifetimeMs = 1000;
    static constexpr qsizetype kMaxEntries = 100000;

private:
    struct Entry
    {
        UserState state;
        qint64 expiresAtMs = 0;
    };
    void dropExpired(qint64 nowMs);

    QMutex m_mutex;
    QHash<QUuid, Entry> m_entries;
};

} // namespace fd::identity
