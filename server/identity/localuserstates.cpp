#include "server/identity/localuserstates.h"

#include <QDeadlineTimer>

namespace fd::identity {
namespace {

qint64 monotonicMs()
{
    return QDeadlineTimer::current().deadline();
}

} // namespace

LocalUserStates &LocalUserStates::shared()
{
    static LocalUserStates states;
    return states;
}

std::optional<UserState> LocalUserStates::find(const QUuid &userId)
{
    const qint64 now = monotonicMs();
    QMutexLocker lock(&m_mutex);
    const auto entry = m_entries.constFind(userId);
    if (entry == m_entries.cend() || entry->expiresAtMs <= now)
        return std::nullopt;
    return entry->state;
}

void LocalUserStates::remember(const QUuid &userId, const UserState &state)
{
    const qint64 now = monotonicMs();
    QMutexLocker lock(&m_mutex);
    if (m_entries.size() >= kMaxEntries && !m_entries.contains(userId))
        dropExpired(now);
    if (m_entries.size() >= kMaxEntries) // all fresh: a flood of distinct users, remembering helps nobody
        m_entries.clear();
    m_entries.insert(userId, Entry{state, now + kLifetimeMs});
}

void LocalUserStates::clear()
{
    QMutexLocker lock(&m_mutex);
    m_entries.clear();
}

void LocalUserStates::dropExpired(qint64 nowMs)
{
    m_entries.removeIf([nowMs](const auto &entry) { return entry.value().expiresAtMs <= nowMs; });
}

} // namespace fd::identity
