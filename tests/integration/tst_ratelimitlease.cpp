// The cluster-wide limit spent from leases on a real Redis: never more admitted than the limit allows,
// across several leaseholders (nodes or IO threads), with one Redis call per slice instead of per request.
#include "server/infra/ratelimit/ratelimitlease.h"
#include "server/infra/redis/redisclient.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <vector>

using namespace fd;
using namespace fd::infra;

class RateLimitLeaseTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void leasesNeverAdmitMoreThanTheLimit();
    void smallLimitsAreCheckedPerRequest();

private:
    QTemporaryDir m_dir;
    QProcess m_server;
};

void RateLimitLeaseTest::initTestCase()
{
    m_server.start(QStringLiteral("redis-server"),
                   {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--unixsocket"),
                    m_dir.path() + QStringLiteral("/redis.sock"), QStringLiteral("--save"), QString(),
                    QStringLiteral("--appendonly"), QStringLiteral("no"), QStringLiteral("--dir"),
                    m_dir.path()});
    QVERIFY(m_server.waitForStarted());
}

void RateLimitLeaseTest::cleanupTestCase()
{
    m_server.terminate();
    m_server.waitForFinished();
}

void RateLimitLeaseTest::leasesNeverAdmitMoreThanTheLimit()
{
    const auto endpoint =
        *RedisEndpoint::fromUrl(QStringLiteral("unix://") + m_dir.path() + QStringLiteral("/redis.sock"));
    const RateLimitPolicy policy{"global-test", 1000, 1000, true};
    constexpr int kHolders = 3;
    std::vector<std::unique_ptr<RedisClient>> clients;
    std::vector<std::unique_ptr<RateLimitLease>> leases;
    for (int i = 0; i < kHolders; ++i) {
        clients.push_back(std::make_unique<RedisClient>(endpoint));
        clients.back()->connectToServer();
        leases.push_back(std::make_unique<RateLimitLease>(policy));
        QCOMPARE(leases.back()->sliceSize(), 10);
    }
    QTRY_VERIFY_WITH_TIMEOUT(
        clients[0]->isConnected() && clients[1]->isConnected() && clients[2]->isConnected(), 10'000);
    // 9000 requests as fast as the three holders can ask, about a second's worth at most.
    int admitted = 0;
    int refused = 0;
    int answered = 0;
    QElapsedTimer clock;
    clock.start();
    for (int round = 0; round < 3000; ++round) {
        for (int i = 0; i < kHolders; ++i) {
            leases[i]->check(clients[i].get(), "cluster", [&](RateLimitDecision decision) {
                ++answered;
                (decision.allowed ? admitted : refused)++;
                if (!decision.allowed)
                    QVERIFY(decision.retryAfterMs >= 1);
            });
        }
        if (round % 100 == 0)
            QCoreApplication::processEvents();
    }
    QTRY_COMPARE_WITH_TIMEOUT(answered, 9000, 10'000);
    const double seconds = double(clock.elapsed()) / 1000.0;
    // GCRA: the burst (one period's quota) plus what refills while the test runs.
    const double ceiling = 1000 + 1000 * seconds;
    QVERIFY2(admitted <= ceiling,
             qPrintable(QStringLiteral("%1 admitted in %2 s").arg(admitted).arg(seconds)));
    QVERIFY2(admitted >= 900, qPrintable(QString::number(admitted))); // the quota is used, not lost
    QVERIFY(refused > 0);
    quint64 calls = 0;
    for (const auto &client : clients)
        calls += client->commandsSent();
    // One call per slice of ten; refusals are answered locally until the retry time.
    QVERIFY2(calls < 9000 / 5, qPrintable(QString::number(calls)));
}

void RateLimitLeaseTest::smallLimitsAreCheckedPerRequest()
{
    const auto endpoint =
        *RedisEndpoint::fromUrl(QStringLiteral("unix://") + m_dir.path() + QStringLiteral("/redis.sock"));
    RedisClient client(endpoint);
    client.connectToServer();
    QTRY_VERIFY_WITH_TIMEOUT(client.isConnected(), 10'000);
    RateLimitLease lease(RateLimitPolicy{"small-test", 20, 1000, true});
    QCOMPARE(lease.sliceSize(), 1);
    int admitted = 0;
    int answered = 0;
    for (int i = 0; i < 30; ++i)
        lease.check(&client, "cluster", [&](RateLimitDecision decision) {
            ++answered;
            admitted += decision.allowed ? 1 : 0;
        });
    QTRY_COMPARE_WITH_TIMEOUT(answered, 30, 10'000);
    QVERIFY2(admitted >= 20 && admitted <= 22, qPrintable(QString::number(admitted)));
    QVERIFY(client.commandsSent() >= 30);
}

QTEST_GUILESS_MAIN(RateLimitLeaseTest)
#include "tst_ratelimitlease.moc"
