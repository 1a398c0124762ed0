#pragma once

#include "common/result.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace fd::infra {

struct PasswordCheck
{
    bool verified = false;
    bool rehash = false; // verified, but hashed with older parameters: store a fresh hash
};

// Password hashing (argon2id, 19 MiB and tens of milliseconds each) kept from slowing everything else:
// - Hashing threads (half the cores) run under SCHED_IDLE, so IO threads, Redis and PostgreSQL preempt
//   them at once and a login storm slows logins, not other requests.
// - SCHED_IDLE alone would starve logins whenever the CPU is saturated (a drop), and an unprivileged thread
//   cannot raise its own priority again. One rescue thread at normal priority watches: when hashing has
//   made no progress for a while although work waits, it takes the oldest job (re-running a starved one
//   if need be; whichever copy finishes first answers).
// - The queue is bounded: past `maxBacklog` waiting jobs, callers get ServiceUnavailable at once rather
//   than an answer long after their client gave up.
class HashingPool
{
public:
    HashingPool(int threads, int maxBacklog);
    ~HashingPool();

    // Waits until no job is queued or running; false when that did not happen within msecs.
    bool waitForDone(int msecs);
    int backlog() const { return m_backlog.load(std::memory_order_relaxed); }
    qint64 refused() const { return m_refused.load(std::memory_order_relaxed); } // since start
    qint64 rescued() const { return m_rescued.load(std::memory_order_relaxed); } // since start

    void hash(QObject *context, QString password, std::function<void(Result<QString>)> done);
    // Verifies against the stored hash; with no stored hash it verifies against a dummy one, so an unknown
    // account costs the same time as a known one.
    void verify(QObject *context, QString storedHash, QString password,
                std::function<void(Result<PasswordCheck>)> done);

private:
    struct Job;
    using Clock = std::chrono::steady_clock;

    template <typename T>
    void submit(QObject *context, std::function<T()> work, std::function<void(Result<T>)> done);
    void enqueue(std::shared_ptr<Job> job);
    void runHashing();
    void runRescue();
    void finished(const std::shared_ptr<Job> &job, bool byHashingThread); // with m_mutex held

    const int m_maxBacklog;
    QString m_dummyHash;
    std::mutex m_mutex;
    std::condition_variable m_wake;     // work arrived, or stopping
    std::condition_variable m_progress; // a job finished
    std::deque<std::shared_ptr<Job>> m_queue;
    std::vector<std::shared_ptr<Job>> m_running;
    Clock::time_point m_lastProgress = Clock::now();
    bool m_stopping = false;
    std::atomic<int> m_backlog{0};
    std::atomic<qint64> m_refused{0};
    std::atomic<qint64> m_rescued{0};
    std::vector<std::thread> m_threads;
};

} // namespace fd::infra
