// The cluster-wide request limit and the per-user write limit, enforced in Redis before handlers run and
// announced with RateLimit-Policy / RateLimit headers (429 adds Retry-After); and the bounded queue of
// password hashes, which turns a login storm into quick 503s instead of answers nobody waits for.
#include "tests/support/httpclient.h"
#include "tests/support/serverprocess.h"

#include <QJsonObject>
#include <QTest>

#include <QElapsedTimer>
#include <QThread>

#include <atomic>
#include <thread>

using namespace fd::test;

class RateLimitsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void globalLimitCoversTheApi();
    void userWriteLimitIsPerUser();
    void withoutRedisSignInClosesAndReadsStayOpen();
    void fullHashingQueueAnswers503();
    void saturatedCpuSlowsLoginsButDoesNotStopThem();

private:
    QByteArray signIn(const QString &email, int client);

    DataDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
    quint16 m_port = 0;
};

void RateLimitsTest::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(m_dir.path());
    m_server->environment().insert(QStringLiteral("FAIRDROP_TRUSTED_PROXIES"),
                                   QStringLiteral("127.0.0.1/32"));
    m_server->environment().insert(QStringLiteral("FAIRDROP_LIMIT_GLOBAL_PER_SECOND"), QStringLiteral("20"));
    m_server->environment().insert(QStringLiteral("FAIRDROP_LIMIT_USER_WRITES_PER_SECOND"),
                                   QStringLiteral("3"));
    QVERIFY2(m_server->start(), m_server->output().constData());
    m_port = m_server->port();
}

void RateLimitsTest::cleanupTestCase()
{
    m_server->terminate();
}

QByteArray RateLimitsTest::signIn(const QString &email, int client)
{
    const QList<std::pair<QByteArray, QByteArray>> from{
        {"X-Forwarded-For", "192.0.2." + QByteArray::number(client)}};
    request(m_port, "POST", "/api/v1/users",
            json({{QStringLiteral("email"), email},
                  {QStringLiteral("password"), QStringLiteral("correct horse battery")},
                  {QStringLiteral("account_type"), QStringLiteral("buyer")}}),
            from);
    const auto tokens = request(m_port, "POST", "/api/v1/auth/token",
                                json({{QStringLiteral("email"), email},
                                      {QStringLiteral("password"), QStringLiteral("correct horse battery")}}),
                                from);
    return "Bearer " + tokens.json().object().value(QStringLiteral("access_token")).toString().toLatin1();
}

void RateLimitsTest::globalLimitCoversTheApi()
{
    int allowed = 0;
    HttpResponse refused;
    for (int i = 0; i < 40; ++i) {
        const auto response = request(m_port, "GET", "/api/v1/time");
        if (response.status == 200) {
            ++allowed;
            QVERIFY(response.header("ratelimit-policy").startsWith("\"global\";q=20;w=1"));
            QVERIFY(response.header("ratelimit").startsWith("\"global\";r="));
        } else {
            QCOMPARE(response.status, 429);
            refused = response;
        }
    }
    // The burst is the quota; a few more may pass as it refills during the loop.
    QVERIFY2(allowed >= 20 && allowed < 40, qPrintable(QString::number(allowed)));
    QCOMPARE(refused.json().object().value(QStringLiteral("code")).toString(),
             QStringLiteral("rate_limited"));
    QVERIFY(refused.header("retry-after").toInt() >= 1);
    // Service endpoints stay reachable for probes and scrapers.
    for (int i = 0; i < 30; ++i)
        QCOMPARE(request(m_port, "GET", "/healthz").status, 200);
    QTest::qWait(1100); // the quota refills
    QCOMPARE(request(m_port, "GET", "/api/v1/time").status, 200);
}

void RateLimitsTest::userWriteLimitIsPerUser()
{
    const QByteArray alice = signIn(QStringLiteral("alice@example.com"), 1);
    const QByteArray bob = signIn(QStringLiteral("bob@example.com"), 2);
    QTest::qWait(1100); // let the global quota refill after the sign-ins
    auto write = [this](const QByteArray &bearer) {
        return request(m_port, "PATCH", "/api/v1/users/me/password",
                       json({{QStringLiteral("current_password"), QStringLiteral("not the password")},
                             // Too short: refused before any hashing, so the writes' pace is the client's.
                             {QStringLiteral("new_password"), QStringLiteral("short")}}),
                       {{"Authorization", bearer}});
    };
    QList<int> statuses;
    HttpResponse last;
    for (int i = 0; i < 5; ++i) {
        last = write(alice);
        statuses.append(last.status);
    }
    QCOMPARE(statuses.mid(0, 3), (QList<int>{422, 422, 422})); // the handler ran and refused the new password
    QCOMPARE(statuses.last(), 429);
    QVERIFY(last.header("ratelimit-policy").startsWith("\"user-writes\";q=3;w=1"));
    // Bob's quota is his own; reads are not writes.
    QCOMPARE(write(bob).status, 422);
    QCOMPARE(request(m_port, "GET", "/api/v1/users/me", {}, {{"Authorization", alice}}).status, 200);
}

