// Holds end by themselves: with a two-second lifetime, two server nodes (each running a job worker, and
// with it the periodic sweep) on one PostgreSQL and Redis must mark every lapsed hold EXPIRED once and put
// its units back on sale once, never twice, however their sweeps interleave.
#include "tests/support/catalogclient.h"
#include "tests/support/httpclient.h"
#include "tests/support/serverprocess.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTest>
#include <QUuid>

using namespace fd::test;

namespace {

constexpr int kHoldSeconds = 2;

// The value of one sample in a Prometheus text page, or -1 when absent.
double sample(const QByteArray &page, const QByteArray &series)
{
    const qsizetype at = page.indexOf(QByteArray('\n' + series + ' '));
    if (at < 0)
        return -1;
    return page.mid(at + series.size() + 2).split('\n').constFirst().toDouble();
}

} // namespace

class HoldExpiryTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void lapsedHoldsReturnTheirUnitsExactlyOnce();
    void releasedHoldsAreNotReturnedAgain();
    void unpaidOrdersLapsePaidOnesStaySold();
    void aStandaloneWorkerServesNoApi();

private:
    QString status(const Account &buyer, const QString &holdId);
    QByteArray redisOutput(const QStringList &arguments);
    bool redisCommand(const QStringList &arguments);
    qint64 redisAvailable(const QString &productId);
    double unitsReturnedByExpiry();

    DataDir m_dir;
    DataDir m_secondDir;
    std::unique_ptr<ServerProcess> m_first;
    std::unique_ptr<ServerProcess> m_second;
    CatalogClient m_client;
    CatalogClient m_secondClient;
    Account m_seller;
    QList<Account> m_buyers;
};

void HoldExpiryTest::initTestCase()
{
    const QString lifetime = QString::number(kHoldSeconds);
    m_first = std::make_unique<ServerProcess>(m_dir.path());
    m_first->environment().insert(QStringLiteral("FAIRDROP_LIMIT_RESERVATION_TTL_SECONDS"), lifetime);
    QVERIFY(m_client.startServer(*m_first));
    m_second = std::make_unique<ServerProcess>(m_secondDir.path());
    m_second->environment().insert(QStringLiteral("FAIRDROP_LIMIT_RESERVATION_TTL_SECONDS"), lifetime);
    m_second->environment().insert(QStringLiteral("FAIRDROP_DATABASE_URL"), m_dir.databaseUrl());
    m_second->environment().insert(QStringLiteral("FAIRDROP_REDIS_URL"),
                                   QStringLiteral("unix://") + m_dir.path() +
                                       QStringLiteral("/run/redis.sock"));
    // External services: this node runs jobs only when asked to.
    QVERIFY(m_secondClient.startServer(*m_second, {QStringLiteral("--with-worker")}));
    m_seller = m_client.newSeller(QStringLiteral("expiry"), true);
    for (int i = 0; i < 6; ++i)
        m_buyers.append(
            m_client.signUp(QStringLiteral("buyer%1@expiry.example").arg(i), QStringLiteral("buyer")));
    for (const Account &buyer : std::as_const(m_buyers))
        QVERIFY(!buyer.id.isEmpty());
}

void HoldExpiryTest::cleanupTestCase()
{
    if (m_second)
        m_second->terminate();
    if (m_first)
        m_first->terminate();
}

QString HoldExpiryTest::status(const Account &buyer, const QString &holdId)
{
    return valueIn(m_client.call(buyer, "GET", "/api/v1/inventory/reservations/" + holdId.toUtf8()), "status")
        .toString();
}

