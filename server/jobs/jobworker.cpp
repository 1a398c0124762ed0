#include "server/jobs/jobworker.h"

#include "server/infra/redis/redisclient.h"
#include "server/jobs/jobkeys.h"
#include "server/jobs/jobmetrics.h"

#include <QHostInfo>
#include <QLoggingCategory>
#include <QRandomGenerator>

#include <array>
#include <memory>

#include <unistd.h>

Q_LOGGING_CATEGORY(lcJobs, "fd.server.jobs")

namespace fd::jobs {
namespace {

using infra::LuaScript;
using infra::RedisReply;

const LuaScript &promoteScript()
{
    static const LuaScript loaded = *LuaScript::fromFile(QStringLiteral(":/lua/jobs_promote.lua"));
    return loaded;
}

const LuaScript &settleScript()
{
    static const LuaScript loaded = *LuaScript::fromFile(QStringLiteral(":/lua/jobs_settle.lua"));
    return loaded;
}

// One stream entry: [id, [field, value, ...]].
std::optional<Job> jobFrom(const RedisReply &entry)
{
    if (entry.type != RedisReply::Type::Array || entry.elements.size() != 2 ||
        entry.elements.at(1).type != RedisReply::Type::Array)
        return std::nullopt;
    Job job;
    job.messageId = entry.elements.at(0).string;
    const QList<RedisReply> &fields = entry.elements.at(1).elements;
    for (qsizetype i = 0; i + 1 < fields.size(); i += 2) {
        const QByteArray &name = fields.at(i).string;
        const QByteArray &value = fields.at(i + 1).string;
        if (name == "type")
            job.type = QString::fromUtf8(value);
        else if (name == "id")
            job.id = value;
        else if (name == "attempts")
            job.attempts = value.toInt();
        else if (name == "payload")
            job.payload = value;
    }
    return job;
}

} // namespace

// A run in progress: settled once, by its handler or by its timeout, whichever comes first.
struct JobWorker::Running
{
    Job job;
    QElapsedTimer clock;
    QTimer timeout;
    bool settled = false;
};

JobWorker::JobWorker(infra::RedisEndpoint endpoint, WorkerSettings settings, JobMetrics *metrics,
                     QObject *parent)
    : QObject(parent), m_endpoint(std::move(endpoint)), m_settings(settings), m_metrics(metrics),
      m_pollTimer(this), m_promoteTimer(this), m_reclaimTimer(this)
{
    m_consumer = (QHostInfo::localHostName() + u'-' + QString::number(::getpid()) + u'-' +
                  QString::number(QRandomGenerator::global()->generate(), 36))
                     .toUtf8();
    connect(&m_pollTimer, &QTimer::timeout, this, &JobWorker::poll);
    connect(&m_promoteTimer, &QTimer::timeout, this, &JobWorker::promote);
    connect(&m_reclaimTimer, &QTimer::timeout, this, &JobWorker::reclaim);
}

JobWorker::~JobWorker()
{
    // The client answers its pending callbacks as it goes; they must find this worker whole, and stopping.
    m_stopping = true;
    delete m_redis;
}

void JobWorker::handle(const QString &type, JobHandler handler)
{
    m_handlers.insert(type, std::move(handler));
}

void JobWorker::every(const QString &type, qint64 intervalMs)
{
    m_periodic.append({type.toUtf8(), intervalMs});
}

void JobWorker::start()
{
    m_redis = new infra::RedisClient(m_endpoint, this);
    connect(m_redis, &infra::RedisClient::connectionChanged, this, [this](bool up) {
        if (m_stopping)
            return;
        if (up)
            ensureGroup();
        else
            m_groupReady = false;
    });
    m_redis->connectToServer();
    m_pollTimer.start(m_settings.pollMs);
    m_promoteTimer.start(m_settings.promoteMs);
    m_reclaimTimer.start(int(qMax<qint64>(250, m_settings.reclaimIdleMs / 2)));
    qCInfo(lcJobs).noquote() << "worker" << m_consumer << "started";
}

// The group reads from the stream's start, so jobs enqueued before any worker existed are not lost. A Redis
// that lost its data (or a first start) has no group; one that kept it answers BUSYGROUP.
void JobWorker::ensureGroup()
{
    m_redis->command({"XGROUP", "CREATE", JobKeys::stream(), JobKeys::group(), "0", "MKSTREAM"},
                     [this](const RedisReply &reply) {
                         if (m_stopping)
                             return;
                         m_groupReady = !reply.isError() || reply.string.startsWith("BUSYGROUP");
                         if (!m_groupReady)
                             qCWarning(lcJobs).noquote() << "cannot create the worker group:" << reply.string;
                     });
}

void JobWorker::poll()
{
    if (!m_groupReady || m_reading || m_inFlight > 0)
        return;
    m_reading = true;
    m_redis->command({"XREADGROUP", "GROUP", JobKeys::group(), m_consumer, "COUNT",
                      QByteArray::number(m_settings.batch), "STREAMS", JobKeys::stream(), ">"},
                     [this](const RedisReply &reply) {
                         m_reading = false;
                         if (m_stopping)
                             return;
                         if (reply.isError()) {
                             if (reply.string.startsWith("NOGROUP"))
                                 ensureGroup();
                             return;
                         }
                         // [[stream, [entries...]]], or nil when nothing waits.
                         if (reply.type == RedisReply::Type::Array && !reply.elements.isEmpty() &&
                             reply.elements.constFirst().elements.size() == 2) {
                             const RedisReply &entries = reply.elements.constFirst().elements.at(1);
                             m_morePending = entries.elements.size() >= m_settings.batch;
                             deliver(entries, false);
                         }
                     });
}

void JobWorker::deliver(const RedisReply &entries, bool reclaimed)
{
    for (const RedisReply &entry : entries.elements) {
        const auto job = jobFrom(entry);
        if (!job)
            continue;
        if (reclaimed) {
            // Its worker died mid-run: that counts as a failed attempt, so a job that kills its worker
            // every time ends in the dead-letter stream instead of going round forever.
            finished(*job,
                     Error{ErrorCode::Internal, QStringLiteral("its worker stopped before finishing it")}, 0);
        } else {
            run(*job);
        }
    }
}

void JobWorker::run(const Job &job)
{
    const auto handler = m_handlers.constFind(job.type);
    if (handler == m_handlers.constEnd()) {
        settle(job, "dead", 0, QStringLiteral("no handler for job type ") + job.type);
        return;
    }
    ++m_inFlight;
    auto running = std::make_shared<Running>();
    running->job = job;
    running->clock.start();
    auto complete = [this, running](Result<void> result) {
        if (std::exchange(running->settled, true) || m_stopping)
            return;
        running->timeout.stop();
        --m_inFlight;
        finished(running->job, std::move(result), running->clock.elapsed());
        if (m_inFlight == 0 && m_morePending)
            poll();
    };
    running->timeout.setSingleShot(true);
    connect(&running->timeout, &QTimer::timeout, this, [complete, limit = m_settings.jobTimeoutMs] {
        complete(Error{ErrorCode::ServiceUnavailable, QStringLiteral("timed out after %1 ms").arg(limit)});
    });
    running->timeout.start(int(m_settings.jobTimeoutMs));
    try {
        (*handler)(job, JobContext{this, m_redis},
                   [complete](Result<void> result) { complete(std::move(result)); });
    } catch (const std::exception &failure) {
        complete(Error{ErrorCode::Internal, QString::fromUtf8(failure.what())});
    }
}

void JobWorker::finished(const Job &job, Result<void> result, qint64 elapsedMs)
{
    const char *outcome = "succeeded";
    if (result) {
        settle(job, "done", 0, {});
    } else if (job.attempts + 1 >= m_settings.maxAttempts) {
        outcome = "dead";
        qCWarning(lcJobs).noquote() << "job" << job.type << job.id << "is dead after" << job.attempts + 1
                                    << "attempts:" << result.error().detail;
        settle(job, "dead", 0, result.error().detail);
    } else {
        outcome = "retried";
        qCInfo(lcJobs).noquote() << "job" << job.type << job.id
                                 << "failed, retrying:" << result.error().detail;
        settle(job, "retry", backoffFor(job.attempts + 1), result.error().detail);
    }
    if (m_metrics)
        m_metrics->finished(job.type, outcome, double(elapsedMs) / 1000.0);
}

// The nth retry waits base * 2^(n-1), capped, with up to a quarter of jitter so retries of jobs that failed
// together do not come back together.
qint64 JobWorker::backoffFor(int attempts) const
{
    qint64 delay = m_settings.backoffBaseMs;
    for (int i = 1; i < attempts && delay < m_settings.backoffMaxMs; ++i)
        delay *= 2;
    delay = qMin(delay, m_settings.backoffMaxMs);
    return delay + qint64(QRandomGenerator::global()->bounded(double(delay) / 4.0));
}

void JobWorker::settle(const Job &job, const QByteArray &outcome, qint64 delayMs, const QString &error)
{
    const int attempts = outcome == "done" ? job.attempts : job.attempts + 1;
    m_redis->evalScript(settleScript(), {JobKeys::stream(), JobKeys::delayed(), JobKeys::dead()},
                        {JobKeys::group(), job.messageId, outcome, job.type.toUtf8(),
                         QByteArray::number(attempts), job.payload, QByteArray::number(delayMs),
                         error.toUtf8(), job.id},
                        [type = job.type](const RedisReply &reply) {
                            // Unsettled, the delivery stays pending and is reclaimed later: run again, at
                            // least once.
                            if (reply.isError())
                                qCWarning(lcJobs).noquote() << "could not settle a" << type
                                                            << "job:" << QString::fromUtf8(reply.string);
                        });
}

void JobWorker::promote()
{
    if (!m_redis->isConnected())
        return;
    QList<QByteArray> args{QByteArray::number(100)};
    for (const auto &[type, interval] : std::as_const(m_periodic))
        args << type << QByteArray::number(interval);
    m_redis->evalScript(promoteScript(), {JobKeys::delayed(), JobKeys::stream(), JobKeys::periodic()}, args,
                        [this](const RedisReply &reply) {
                            if (!m_stopping && !reply.isError() && reply.integer > 0)
                                poll(); // something is due now: no need to wait for the next poll
                        });
    if (!m_metrics)
        return;
    auto depth = std::make_shared<std::array<double, 3>>();
    auto pending = std::make_shared<int>(3);
    const QList<QList<QByteArray>> probes{
        {"XLEN", JobKeys::stream()}, {"ZCARD", JobKeys::delayed()}, {"XLEN", JobKeys::dead()}};
    for (int i = 0; i < 3; ++i) {
        m_redis->command(probes.at(i), [this, depth, pending, i](const RedisReply &reply) {
            (*depth)[i] = double(reply.integer);
            if (--*pending == 0 && !m_stopping)
                m_metrics->depth((*depth)[0], (*depth)[1], (*depth)[2]);
        });
    }
}

void JobWorker::reclaim()
{
    if (!m_groupReady)
        return;
    m_redis->command(
        {"XAUTOCLAIM", JobKeys::stream(), JobKeys::group(), m_consumer,
         QByteArray::number(m_settings.reclaimIdleMs), "0-0", "COUNT", QByteArray::number(m_settings.batch)},
        [this](const RedisReply &reply) {
            // [next start id, [entries...], [deleted ids...]]
            if (!m_stopping && reply.type == RedisReply::Type::Array && reply.elements.size() >= 2)
                deliver(reply.elements.at(1), true);
        });
}

} // namespace fd::jobs