void RateLimitsTest::withoutRedisSignInClosesAndReadsStayOpen()
{
    QTest::qWait(1100);
    const QByteArray carol = signIn(QStringLiteral("carol@example.com"), 3);
    // A second node on the same PostgreSQL whose Redis is unreachable.
    DataDir otherDir;
    ServerProcess node(otherDir.path());
    node.environment().insert(QStringLiteral("FAIRDROP_DATABASE_URL"), m_dir.databaseUrl());
    node.environment().insert(QStringLiteral("FAIRDROP_REDIS_URL"),
                              QStringLiteral("unix://") + otherDir.path() + QStringLiteral("/nothing.sock"));
    QVERIFY2(node.start(), node.output().constData());

    const auto ready = request(node.port(), "GET", "/readyz");
    QCOMPARE(ready.status, 503);
    QCOMPARE(
        ready.json().object().value(QStringLiteral("checks")).toObject().value(QStringLiteral("postgresql")),
        QJsonValue(QStringLiteral("ok")));
    const auto login = request(node.port(), "POST", "/api/v1/auth/token",
                               json({{QStringLiteral("email"), QStringLiteral("carol@example.com")},
                                     {QStringLiteral("password"), QStringLiteral("correct horse battery")}}));
    QCOMPARE(login.status, 503); // limits that cannot be checked do not let password guessing through
    QVERIFY(login.header("retry-after").toInt() >= 1);
    const auto me = request(node.port(), "GET", "/api/v1/users/me", {}, {{"Authorization", carol}});
    QCOMPARE(me.status, 200); // the account state comes from PostgreSQL
    node.terminate();
}

void RateLimitsTest::fullHashingQueueAnswers503()
{
    DataDir dir;
    ServerProcess node(dir.path());
    node.environment().insert(QStringLiteral("FAIRDROP_TRUSTED_PROXIES"), QStringLiteral("127.0.0.1/32"));
    node.environment().insert(QStringLiteral("FAIRDROP_LIMIT_HASHING_BACKLOG"), QStringLiteral("1"));
    QVERIFY2(node.start(), node.output().constData());

    constexpr int kClients = 12;
    QList<HttpResponse> answers(kClients);
    std::vector<std::thread> clients;
    for (int i = 0; i < kClients; ++i)
        clients.emplace_back([&answers, i, port = node.port()] {
            answers[i] =
                request(port, "POST", "/api/v1/auth/token",
                        json({{QStringLiteral("email"), QStringLiteral("nobody%1@example.com").arg(i)},
                              {QStringLiteral("password"), QStringLiteral("not a password")}}),
                        {{"X-Forwarded-For", "198.51.100." + QByteArray::number(i + 1)}});
        });
    for (auto &client : clients)
        client.join();

    int busy = 0;
    for (const HttpResponse &answer : answers) {
        if (answer.status == 503) {
            ++busy;
            QCOMPARE(answer.json().object().value(QStringLiteral("code")).toString(),
                     QStringLiteral("service_unavailable"));
            QCOMPARE(answer.header("retry-after"), QByteArray("1"));
        } else {
            QCOMPARE(answer.status, 401); // hashed (against the dummy hash) and refused
        }
    }
    // One hash runs, one waits: of twelve logins arriving together, most find the queue full.
    QVERIFY2(busy >= 1 && busy < kClients, qPrintable(QString::number(busy)));
    // Operators see it: every refusal is counted.
    const QByteArray metrics = request(node.port(), "GET", "/metrics").body;
    QVERIFY(metrics.contains("fairdrop_password_hash_backlog 0"));
    const QByteArray refusals = "fairdrop_password_hashes_refused_total " + QByteArray::number(busy) + '\n';
    QVERIFY2(metrics.contains(refusals), metrics.constData());
    node.terminate();
}

void RateLimitsTest::saturatedCpuSlowsLoginsButDoesNotStopThem()
{
    QTest::qWait(1100); // the global quota refills
    const QByteArray erin = signIn(QStringLiteral("erin@example.com"), 5);
    QVERIFY(erin.size() > 20);
    // Hashing threads run only when a core is idle; busy loops on every core take that away.
    std::atomic<bool> busy{true};
    std::vector<std::thread> hogs;
    for (int i = 0; i < 2 * QThread::idealThreadCount(); ++i)
        hogs.emplace_back([&busy] {
            volatile quint64 spin = 0;
            while (busy.load(std::memory_order_relaxed))
                spin = spin + 1;
        });
    QElapsedTimer timer;
    timer.start();
    const auto login = request(m_port, "POST", "/api/v1/auth/token",
                               json({{QStringLiteral("email"), QStringLiteral("erin@example.com")},
                                     {QStringLiteral("password"), QStringLiteral("correct horse battery")}}),
                               {{"X-Forwarded-For", "192.0.2.5"}}, 30'000);
    const qint64 took = timer.elapsed();
    const QByteArray metrics = request(m_port, "GET", "/metrics", {}, {}, 20'000).body;
    busy = false;
    for (auto &hog : hogs)
        hog.join();
    // The busy loops run until the answer comes: without the rescue thread it never would (the request
    // would time out). How long it takes depends on what else the machine runs, so it is reported, not
    // bounded.
    qInfo("login under a saturated CPU took %lld ms", took);
    QCOMPARE(login.status, 200);
    // The rescue thread ran it: the idle-priority ones had no core.
    QVERIFY2(!metrics.contains("fairdrop_password_hashes_rescued_total 0\n"), metrics.constData());
}

QTEST_GUILESS_MAIN(RateLimitsTest)
#include "tst_ratelimits.moc"
