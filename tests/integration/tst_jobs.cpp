// Background jobs on a real Redis: every job runs (at least once, and here exactly once), failures come
// back with growing delays, jobs that keep failing end in the dead-letter stream, delayed jobs wait,
// periodic jobs run once per interval however many workers there are, and the job of a worker that died
// mid-run is taken over by another.
#include "server/infra/redis/redisclient.h"
#include "server/jobs/jobkeys.h"
#include "server/jobs/jobqueue.h"
#include "server/jobs/jobworker.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <vector>

using namespace fd;
using namespace fd::jobs;

namespace {

// Short times, so retries, reclaims and periods fit in a test.
WorkerSettings quick()
{
    WorkerSettings settings;
    settings.pollMs = 30;
    settings.promoteMs = 30;
    settings.maxAttempts = 3;
    settings.backoffBaseMs = 100;
    settings.backoffMaxMs = 1000;
    settings.jobTimeoutMs = 2000;
    settings.reclaimIdleMs = 400;
    return settings;
}

} // namespace

class JobsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();
    void everyJobRunsOnceAndIsAcknowledged();
    void failuresRetryWithGrowingDelays();
    void jobsThatKeepFailingEndDead();
    void unknownJobTypesEndDead();
    void delayedJobsWait();
    void periodicJobsRunOncePerIntervalAcrossWorkers();
    void aDeadWorkersJobIsTakenOver();

private:
    infra::RedisEndpoint endpoint() const;
    QByteArray redis(const QList<QByteArray> &command);
    std::unique_ptr<JobWorker> worker(WorkerSettings settings = quick());

    QTemporaryDir m_dir;
    QProcess m_server;
    std::unique_ptr<infra::RedisClient> m_client;
};

infra::RedisEndpoint JobsTest::endpoint() const
{
    return *infra::RedisEndpoint::fromUrl(QStringLiteral("unix://") + m_dir.path() +
                                          QStringLiteral("/redis.sock"));
}

