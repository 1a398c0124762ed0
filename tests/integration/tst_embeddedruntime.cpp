// The real fairdrop-server binary on its embedded default: first run, restart after SIGKILL, refusal of a
// second server on the same data dir or port, clean stop without leftover children, maintenance commands.
#include "tests/support/httpclient.h"
#include "tests/support/serverprocess.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QTest>

using namespace fd::test;

class EmbeddedRuntimeTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void firstRunIsReadyAndCreatesAdmin();
    void secondServerOnSameDataDirIsRefused();
    void portInUseIsReported();
    void restartsAfterSigkill();
    void cleanStopLeavesNoChildren();
    void maintenanceCommands();
    void invalidConfigurationFailsAtStart();
    void cleanupTestCase();

private:
    qint64 postgresPid() const
    {
        return pidFromFile(m_dir.path() + QStringLiteral("/postgres/postmaster.pid"));
    }
    qint64 redisPid() const { return pidFromFile(m_dir.path() + QStringLiteral("/run/redis.pid")); }

    DataDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
};

void EmbeddedRuntimeTest::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(m_dir.path());
}

void EmbeddedRuntimeTest::firstRunIsReadyAndCreatesAdmin()
{
    QElapsedTimer clock;
    clock.start();
    QVERIFY2(m_server->start(), m_server->output().constData());
    QVERIFY(waitForStatus(m_server->port(), "/readyz", 200, 20'000));
    qInfo("first run: /readyz 200 after %lld ms (initdb included)", clock.elapsed());
    QVERIFY2(clock.elapsed() < 20'000, "first run must be ready within 20 s");
    QVERIFY(m_server->output().contains("admin account created: admin@fairdrop.local"));
    QVERIFY(m_server->output().contains("password: "));

    const auto ready = request(m_server->port(), "GET", "/readyz").json().object();
    QCOMPARE(ready.value(QStringLiteral("status")).toString(), QStringLiteral("ready"));
    const QJsonObject checks = ready.value(QStringLiteral("checks")).toObject();
    QCOMPARE(checks.value(QStringLiteral("postgresql")).toString(), QStringLiteral("ok"));
    QCOMPARE(checks.value(QStringLiteral("redis")).toString(), QStringLiteral("ok"));
    QCOMPARE(request(m_server->port(), "GET", "/healthz").status, 200);
    const auto time = request(m_server->port(), "GET", "/api/v1/time");
    QCOMPARE(time.status, 200);
    QVERIFY(time.json().object().value(QStringLiteral("epoch_ms")).toDouble() > 1.7e12);
    QVERIFY(request(m_server->port(), "GET", "/metrics").body.contains("fairdrop_build_info"));
    QVERIFY(processAlive(postgresPid()));
    QVERIFY(processAlive(redisPid()));
}

void EmbeddedRuntimeTest::secondServerOnSameDataDirIsRefused()
{
    ServerProcess second(m_dir.path());
    QByteArray output;
    const int code = second.runToCompletion(
        {QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")}, &output,
        30'000);
    QVERIFY(code != 0);
    QVERIFY2(output.contains("is in use by another fairdrop-server"), output.constData());
    // The first server is untouched.
    QCOMPARE(request(m_server->port(), "GET", "/readyz").status, 200);
}

void EmbeddedRuntimeTest::portInUseIsReported()
{
    DataDir otherDir;
    ServerProcess second(otherDir.path());
    QByteArray output;
    const int code = second.runToCompletion({QStringLiteral("serve"), QStringLiteral("--listen"),
                                             QStringLiteral("127.0.0.1:%1").arg(m_server->port())},
                                            &output, 60'000);
    QVERIFY(code != 0);
    QVERIFY2(output.contains("already in use"), output.constData());
}

void EmbeddedRuntimeTest::restartsAfterSigkill()
{
    const qint64 postgres = postgresPid();
    const qint64 redis = redisPid();
    m_server->kill();
    // The children notice their parent died and stop by themselves.
    QTRY_VERIFY_WITH_TIMEOUT(!processAlive(postgres) && !processAlive(redis), 15'000);

    QElapsedTimer clock;
    clock.start();
    QVERIFY2(m_server->start(), m_server->output().constData());
    QVERIFY(waitForStatus(m_server->port(), "/readyz", 200, 15'000));
    qInfo("restart after SIGKILL: /readyz 200 after %lld ms", clock.elapsed());
    QVERIFY2(!m_server->output().contains("admin account created"), "the admin is created once");
}

void EmbeddedRuntimeTest::cleanStopLeavesNoChildren()
{
    const qint64 postgres = postgresPid();
    const qint64 redis = redisPid();
    QVERIFY(processAlive(postgres));
    QVERIFY(processAlive(redis));
    m_server->terminate();
    QVERIFY(!m_server->isRunning());
    QVERIFY(!processAlive(postgres));
    QVERIFY(!processAlive(redis));
}

void EmbeddedRuntimeTest::maintenanceCommands()
{
    QByteArray output;
    QCOMPARE(m_server->runToCompletion({QStringLiteral("migrate")}, &output), 0);
    QVERIFY2(output.contains("schema is current"), output.constData());

    const QStringList create{QStringLiteral("user"),       QStringLiteral("create"),
                             QStringLiteral("--email"),    QStringLiteral("mod@example.com"),
                             QStringLiteral("--password"), QStringLiteral("correct horse battery"),
                             QStringLiteral("--role"),     QStringLiteral("moderator")};
    QCOMPARE(m_server->runToCompletion(create, &output), 0);
    QVERIFY2(output.contains("created moderator mod@example.com"), output.constData());
    QCOMPARE(m_server->runToCompletion(create, &output), 1);
    QVERIFY2(output.contains("already exists"), output.constData());

    QStringList badRole = create;
    badRole.last() = QStringLiteral("overlord");
    QCOMPARE(m_server->runToCompletion(badRole, &output), 1);
    QVERIFY(output.contains("unknown role"));
}

void EmbeddedRuntimeTest::invalidConfigurationFailsAtStart()
{
    ServerProcess server(m_dir.path());
    server.environment().insert(QStringLiteral("FAIRDROP_LIMIT_BODY_BYTES"), QStringLiteral("lots"));
    QByteArray output;
    QCOMPARE(server.runToCompletion({QStringLiteral("serve")}, &output), 1);
    QVERIFY2(output.contains("limit.body_bytes") && output.contains("FAIRDROP_LIMIT_BODY_BYTES"),
             output.constData());
}

void EmbeddedRuntimeTest::cleanupTestCase()
{
    m_server->terminate();
}

QTEST_GUILESS_MAIN(EmbeddedRuntimeTest)
#include "tst_embeddedruntime.moc"
