// The reason FairDrop exists: a drop where many buyers hit one product at once through several server
// nodes, and not one unit is held twice. Two real server processes share one PostgreSQL and one Redis;
// 50 buyers fire 2000 reserve attempts at a product with 100 units, split across both nodes. Then again
// with one node killed (SIGKILL) halfway, and again with Redis killed halfway and restarted from its AOF.
// PostgreSQL's ledger is the truth the test checks against, with Redis' view of the product beside it.
#include "tests/support/catalogclient.h"
#include "tests/support/httpclient.h"
#include "tests/support/serverprocess.h"

#include <QJsonObject>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <atomic>
#include <csignal>
#include <thread>
#include <vector>

using namespace fd::test;

namespace {

constexpr int kStock = 100;
constexpr int kBuyers = 50;
constexpr int kAttemptsPerBuyer = 40; // 2000 in all

enum class Disruption { None, KillSecondNode, RestartRedis };

struct Tally
{
    int held = 0;        // 201
    int soldOut = 0;     // 409 insufficient_stock
    int buyerLimit = 0;  // 409 hold_limit_reached
    int unavailable = 0; // 503 (only while Redis is down)
    int unanswered = 0;  // the node died before answering
    QStringList unexpected;
};

} // namespace

class OversellTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void twoNodesHoldExactlyTheStock();
    void killedNodeNeverOversells();
    void restartedRedisNeverOversells();

private:
    bool startSecondNode();
    Tally drop(const QString &productId, Disruption disruption);
    qint64 ledgerHeld(const QString &productId);
    QByteArray redis(const QStringList &arguments);
    // Units Redis would still let buyers hold, or -1 when it keeps no state for the product.
    qint64 redisAvailable(const QString &productId);
    void killRedis();

    DataDir m_dir;       // node A's: the embedded PostgreSQL and Redis both nodes use
    DataDir m_secondDir; // node B's own (lock file only)
    std::unique_ptr<ServerProcess> m_first;
    std::unique_ptr<ServerProcess> m_second;
    CatalogClient m_client;
    CatalogClient m_secondClient;
    Account m_seller;
    QList<Account> m_buyers;
};

void OversellTest::initTestCase()
{
    m_first = std::make_unique<ServerProcess>(m_dir.path());
    QVERIFY(m_client.startServer(*m_first));
    QVERIFY(startSecondNode());
    m_seller = m_client.newSeller(QStringLiteral("drops"), true);
    QVERIFY(!m_seller.id.isEmpty());
    for (int i = 0; i < kBuyers; ++i) {
        m_buyers.append(
            m_client.signUp(QStringLiteral("buyer%1@drop.example").arg(i), QStringLiteral("buyer")));
        QVERIFY(!m_buyers.last().id.isEmpty());
    }
}

void OversellTest::cleanupTestCase()
{
    if (m_second)
        m_second->terminate();
    if (m_first)
        m_first->terminate();
}

bool OversellTest::startSecondNode()
{
    m_second = std::make_unique<ServerProcess>(m_secondDir.path());
    m_second->environment().insert(QStringLiteral("FAIRDROP_DATABASE_URL"), m_dir.databaseUrl());
    m_second->environment().insert(QStringLiteral("FAIRDROP_REDIS_URL"),
                                   QStringLiteral("unix://") + m_dir.path() +
                                       QStringLiteral("/run/redis.sock"));
    return m_secondClient.startServer(*m_second);
}

