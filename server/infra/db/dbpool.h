#pragma once

#include "server/infra/async.h"
#include "server/infra/db/connectionspec.h"

#include <QObject>
#include <QSqlDatabase>
#include <QThreadPool>

#include <atomic>
#include <functional>

namespace fd::infra {

// PostgreSQL work off the IO threads: a bounded pool of threads, each with its own connection (opened on
// first use, reopened after a lost connection). Results come back through the caller's event loop.
class DbPool
{
public:
    DbPool(ConnectionSpec spec, int size);
    ~DbPool();

    // Runs work(db) on a pool thread, then done(result) on context's thread. If context is gone by then,
    // the result is dropped.
    template <typename T>
    void run(QObject *context, std::function<T(QSqlDatabase &)> work, std::function<void(T)> done)
    {
        m_queued.fetch_add(1, std::memory_order_relaxed);
        runOnPool<T>(
            m_pool, context,
            [this, work = std::move(work)]() {
                m_queued.fetch_sub(1, std::memory_order_relaxed);
                m_busy.fetch_add(1, std::memory_order_relaxed);
                T result = work(connection());
                m_busy.fetch_sub(1, std::memory_order_relaxed);
                return result;
            },
            std::move(done));
    }

    // Waits for queued work to finish; false when it did not within msecs.
    bool waitForDone(int msecs) { return m_pool.waitForDone(msecs); }
    int size() const { return m_pool.maxThreadCount(); }
    int busy() const { return m_busy.load(std::memory_order_relaxed); }
    int queued() const { return m_queued.load(std::memory_order_relaxed); }
    const ConnectionSpec &spec() const { return m_spec; }

private:
    QSqlDatabase &connection();

    ConnectionSpec m_spec;
    QThreadPool m_pool;
    quint64 m_id;
    std::atomic<int> m_busy{0};
    std::atomic<int> m_queued{0};
};

} // namespace fd::infra
