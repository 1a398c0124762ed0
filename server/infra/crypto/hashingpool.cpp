#include "server/infra/crypto/hashingpool.h"

#include "server/infra/crypto/passwordhasher.h"

#include <sched.h>

namespace fd::infra {

namespace {

// SCHED_IDLE: a hashing thread runs only when no ordinary thread wants the core, so IO threads, Redis and
// PostgreSQL preempt it at once. Measured with a login storm (tests/load/README.md), plain nice 19 let the
// p99 of other requests grow 1.8x, SCHED_IDLE about 1.4x. When the node is CPU-bound, logins wait and the
// bounded backlog answers 503 with Retry-After instead.
void yieldCpuToServingThreads()
{
    thread_local bool lowered = false;
    if (!lowered) {
        sched_param param{};
        sched_setscheduler(0, SCHED_IDLE, &param);
        lowered = true;
    }
}

} // namespace

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
            yieldCpuToServingThreads();
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
