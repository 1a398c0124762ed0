#include "server/infra/crypto/hashingpool.h"

#include "server/infra/crypto/passwordhasher.h"

namespace fd::infra {

// Hashing threads keep the ordinary priority. Lower ones isolated other requests better in the login-storm
// benchmark (tests/load/README.md), but a saturated CPU (a drop, or many nodes on one host) then starves
// logins outright, and an unprivileged thread cannot raise itself back. Isolation comes from the pool's
// size (half the cores) and its bounded backlog.

HashingPool::HashingPool(int threads, int maxBacklog)
    : m_maxBacklog(maxBacklog), m_dummyHash(password::hash(randomToken(16)))
{
    m_pool.setMaxThreadCount(threads);
    m_pool.setObjectName(QStringLiteral("hashing-pool"));
}

HashingPool::~HashingPool()
{
    m_pool.waitForDone();
}

template <typename T>
void HashingPool::submit(QObject *context, std::function<T()> work, std::function<void(Result<T>)> done)
{
    if (m_backlog.fetch_add(1) >= m_maxBacklog) {
        m_backlog.fetch_sub(1);
        m_refused.fetch_add(1, std::memory_order_relaxed);
        // Queued, like every other answer of this pool, so callers never re-enter themselves.
        QMetaObject::invokeMethod(
            context,
            [done = std::move(done)] {
                done(Error{ErrorCode::ServiceUnavailable,
                           QStringLiteral("Too many sign-ins at once; try again shortly")});
            },
            Qt::QueuedConnection);
        return;
    }
    runOnPool<T>(
        m_pool, context,
        [this, work = std::move(work)] {
            m_backlog.fetch_sub(1);
            return work();
        },
        [done = std::move(done)](T result) { done(std::move(result)); });
}

void HashingPool::hash(QObject *context, QString secret, std::function<void(Result<QString>)> done)
{
    submit<QString>(
        context, [secret = std::move(secret)] { return password::hash(secret); }, std::move(done));
}

void HashingPool::verify(QObject *context, QString storedHash, QString secret,
                         std::function<void(Result<PasswordCheck>)> done)
{
    const bool known = !storedHash.isEmpty();
    submit<PasswordCheck>(
        context,
        [known, stored = known ? std::move(storedHash) : m_dummyHash,
         secret = std::move(secret)]() -> PasswordCheck {
            const bool verified = password::verify(stored, secret) && known;
            return {verified, verified && password::needsRehash(stored)};
        },
        std::move(done));
}

} // namespace fd::infra
