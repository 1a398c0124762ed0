#pragma once

#include "server/infra/redis/redisendpoint.h"
#include "server/jobs/job.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>

namespace fd::infra {
class RedisClient;
struct RedisReply;
} // namespace fd::infra

namespace fd::jobs {

class JobMetrics;

struct WorkerSettings
{
    int batch = 16;                 // jobs taken per read
    int pollMs = 200;               // how often an idle worker looks for jobs
    int promoteMs = 250;            // how often delayed and periodic jobs are moved to the stream
    int maxAttempts = 5;            // runs before a job is dead
    qint64 backoffBaseMs = 1000;    // the first retry waits this long, each next one twice as long
    qint64 backoffMaxMs = 300'000;  // ... up to this
    qint64 jobTimeoutMs = 60'000;   // a run that has not finished by then counts as failed
    qint64 reclaimIdleMs = 120'000; // a delivery unacknowledged this long belonged to a worker that died
};

// Runs background jobs from the Redis stream as one consumer of the "workers" group: at least once, with
// retries on exponential backoff, a dead-letter stream after maxAttempts, delayed and periodic jobs, and
// jobs of crashed workers reclaimed after reclaimIdleMs. Any number of workers on any number of nodes
// share the work. Lives in its own thread with its own Redis connection; create, configure, then start()
// in that thread.
class JobWorker : public QObject
{
    Q_OBJECT
public:
    JobWorker(infra::RedisEndpoint endpoint, WorkerSettings settings, JobMetrics *metrics = nullptr,
              QObject *parent = nullptr);
    ~JobWorker() override;

    void handle(const QString &type, JobHandler handler);
    // Enqueued once per interval across all workers (whichever promotes first).
    void every(const QString &type, qint64 intervalMs);

    void start();
    const QByteArray &consumerName() const { return m_consumer; }

private:
    struct Running;

    void ensureGroup();
    void poll();
    void promote();
    void reclaim();
    void deliver(const infra::RedisReply &entries, bool reclaimed);
    void run(const Job &job);
    void settle(const Job &job, const QByteArray &outcome, qint64 delayMs, const QString &error);
    void finished(const Job &job, Result<void> result, qint64 elapsedMs);
    qint64 backoffFor(int attempts) const;

    infra::RedisEndpoint m_endpoint;
    WorkerSettings m_settings;
    JobMetrics *m_metrics;
    infra::RedisClient *m_redis = nullptr;
    QByteArray m_consumer;
    QHash<QString, JobHandler> m_handlers;
    QList<std::pair<QByteArray, qint64>> m_periodic;
    QTimer m_pollTimer;
    QTimer m_promoteTimer;
    QTimer m_reclaimTimer;
    int m_inFlight = 0;
    bool m_reading = false;
    bool m_groupReady = false;
    bool m_morePending = false;
    bool m_stopping = false;
};

} // namespace fd::jobs
