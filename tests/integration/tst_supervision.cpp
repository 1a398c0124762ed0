// The embedded runtime keeps its children alive: a PostgreSQL or Redis that dies is restarted and the server
// recovers by itself; a child that keeps dying makes the server exit with a clear message, leaving nothing
// running behind it.
#include "tests/support/httpclient.h"
#include "tests/support/serverprocess.h"

#include <QTest>

#include <signal.h>

using namespace fd::test;

class SupervisionTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void redisIsRestarted();
    void postgresIsRestartedAndPoolReconnects();
    void childThatKeepsDyingStopsTheServer();

private:
    qint64 postgresPid() const
    {
        return pidFromFile(m_dir.path() + QStringLiteral("/postgres/postmaster.pid"));
    }
    qint64 redisPid() const { return pidFromFile(m_dir.path() + QStringLiteral("/run/redis.pid")); }
    // Waits for the pid file to name a live process other than `previous`; 0 if the server exited instead.
    qint64 waitForNewPid(qint64 (SupervisionTest::*read)() const, qint64 previous);

    DataDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
};

qint64 SupervisionTest::waitForNewPid(qint64 (SupervisionTest::*read)() const, qint64 previous)
{
    qint64 pid = 0;
    const bool appeared = QTest::qWaitFor(
        [&] {
            pid = (this->*read)();
            return (pid != previous && processAlive(pid)) || !m_server->isRunning();
        },
        30'000);
    return appeared && m_server->isRunning() ? pid : 0;
}

void SupervisionTest::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(m_dir.path());
    QVERIFY2(m_server->start(), m_server->output().constData());
    QVERIFY(waitForStatus(m_server->port(), "/readyz", 200, 20'000));
}

void SupervisionTest::redisIsRestarted()
{
    const qint64 before = redisPid();
    QVERIFY(processAlive(before));
    QCOMPARE(::kill(pid_t(before), SIGKILL), 0);
    QVERIFY(waitForNewPid(&SupervisionTest::redisPid, before) > 0);
    QVERIFY(waitForStatus(m_server->port(), "/readyz", 200, 15'000));
    QCOMPARE(request(m_server->port(), "GET", "/api/v1/time").status, 200);
}

void SupervisionTest::postgresIsRestartedAndPoolReconnects()
{
    const qint64 before = postgresPid();
    QVERIFY(processAlive(before));
    QCOMPARE(::kill(pid_t(before), SIGKILL), 0);
    QVERIFY(waitForNewPid(&SupervisionTest::postgresPid, before) > 0);
    // Pool connections opened before the crash are dead; the pool notices and reconnects.
    QVERIFY(waitForStatus(m_server->port(), "/readyz", 200, 30'000));
    for (int i = 0; i < 10; ++i)
        QCOMPARE(request(m_server->port(), "GET", "/readyz").status, 200);
}

void SupervisionTest::childThatKeepsDyingStopsTheServer()
{
    const qint64 postgres = postgresPid();
    qint64 redis = redisPid();
    // The first crash happened in redisIsRestarted() moments ago; three more within the minute is too many.
    for (int crash = 0; crash < 4 && m_server->isRunning(); ++crash) {
        QVERIFY(processAlive(redis));
        ::kill(pid_t(redis), SIGKILL);
        const qint64 next = waitForNewPid(&SupervisionTest::redisPid, redis);
        if (next == 0)
            break; // not restarted: the server gave up
        redis = next;
    }
    QTRY_VERIFY_WITH_TIMEOUT(!m_server->isRunning(), 30'000);
    m_server->terminate();
    QVERIFY2(m_server->output().contains("keeps exiting"), m_server->output().right(1500).constData());
    QVERIFY(!processAlive(postgres));
    QVERIFY(!processAlive(redisPid()));
}

QTEST_GUILESS_MAIN(SupervisionTest)
#include "tst_supervision.moc"