QByteArray OversellTest::redis(const QStringList &arguments)
{
    QProcess cli;
    cli.start(QStringLiteral("redis-cli"),
              QStringList{QStringLiteral("-s"), m_dir.path() + QStringLiteral("/run/redis.sock")} +
                  arguments);
    cli.waitForFinished(10'000);
    return cli.readAllStandardOutput().trimmed();
}

qint64 OversellTest::redisAvailable(const QString &productId)
{
    const QByteArray available = redis(
        {QStringLiteral("HGET"), QStringLiteral("{p:%1}:hold").arg(productId), QStringLiteral("avail")});
    return available.isEmpty() ? -1 : available.toLongLong();
}

qint64 OversellTest::ledgerHeld(const QString &productId)
{
    QSqlQuery query(m_dir.database());
    query.prepare(QStringLiteral("SELECT COALESCE(sum(quantity), 0) FROM reservations "
                                 "WHERE product_id = ?::uuid AND status IN ('PENDING', 'SOLD')"));
    query.addBindValue(productId);
    if (!query.exec() || !query.next()) {
        qWarning("ledger query failed: %s", qPrintable(query.lastError().text()));
        return -1;
    }
    return query.value(0).toLongLong();
}

void OversellTest::killRedis()
{
    const qint64 pid = pidFromFile(m_dir.path() + QStringLiteral("/run/redis.pid"));
    QVERIFY(pid > 0);
    QCOMPARE(::kill(pid_t(pid), SIGKILL), 0);
}

// Every buyer on a thread of their own, alternating nodes; the disruption strikes once half the stock is
// held, in the thick of the drop. After a node dies its buyers carry on through the survivor.
Tally OversellTest::drop(const QString &productId, Disruption disruption)
{
    std::atomic<int> granted{0};
    std::atomic<bool> secondAlive{true};
    std::vector<std::vector<HttpResponse>> answers(kBuyers); // one per buyer thread
    std::vector<std::thread> buyers;
    for (int b = 0; b < kBuyers; ++b) {
        buyers.emplace_back([&, b] {
            for (int attempt = 0; attempt < kAttemptsPerBuyer; ++attempt) {
                const bool viaSecond = (b + attempt) % 2 == 1 && secondAlive.load();
                CatalogClient &node = viaSecond ? m_secondClient : m_client;
                answers[b].push_back(node.reserve(m_buyers.at(b), productId, 1));
                if (answers[b].back().status == 201)
                    granted.fetch_add(1);
            }
        });
    }
    if (disruption != Disruption::None) {
        while (granted.load() < kStock / 2)
            QThread::usleep(200);
        if (disruption == Disruption::KillSecondNode) {
            secondAlive.store(false);
            m_second->kill();
        } else {
            killRedis();
        }
    }
    for (std::thread &buyer : buyers)
        buyer.join();

    Tally tally;
    for (const std::vector<HttpResponse> &perBuyer : answers) {
        for (const HttpResponse &answer : perBuyer) {
            const QString code = valueIn(answer, "code").toString();
            if (answer.status == 201)
                ++tally.held;
            else if (answer.status == 409 && code == QLatin1StringView("insufficient_stock"))
                ++tally.soldOut;
            else if (answer.status == 409 && code == QLatin1StringView("hold_limit_reached"))
                ++tally.buyerLimit;
            else if (answer.status == 503 && disruption == Disruption::RestartRedis)
                ++tally.unavailable;
            else if (answer.status == 0 && disruption == Disruption::KillSecondNode)
                ++tally.unanswered;
            else
                tally.unexpected.append(QStringLiteral("%1 %2").arg(answer.status).arg(code));
        }
    }
    qInfo("held %d, sold out %d, at buyer limit %d, unavailable %d, unanswered %d", tally.held, tally.soldOut,
          tally.buyerLimit, tally.unavailable, tally.unanswered);
    return tally;
}

void OversellTest::twoNodesHoldExactlyTheStock()
{
    const QString id = m_client.createStocked(m_seller, QStringLiteral("Limited sneakers"), kStock);
    QVERIFY(!id.isEmpty());
    const Tally tally = drop(id, Disruption::None);
    QVERIFY2(tally.unexpected.isEmpty(), qPrintable(tally.unexpected.join(u", ")));
    QCOMPARE(tally.held, kStock);
    QCOMPARE(tally.held + tally.soldOut + tally.buyerLimit, kBuyers * kAttemptsPerBuyer);
    QVERIFY(tally.soldOut > 0);
    // The ledger and Redis agree: every unit held once, none left.
    QCOMPARE(ledgerHeld(id), kStock);
    QCOMPARE(redisAvailable(id), 0);
    const QList<QByteArray> holds =
        redis({QStringLiteral("HVALS"), QStringLiteral("{p:%1}:holds").arg(id)}).split('\n');
    qint64 unitsInRedis = 0;
    for (const QByteArray &hold : holds)
        unitsInRedis += hold.split(':').constFirst().toLongLong();
    QCOMPARE(unitsInRedis, kStock);
}

void OversellTest::killedNodeNeverOversells()
{
    const QString id = m_client.createStocked(m_seller, QStringLiteral("Limited jackets"), kStock);
    QVERIFY(!id.isEmpty());
    const Tally tally = drop(id, Disruption::KillSecondNode);
    QVERIFY2(tally.unexpected.isEmpty(), qPrintable(tally.unexpected.join(u", ")));
    const qint64 held = ledgerHeld(id);
    QVERIFY2(held <= kStock, qPrintable(QString::number(held)));
    QVERIFY(tally.held <= held); // every 201 a buyer saw is in the ledger
    // What Redis still offers plus what the ledger holds never exceeds the stock. Less is allowed: a hold
    // granted by the killed node but never recorded stays unsold until the product is rebuilt.
    const qint64 available = redisAvailable(id);
    QVERIFY(available >= 0);
    QVERIFY2(available + held <= kStock, qPrintable(QStringLiteral("%1 + %2").arg(available).arg(held)));
    QVERIFY(startSecondNode()); // for the next test
}

void OversellTest::restartedRedisNeverOversells()
{
    const QString id = m_client.createStocked(m_seller, QStringLiteral("Limited watches"), kStock);
    QVERIFY(!id.isEmpty());
    const Tally tally = drop(id, Disruption::RestartRedis);
    QVERIFY2(tally.unexpected.isEmpty(), qPrintable(tally.unexpected.join(u", ")));
    QVERIFY(tally.held <= ledgerHeld(id));
    // Redis is back (restarted by node A's supervisor) with a new run id, so the product is rebuilt from
    // the ledger before anything more is held: fresh buyers can take exactly what is left, no more.
    QTRY_VERIFY_WITH_TIMEOUT(redis({QStringLiteral("PING")}) == "PONG", 20'000);
    const qint64 before = ledgerHeld(id);
    QVERIFY2(before <= kStock, qPrintable(QString::number(before)));
    int more = 0;
    for (int i = 0; i < kBuyers && before + more < kStock + 5; ++i) {
        for (int unit = 0; unit < 10; ++unit) {
            const auto answer = m_client.reserve(m_buyers.at(i), id, 1);
            if (answer.status == 201)
                ++more;
            else if (answer.status == 503)
                QThread::msleep(100); // a node still reconnecting
            else
                break;
        }
    }
    QCOMPARE(ledgerHeld(id), kStock);
    QCOMPARE(before + more, kStock);
    QCOMPARE(redisAvailable(id), 0);
}

QTEST_GUILESS_MAIN(OversellTest)
#include "tst_oversell.moc"
