#pragma once

#include "common/result.h"
#include "server/infra/async.h"

#include <QString>
#include <QThreadPool>

#include <atomic>

namespace fd::infra {

struct PasswordCheck
{
    bool verified = false;
    bool rehash = false; // verified, but hashed with older parameters: store a fresh hash
};

// Password hashing (argon2id, 19 MiB and tens of milliseconds each) on its own small pool of
// threads, so a login storm queues here instead of starving the IO threads, Redis or PostgreSQL. The queue
// is bounded: past `maxBacklog` waiting jobs, callers get ServiceUnavailable at once rather than an answer
// long after their client gave up.
class HashingPool
{
public:
    HashingPool(int threads, int maxBacklog);
    ~HashingPool();

    bool waitForDone(int msecs) { return m_pool.waitForDone(msecs); }
    int backlog() const { return m_backlog.load(std::memory_order_relaxed); }
    qint64 refused() const { return m_refused.load(std::memory_order_relaxed); } // since start
    void hash(QObject *context, QString password, std::function<void(Result<QString>)> done);
    // Verifies against the stored hash; with no stored hash it verifies against a dummy one, so an unknown
    // account costs the same time as a known one.
    void verify(QObject *context, QString storedHash, QString password,
                std::function<void(Result<PasswordCheck>)> done);

private:
    template <typename T>
    void submit(QObject *context, std::function<T()> work, std::function<void(Result<T>)> done);

    QThreadPool m_pool;
    const int m_maxBacklog;
    std::atomic<int> m_backlog{0};
    std::atomic<qint64> m_refused{0};
    QString m_dummyHash;
};

} // namespace fd::infra