void JobsTest::initTestCase()
{
    m_server.start(QStringLiteral("redis-server"),
                   {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--unixsocket"),
                    m_dir.path() + QStringLiteral("/redis.sock"), QStringLiteral("--save"), QString(),
                    QStringLiteral("--appendonly"), QStringLiteral("no"), QStringLiteral("--dir"),
                    m_dir.path()});
    QVERIFY(m_server.waitForStarted());
    m_client = std::make_unique<infra::RedisClient>(endpoint());
    m_client->connectToServer();
    QTRY_VERIFY_WITH_TIMEOUT(m_client->isConnected(), 10'000);
}

void JobsTest::init()
{
    QCOMPARE(redis({"FLUSHALL"}), QByteArray("OK"));
}

void JobsTest::cleanupTestCase()
{
    m_client.reset();
    m_server.terminate();
    m_server.waitForFinished();
}

// One command through the test's own connection; the reply's string, or its integer as text.
QByteArray JobsTest::redis(const QList<QByteArray> &command)
{
    QByteArray answer;
    bool done = false;
    m_client->command(command, [&](const infra::RedisReply &reply) {
        answer =
            reply.type == infra::RedisReply::Type::Integer ? QByteArray::number(reply.integer) : reply.string;
        done = true;
    });
    QDeadlineTimer deadline(5000);
    while (!done && !deadline.hasExpired())
        QTest::qWait(5);
    return done ? answer : QByteArrayLiteral("(no answer)");
}

std::unique_ptr<JobWorker> JobsTest::worker(WorkerSettings settings)
{
    return std::make_unique<JobWorker>(endpoint(), settings);
}

void JobsTest::everyJobRunsOnceAndIsAcknowledged()
{
    QHash<QByteArray, int> runs;
    auto jobs = worker();
    jobs->handle(QStringLiteral("count"), [&](const Job &job, const JobContext &, JobDone done) {
        ++runs[job.payload];
        done({});
    });
    jobs->start();
    for (int i = 0; i < 40; ++i)
        JobQueue::enqueue(m_client.get(), QStringLiteral("count"), QByteArray::number(i));
    QTRY_COMPARE_WITH_TIMEOUT(runs.size(), 40, 10'000);
    QTest::qWait(200);
    for (auto it = runs.cbegin(); it != runs.cend(); ++it)
        QCOMPARE(it.value(), 1);
    QCOMPARE(redis({"XLEN", JobKeys::stream()}), QByteArray("0"));
}

void JobsTest::failuresRetryWithGrowingDelays()
{
    QList<int> attempts;
    QList<qint64> at;
    QElapsedTimer clock;
    clock.start();
    auto jobs = worker();
    jobs->handle(QStringLiteral("flaky"), [&](const Job &job, const JobContext &, JobDone done) {
        attempts.append(job.attempts);
        at.append(clock.elapsed());
        if (job.attempts < 2)
            done(Error{ErrorCode::ServiceUnavailable, QStringLiteral("not yet")});
        else
            done({});
    });
    jobs->start();
    JobQueue::enqueue(m_client.get(), QStringLiteral("flaky"), "x");
    QTRY_COMPARE_WITH_TIMEOUT(attempts.size(), 3, 10'000);
    QCOMPARE(attempts, (QList<int>{0, 1, 2}));
    // 100 ms, then 200 ms (plus jitter): the second wait is the longer one.
    QVERIFY2(at[1] - at[0] >= 100, qPrintable(QString::number(at[1] - at[0])));
    QVERIFY2(at[2] - at[1] >= 200, qPrintable(QString::number(at[2] - at[1])));
    QTest::qWait(300);
    QCOMPARE(attempts.size(), 3);
    QCOMPARE(redis({"XLEN", JobKeys::dead()}), QByteArray("0"));
    QCOMPARE(redis({"ZCARD", JobKeys::delayed()}), QByteArray("0"));
}

void JobsTest::jobsThatKeepFailingEndDead()
{
    int runs = 0;
    auto jobs = worker();
    jobs->handle(QStringLiteral("broken"), [&](const Job &, const JobContext &, JobDone done) {
        ++runs;
        done(Error{ErrorCode::Internal, QStringLiteral("always broken")});
    });
    jobs->start();
    JobQueue::enqueue(m_client.get(), QStringLiteral("broken"), "payload-1");
    QTRY_COMPARE_WITH_TIMEOUT(redis({"XLEN", JobKeys::dead()}), QByteArray("1"), 10'000);
    QCOMPARE(runs, 3);
    bool read = false;
    m_client->command({"XRANGE", JobKeys::dead(), "-", "+"}, [&](const infra::RedisReply &reply) {
        const auto &fields = reply.elements.at(0).elements.at(1).elements;
        QHash<QByteArray, QByteArray> entry;
        for (qsizetype i = 0; i + 1 < fields.size(); i += 2)
            entry.insert(fields.at(i).string, fields.at(i + 1).string);
        QCOMPARE(entry.value("type"), QByteArray("broken"));
        QCOMPARE(entry.value("attempts"), QByteArray("3"));
        QCOMPARE(entry.value("payload"), QByteArray("payload-1"));
        QCOMPARE(entry.value("error"), QByteArray("always broken"));
        read = true;
    });
    QTRY_VERIFY(read);
    QTest::qWait(300);
    QCOMPARE(runs, 3);
}

void JobsTest::unknownJobTypesEndDead()
{
    auto jobs = worker();
    jobs->start();
    JobQueue::enqueue(m_client.get(), QStringLiteral("nobody.handles.this"), {});
    QTRY_COMPARE_WITH_TIMEOUT(redis({"XLEN", JobKeys::dead()}), QByteArray("1"), 10'000);
    QCOMPARE(redis({"XLEN", JobKeys::stream()}), QByteArray("0"));
}

void JobsTest::delayedJobsWait()
{
    qint64 ranAt = -1;
    QElapsedTimer clock;
    auto jobs = worker();
    jobs->handle(QStringLiteral("later"), [&](const Job &, const JobContext &, JobDone done) {
        ranAt = clock.elapsed();
        done({});
    });
    jobs->start();
    clock.start();
    JobQueue::enqueue(m_client.get(), QStringLiteral("later"), {}, 600);
    QTRY_VERIFY_WITH_TIMEOUT(ranAt >= 0, 10'000);
    QVERIFY2(ranAt >= 550, qPrintable(QString::number(ranAt))); // Redis' clock and ours may differ by a tick
}

void JobsTest::periodicJobsRunOncePerIntervalAcrossWorkers()
{
    int ticks = 0;
    std::vector<std::unique_ptr<JobWorker>> workers;
    for (int i = 0; i < 3; ++i) {
        workers.push_back(worker());
        workers.back()->handle(QStringLiteral("tick"), [&](const Job &, const JobContext &, JobDone done) {
            ++ticks;
            done({});
        });
        workers.back()->every(QStringLiteral("tick"), 300);
        workers.back()->start();
    }
    QTest::qWait(1600);
    // About five periods passed; three workers enqueuing on their own would have made about fifteen runs.
    QVERIFY2(ticks >= 4 && ticks <= 7, qPrintable(QString::number(ticks)));
}

void JobsTest::aDeadWorkersJobIsTakenOver()
{
    int taken = 0;
    auto doomed = worker();
    doomed->handle(QStringLiteral("work"), [&](const Job &, const JobContext &, JobDone) {
        ++taken; // never finishes: the worker dies first
    });
    doomed->start();
    JobQueue::enqueue(m_client.get(), QStringLiteral("work"), "important");
    QTRY_COMPARE_WITH_TIMEOUT(taken, 1, 10'000);
    doomed.reset();

    QList<int> attempts;
    auto survivor = worker();
    survivor->handle(QStringLiteral("work"), [&](const Job &job, const JobContext &, JobDone done) {
        QCOMPARE(job.payload, QByteArray("important"));
        attempts.append(job.attempts);
        done({});
    });
    survivor->start();
    // Unacknowledged for reclaimIdleMs, then retried after one backoff as a failed attempt.
    QTRY_COMPARE_WITH_TIMEOUT(attempts, QList<int>{1}, 10'000);
    QTest::qWait(500);
    QCOMPARE(attempts, QList<int>{1});
    QCOMPARE(redis({"XLEN", JobKeys::dead()}), QByteArray("0"));
}

QTEST_GUILESS_MAIN(JobsTest)
#include "tst_jobs.moc"