QByteArray HoldExpiryTest::redisOutput(const QStringList &arguments)
{
    QProcess cli;
    cli.start(QStringLiteral("redis-cli"),
              QStringList{QStringLiteral("-s"), m_dir.path() + QStringLiteral("/run/redis.sock")} +
                  arguments);
    if (!cli.waitForFinished(10'000) || cli.exitCode() != 0)
        return QByteArrayLiteral("(failed)");
    return cli.readAllStandardOutput().trimmed();
}

bool HoldExpiryTest::redisCommand(const QStringList &arguments)
{
    return redisOutput(arguments) != "(failed)";
}

qint64 HoldExpiryTest::redisAvailable(const QString &productId)
{
    const QByteArray available = redisOutput(
        {QStringLiteral("HGET"), QStringLiteral("{p:%1}:hold").arg(productId), QStringLiteral("avail")});
    return available.isEmpty() ? -1 : available.toLongLong();
}

// Both nodes' sweepers together.
double HoldExpiryTest::unitsReturnedByExpiry()
{
    double total = 0;
    for (quint16 port : {m_client.port, m_secondClient.port})
        total += sample(request(port, "GET", "/metrics").body,
                        "fairdrop_held_units_returned_total{reason=\"expired\"}");
    return total;
}

void HoldExpiryTest::lapsedHoldsReturnTheirUnitsExactlyOnce()
{
    const QString id = m_client.createStocked(m_seller, QStringLiteral("Short-lived drop"), 10);
    QVERIFY(!id.isEmpty());
    const double returnedBefore = unitsReturnedByExpiry();
    QList<QString> holds;
    for (int i = 0; i < 5; ++i) {
        const auto held = (i % 2 ? m_secondClient : m_client).reserve(m_buyers.at(i), id, 2);
        QCOMPARE(held.status, 201);
        holds.append(valueIn(held, "id").toString());
    }
    QVERIFY(isProblem(m_client.reserve(m_buyers.at(5), id, 1), 409, "insufficient_stock"));
    QCOMPARE(redisAvailable(id), 0);

    // Besides the periodic sweep, a burst of extra sweep jobs lands as the holds lapse, so both nodes'
    // workers sweep at the same time.
    QTest::qWait(kHoldSeconds * 1000);
    for (int i = 0; i < 20; ++i)
        QVERIFY(redisCommand({QStringLiteral("XADD"), QStringLiteral("{jobs}:stream"), QStringLiteral("*"),
                              QStringLiteral("type"), QStringLiteral("holds.sweep"), QStringLiteral("id"),
                              QStringLiteral("burst-%1").arg(i), QStringLiteral("attempts"),
                              QStringLiteral("0"), QStringLiteral("payload"), QStringLiteral("-")}));
    // Swept within a second or so of lapsing, by whichever node got there first.
    for (int i = 0; i < 5; ++i)
        QTRY_COMPARE_WITH_TIMEOUT(status(m_buyers.at(i), holds.at(i)), QStringLiteral("EXPIRED"), 15'000);
    QTRY_COMPARE_WITH_TIMEOUT(redisAvailable(id), 10, 5'000);
    // Several more sweeps on both nodes change nothing.
    QTest::qWait(2500);
    QCOMPARE(redisAvailable(id), 10);
    QCOMPARE(unitsReturnedByExpiry() - returnedBefore, 10.0);

    // All ten are on sale again, and no more than ten.
    int held = 0;
    for (int i = 0; i < 6; ++i) {
        const auto answer = m_client.reserve(m_buyers.at(i), id, 2);
        if (answer.status == 201)
            ++held;
        else
            QVERIFY(isProblem(answer, 409, "insufficient_stock"));
    }
    QCOMPARE(held, 5);
}

void HoldExpiryTest::releasedHoldsAreNotReturnedAgain()
{
    const QString id = m_client.createStocked(m_seller, QStringLiteral("Released early"), 4);
    QVERIFY(!id.isEmpty());
    const auto held = m_client.reserve(m_buyers.at(0), id, 3);
    QCOMPARE(held.status, 201);
    const QString holdId = valueIn(held, "id").toString();
    QCOMPARE(
        m_client.call(m_buyers.at(0), "DELETE", "/api/v1/inventory/reservations/" + holdId.toUtf8()).status,
        204);
    QCOMPARE(redisAvailable(id), 4);
    // Past its deadline the sweepers skip it: it is RELEASED, not PENDING.
    QTest::qWait((kHoldSeconds + 2) * 1000);
    QCOMPARE(status(m_buyers.at(0), holdId), QStringLiteral("RELEASED"));
    QCOMPARE(redisAvailable(id), 4);
    // An expired hold cannot be released any more.
    const auto lapsed = m_client.reserve(m_buyers.at(1), id, 1);
    QCOMPARE(lapsed.status, 201);
    const QString lapsedId = valueIn(lapsed, "id").toString();
    QTRY_COMPARE_WITH_TIMEOUT(status(m_buyers.at(1), lapsedId), QStringLiteral("EXPIRED"), 15'000);
    QVERIFY(isProblem(
        m_client.call(m_buyers.at(1), "DELETE", "/api/v1/inventory/reservations/" + lapsedId.toUtf8()), 409,
        "hold_not_pending"));
    QTRY_COMPARE_WITH_TIMEOUT(redisAvailable(id), 4, 5'000);
}

void HoldExpiryTest::unpaidOrdersLapsePaidOnesStaySold()
{
    const QString id = m_client.createStocked(m_seller, QStringLiteral("Ordered drop"), 4);
    QVERIFY(!id.isEmpty());
    auto orderFor = [&](const Account &buyer) {
        const QString held = valueIn(m_client.reserve(buyer, id, 2), "id").toString();
        const auto made =
            m_client.call(buyer, "POST", "/api/v1/orders/",
                          json({{QStringLiteral("reservation_ids"), QJsonArray{held}},
                                {QStringLiteral("shipping_address"), QStringLiteral("Somewhere 1")}}),
                          {{"Idempotency-Key", QUuid::createUuid().toByteArray()}});
        return valueIn(made, "id").toString();
    };
    const QString unpaid = orderFor(m_buyers.at(2));
    const QString paid = orderFor(m_buyers.at(3));
    QVERIFY(!unpaid.isEmpty() && !paid.isEmpty());
    QCOMPARE(m_client
                 .call(m_buyers.at(3), "POST", "/api/v1/orders/" + paid.toUtf8() + "/pay", {},
                       {{"Idempotency-Key", "pay-before-expiry"}})
                 .status,
             200);
    const auto orderStatus = [&](const Account &buyer, const QString &order) {
        return valueIn(m_client.call(buyer, "GET", "/api/v1/orders/" + order.toUtf8()), "status").toString();
    };
    QTRY_COMPARE_WITH_TIMEOUT(orderStatus(m_buyers.at(2), unpaid), QStringLiteral("EXPIRED"), 15'000);
    QTRY_COMPARE_WITH_TIMEOUT(redisAvailable(id), 2, 5'000);
    QVERIFY(isProblem(m_client.call(m_buyers.at(2), "POST", "/api/v1/orders/" + unpaid.toUtf8() + "/pay", {},
                                    {{"Idempotency-Key", "pay-after-expiry"}}),
                      409, "invalid_state"));
    // The sold units never come back, however many sweeps pass.
    QTest::qWait((kHoldSeconds + 2) * 1000);
    QCOMPARE(orderStatus(m_buyers.at(3), paid), QStringLiteral("PAID"));
    QCOMPARE(redisAvailable(id), 2);
    QCOMPARE(m_client.product(id).value(QStringLiteral("stock")).toInt(), 2);
}

// `fairdrop-server worker`: jobs and the service endpoints, no API; its job metrics on its own /metrics.
void HoldExpiryTest::aStandaloneWorkerServesNoApi()
{
    DataDir workerDir;
    ServerProcess worker(workerDir.path());
    worker.environment().insert(QStringLiteral("FAIRDROP_DATABASE_URL"), m_dir.databaseUrl());
    worker.environment().insert(QStringLiteral("FAIRDROP_REDIS_URL"),
                                QStringLiteral("unix://") + m_dir.path() + QStringLiteral("/run/redis.sock"));
    worker.setCommand(QStringLiteral("worker"));
    QVERIFY2(worker.start(), worker.output().constData());
    QCOMPARE(request(worker.port(), "GET", "/healthz").status, 200);
    QVERIFY(waitForStatus(worker.port(), "/readyz", 200, 20'000));
    QVERIFY(isProblem(request(worker.port(), "GET", "/api/v1/inventory/"), 404, "not_found"));
    // It shares the stream's work with the two nodes' workers: keep offering sweeps until it ran some.
    const QByteArray ran = "fairdrop_jobs_total{outcome=\"succeeded\",type=\"holds.sweep\"}";
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (int i = 0; i < 10; ++i)
                redisCommand({QStringLiteral("XADD"), QStringLiteral("{jobs}:stream"), QStringLiteral("*"),
                              QStringLiteral("type"), QStringLiteral("holds.sweep"), QStringLiteral("id"),
                              QStringLiteral("offered-%1").arg(i), QStringLiteral("attempts"),
                              QStringLiteral("0"), QStringLiteral("payload"), QStringLiteral("-")});
            return sample(request(worker.port(), "GET", "/metrics").body, ran) > 0;
        }(),
        15'000);
    worker.terminate();
    QVERIFY(!worker.isRunning());
}

QTEST_GUILESS_MAIN(HoldExpiryTest)
#include "tst_holdexpiry.moc"
