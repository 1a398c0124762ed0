#include "server/infra/crypto/hashingpool.h"

#include "server/infra/crypto/passwordhasher.h"

#include <QMetaObject>
#include <QPointer>

#include <algorithm>

#include <sched.h>

namespace fd::infra {

namespace {

// A hash takes ~40 ms of a core: a hashing thread that finished nothing for this long while work waited is
// starved, not busy.
constexpr auto kStarvedAfter = std::chrono::milliseconds(300);

void runOnlyWhenIdle()
{
    sched_param param{};
    sched_setscheduler(0, SCHED_IDLE, &param);
}

} // namespace

// Computes once or twice (a rescued job may also finish on its starved thread); answers once.
struct HashingPool::Job
{
    std::function<void()> computeAndAnswer;
    std::atomic<bool> answered{false};
};

HashingPool::HashingPool(int threads, int maxBacklog)
    : m_maxBacklog(maxBacklog), m_dummyHash(password::hash(randomToken(16)))
{
    for (int i = 0; i < threads; ++i)
        m_threads.emplace_back([this] { runHashing(); });
    m_threads.emplace_back([this] { runRescue(); });
}

HashingPool::~HashingPool()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    for (std::thread &thread : m_threads)
        thread.join();
}

bool HashingPool::waitForDone(int msecs)
{
    std::unique_lock lock(m_mutex);
    return m_progress.wait_for(lock, std::chrono::milliseconds(msecs),
                               [this] { return m_queue.empty() && m_running.empty(); });
}

void HashingPool::enqueue(std::shared_ptr<Job> job)
{
    {
        const std::lock_guard lock(m_mutex);
        // After a quiet spell, the first job must not look starved from the start.
        if (m_queue.empty() && m_running.empty())
            m_lastProgress = Clock::now();
        m_queue.push_back(std::move(job));
    }
    m_wake.notify_all();
}

void HashingPool::finished(const std::shared_ptr<Job> &job, bool byHashingThread)
{
    m_running.erase(std::remove(m_running.begin(), m_running.end(), job), m_running.end());
    // Only the hashing threads' own progress ends a rescue: while they starve, the rescue thread goes on.
    if (byHashingThread)
        m_lastProgress = Clock::now();
    m_progress.notify_all();
}

void HashingPool::runHashing()
{
    runOnlyWhenIdle();
    std::unique_lock lock(m_mutex);
    while (true) {
        m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
        if (m_stopping)
            return;
        std::shared_ptr<Job> job = m_queue.front();
        m_queue.pop_front();
        m_backlog.fetch_sub(1, std::memory_order_relaxed);
        m_running.push_back(job);
        lock.unlock();
        if (!job->answered.load())
            job->computeAndAnswer();
        lock.lock();
        finished(job, true);
    }
}

void HashingPool::runRescue()
{
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        const bool waiting = !m_queue.empty() || !m_running.empty();
        if (!waiting) { // an idle node sleeps until work arrives
            m_wake.wait(lock);
            continue;
        }
        if (Clock::now() - m_lastProgress < kStarvedAfter) {
            m_wake.wait_for(lock, kStarvedAfter / 3);
            continue;
        }
        std::shared_ptr<Job> job;
        if (!m_queue.empty()) {
            job = m_queue.front();
            m_queue.pop_front();
            m_backlog.fetch_sub(1, std::memory_order_relaxed);
            m_running.push_back(job);
        } else {
            job = m_running.front(); // stuck on a starved thread: compute it again here
        }
        m_rescued.fetch_add(1, std::memory_order_relaxed);
        lock.unlock();
        if (!job->answered.load())
            job->computeAndAnswer();
        lock.lock();
        finished(job, false);
    }
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
    auto job = std::make_shared<Job>();
    QPointer<QObject> target(context);
    // The job holds itself only weakly, so a finished job is freed with the last thread that ran it. Only the
    // first copy to finish touches `done`, and moves it to the caller's thread: nothing of the caller (its
    // exchange) is released on a hashing thread.
    job->computeAndAnswer = [target, work = std::move(work), done = std::move(done),
                             weakJob = std::weak_ptr<Job>(job)]() mutable {
        T result = work();
        const auto self = weakJob.lock();
        if (!self || self->answered.exchange(true) || !target)
            return;
        QMetaObject::invokeMethod(
            target,
            [done = std::move(done), result = std::move(result)]() mutable { done(std::move(result)); },
            Qt::QueuedConnection);
    };
    enqueue(std::move(job));
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
