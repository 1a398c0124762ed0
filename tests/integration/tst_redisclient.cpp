#include "server/infra/redis/luascript.h"
#include "server/infra/redis/redisclient.h"
#include "server/infra/redis/redisendpoint.h"

#include <QEventLoop>
#include <QLocalSocket>
#include <QPointer>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <memory>

using namespace fd::infra;
using namespace Qt::StringLiterals;

namespace {

// Counts calls so each test can assert "exactly once"; shared so a late call could never touch a dead stack.
struct Recorder
{
    int calls = 0;
    RedisReply reply;

    static std::shared_ptr<Recorder> make() { return std::make_shared<Recorder>(); }
};

RedisClient::Callback recordInto(const std::shared_ptr<Recorder> &recorder)
{
    return [recorder](const RedisReply &reply) {
        ++recorder->calls;
        recorder->reply = reply;
    };
}

// Waits for one reply in a real event loop (QTest::qWaitFor() naps 10 ms between polls, which would hide
// how fast the client is); a missing reply comes back as an error so the comparison fails readably.
RedisReply call(RedisClient &client, const QList<QByteArray> &args)
{
    const auto recorder = Recorder::make();
    QEventLoop loop;
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    client.command(args, [recorder, guard = QPointer<QEventLoop>(&loop)](const RedisReply &reply) {
        ++recorder->calls;
        recorder->reply = reply;
        if (guard)
            guard->quit();
    });
    if (recorder->calls == 0)
        loop.exec();
    if (recorder->calls == 0)
        return RedisReply::error("TEST no reply within 10 s"_ba);
    return recorder->reply;
}

bool waitConnected(RedisClient &client)
{
    return QTest::qWaitFor([&] { return client.isConnected(); }, 10000);
}

bool answersPing(const QString &socketPath)
{
    QLocalSocket socket;
    socket.connectToServer(socketPath);
    if (!socket.waitForConnected(200))
        return false;
    socket.write("PING\r\n");
    QByteArray answer;
    while (!answer.contains("\r\n") && socket.waitForReadyRead(1000))
        answer += socket.readAll();
    return answer.startsWith("+PONG");
}

} // namespace

class TestRedisClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void endpointFromUrl_data();
    void endpointFromUrl();
    void endpointRejectsUrl_data();
    void endpointRejectsUrl();
    void luaScript();

    void setGetRoundTrip();
    void binarySafeValues();
    void replyTypes();
    void evalShaFallsBackToEval();
    void pipelinedIncrsKeepOrder();
    void notConnectedFailsAsynchronously();
    void authenticatesAndSelectsDatabase();
    void destroyingClientAnswersPendingCallbacks();
    void deletingClientInsideItsCallback();
    void runsOnItsOwnThread();
    void reconnectsAfterServerRestart();

private:
    bool startRedis();
    void killRedis();
    RedisEndpoint endpoint() const;
    bool waitBlockedClients(int count);

    QTemporaryDir m_dir;
    QString m_socketPath;
    std::unique_ptr<QProcess> m_redis;
};

bool TestRedisClient::startRedis()
{
    m_redis = std::make_unique<QProcess>();
    m_redis->setProgram(u"/usr/bin/redis-server"_s);
    m_redis->setArguments({u"--port"_s, u"0"_s, u"--unixsocket"_s, m_socketPath, u"--unixsocketperm"_s,
                           u"700"_s, u"--save"_s, QString(), u"--appendonly"_s, u"no"_s, u"--dir"_s,
                           m_dir.path(), u"--loglevel"_s, u"warning"_s});
    m_redis->setStandardOutputFile(QProcess::nullDevice());
    m_redis->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_redis->start();
    if (!m_redis->waitForStarted(5000))
        return false;
    return QTest::qWaitFor(
        [this] { return m_redis->state() == QProcess::Running && answersPing(m_socketPath); }, 10000);
}

void TestRedisClient::killRedis()
{
    m_redis->kill(); // SIGKILL: no clean shutdown, the socket file stays behind
    m_redis->waitForFinished(5000);
}

RedisEndpoint TestRedisClient::endpoint() const
{
    RedisEndpoint endpoint;
    endpoint.unixSocket = m_socketPath;
    return endpoint;
}

// Proof that a blocking command really reached the server (and is pending there), seen by another connection.
bool TestRedisClient::waitBlockedClients(int count)
{
    RedisClient probe(endpoint());
    probe.connectToServer();
    if (!waitConnected(probe))
        return false;
    const QByteArray expected = "blocked_clients:" + QByteArray::number(count) + "\r\n";
    return QTest::qWaitFor(
        [&] {
            return call(probe, {"INFO"_ba, "clients"_ba}).string.contains(expected);
        },
        5000);
}

void TestRedisClient::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_socketPath = m_dir.filePath(u"redis.sock"_s);
    QVERIFY2(QFile::exists(u"/usr/bin/redis-server"_s), "needs Debian's redis-server");
    QVERIFY2(startRedis(), "redis-server did not start");
}

void TestRedisClient::cleanupTestCase()
{
    if (m_redis && m_redis->state() != QProcess::NotRunning) {
        m_redis->terminate();
        if (!m_redis->waitForFinished(5000))
            killRedis();
    }
}

void TestRedisClient::endpointFromUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("unixSocket");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QByteArray>("password");
    QTest::addColumn<int>("database");
    QTest::addColumn<QString>("display");

    QTest::newRow("host only") << u"redis://127.0.0.1"_s << QString() << u"127.0.0.1"_s << 6379
                               << QByteArray() << 0 << u"redis://127.0.0.1:6379/0"_s;
    QTest::newRow("port and db") << u"redis://cache.internal:6380/2"_s << QString() << u"cache.internal"_s
                                 << 6380 << QByteArray() << 2 << u"redis://cache.internal:6380/2"_s;
    QTest::newRow("password only") << u"redis://:s%40cret@localhost/15"_s << QString() << u"localhost"_s
                                   << 6379 << "s@cret"_ba << 15 << u"redis://localhost:6379/15"_s;
    QTest::newRow("default user") << u"redis://default:pw@10.0.0.5:7000"_s << QString() << u"10.0.0.5"_s
                                  << 7000 << "pw"_ba << 0 << u"redis://10.0.0.5:7000/0"_s;
    QTest::newRow("trailing slash") << u"redis://localhost/"_s << QString() << u"localhost"_s << 6379
                                    << QByteArray() << 0 << u"redis://localhost:6379/0"_s;
    QTest::newRow("ipv6") << u"redis://[::1]:6379/1"_s << QString() << u"::1"_s << 6379 << QByteArray() << 1
                          << u"redis://[::1]:6379/1"_s;
    QTest::newRow("unix") << u"unix:///run/fairdrop/redis.sock"_s << u"/run/fairdrop/redis.sock"_s
                          << u"127.0.0.1"_s << 6379 << QByteArray() << 0
                          << u"unix:///run/fairdrop/redis.sock"_s;
    QTest::newRow("unix db") << u"unix:///tmp/r.sock?db=3"_s << u"/tmp/r.sock"_s << u"127.0.0.1"_s << 6379
                             << QByteArray() << 3 << u"unix:///tmp/r.sock?db=3"_s;
}

void TestRedisClient::endpointFromUrl()
{
    QFETCH(QString, url);
    const auto endpoint = RedisEndpoint::fromUrl(url);
    QVERIFY2(endpoint.ok(), qPrintable(endpoint.ok() ? QString() : endpoint.error().detail));
    QTEST(endpoint->unixSocket, "unixSocket");
    QTEST(endpoint->host, "host");
    QTEST(int(endpoint->port), "port");
    QTEST(endpoint->password, "password");
    QTEST(endpoint->database, "database");
    QTEST(endpoint->display(), "display");
    QVERIFY(!endpoint->display().contains(u"cret"_s));
}

void TestRedisClient::endpointRejectsUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("problem"); // a part of the message that names the problem

    QTest::newRow("empty") << QString() << u"empty"_s;
    QTest::newRow("other scheme") << u"http://localhost:6379"_s << u"redis:// or unix://"_s;
    QTest::newRow("no scheme") << u"localhost:6379"_s << u"redis:// or unix://"_s;
    QTest::newRow("tls") << u"rediss://localhost"_s << u"TLS"_s;
    QTest::newRow("no host") << u"redis://"_s << u"no host"_s;
    QTest::newRow("port out of range") << u"redis://localhost:70000"_s << u"malformed"_s;
    QTest::newRow("port zero") << u"redis://localhost:0"_s << u"port"_s;
    QTest::newRow("db not a number") << u"redis://localhost/cache"_s << u"database"_s;
    QTest::newRow("db negative") << u"redis://localhost/-1"_s << u"database"_s;
    QTest::newRow("db with sign") << u"redis://localhost/+1"_s << u"database"_s;
    QTest::newRow("options") << u"redis://localhost?timeout=5"_s << u"options"_s;
    QTest::newRow("acl user") << u"redis://alice:pw@localhost"_s << u"user 'alice'"_s;
    QTest::newRow("fragment") << u"redis://localhost#x"_s << u"fragment"_s;
    QTest::newRow("unix no path") << u"unix://"_s << u"socket path"_s;
    QTest::newRow("unix with host") << u"unix://relative/redis.sock"_s << u"unix:///path"_s;
    QTest::newRow("unix path too long") << u"unix:///"_s + QString(120, u'x') << u"longer than 107"_s;
    QTest::newRow("unix db bad") << u"unix:///tmp/r.sock?db=x"_s << u"database"_s;
    QTest::newRow("unix unknown option") << u"unix:///tmp/r.sock?password=x"_s << u"unknown option"_s;
}

void TestRedisClient::endpointRejectsUrl()
{
    QFETCH(QString, url);
    QFETCH(QString, problem);
    const auto endpoint = RedisEndpoint::fromUrl(url);
    QVERIFY(!endpoint.ok());
    QCOMPARE(endpoint.error().code, fd::ErrorCode::BadRequest);
    QVERIFY2(endpoint.error().detail.contains(problem), qPrintable(endpoint.error().detail));
}

void TestRedisClient::luaScript()
{
    const LuaScript script = LuaScript::fromSource("one"_ba, "return 1"_ba);
    QCOMPARE(script.sha1, "e0e1f9fabfc9d4800c877a703b823ac0578ff8db"_ba); // sha1sum of "return 1"

    const QString path = m_dir.filePath(u"reserve.lua"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("return 1");
    file.close();
    const auto loaded = LuaScript::fromFile(path);
    QVERIFY(loaded.has_value());
    QCOMPARE(loaded->name, "reserve"_ba);
    QCOMPARE(loaded->sha1, script.sha1);

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"cannot read Lua script"_s));
    QVERIFY(!LuaScript::fromFile(m_dir.filePath(u"missing.lua"_s)).has_value());
}

void TestRedisClient::setGetRoundTrip()
{
    RedisClient client(endpoint());
    QSignalSpy changed(&client, &RedisClient::connectionChanged);
    QVERIFY(!client.isConnected());
    client.connectToServer();
    QVERIFY(waitConnected(client));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toBool(), true);

    const RedisReply set = call(client, {"SET"_ba, "tst:roundtrip"_ba, "hello"_ba});
    QCOMPARE(set.type, RedisReply::Type::Status);
    QCOMPARE(set.string, "OK"_ba);
    const RedisReply get = call(client, {"GET"_ba, "tst:roundtrip"_ba});
    QCOMPARE(get.type, RedisReply::Type::String);
    QCOMPARE(get.string, "hello"_ba);
    QCOMPARE(client.commandsSent(), quint64(2));
    QCOMPARE(client.errors(), quint64(0));
}

void TestRedisClient::binarySafeValues()
{
    RedisClient client(endpoint());
    client.connectToServer();
    QVERIFY(waitConnected(client));

    const QByteArray key("tst:bin\0key\r\n", 13);
    QByteArray value;
    for (int i = 0; i < 256; ++i)
        value.append(char(i));
    value.append("\0\0\r\n$-1\r\n*3\r\n", 14); // bytes that look like protocol framing
    QCOMPARE(call(client, {"SET"_ba, key, value}).string, "OK"_ba);
    const RedisReply get = call(client, {"GET"_ba, key});
    QCOMPARE(get.type, RedisReply::Type::String);
    QCOMPARE(get.string.size(), value.size());
    QCOMPARE(get.string, value);

    QCOMPARE(call(client, {"SET"_ba, "tst:empty"_ba, QByteArray()}).string, "OK"_ba);
    const RedisReply empty = call(client, {"GET"_ba, "tst:empty"_ba});
    QCOMPARE(empty.type, RedisReply::Type::String);
    QVERIFY(empty.string.isEmpty());

    // Larger than a socket buffer: written in several chunks as the write notifier fires.
    QByteArray big(4 * 1024 * 1024, Qt::Uninitialized);
    QRandomGenerator generator(42);
    generator.fillRange(reinterpret_cast<quint32 *>(big.data()), big.size() / 4);
    QCOMPARE(call(client, {"SET"_ba, "tst:big"_ba, big}).string, "OK"_ba);
    QCOMPARE(call(client, {"STRLEN"_ba, "tst:big"_ba}).integer, qint64(big.size()));
    QVERIFY(call(client, {"GET"_ba, "tst:big"_ba}).string == big);
}

void TestRedisClient::replyTypes()
{
    RedisClient client(endpoint());
    client.connectToServer();
    QVERIFY(waitConnected(client));
    call(client, {"DEL"_ba, "tst:list"_ba, "tst:counter"_ba});

    const RedisReply integer = call(client, {"INCRBY"_ba, "tst:counter"_ba, "-7"_ba});
    QCOMPARE(integer.type, RedisReply::Type::Integer);
    QCOMPARE(integer.integer, qint64(-7));

    QCOMPARE(call(client, {"RPUSH"_ba, "tst:list"_ba, "a"_ba, ""_ba, "c"_ba}).integer, qint64(3));
    const RedisReply array = call(client, {"LRANGE"_ba, "tst:list"_ba, "0"_ba, "-1"_ba});
    QCOMPARE(array.type, RedisReply::Type::Array);
    QCOMPARE(array.elements.size(), 3);
    QCOMPARE(array.elements.at(0).string, "a"_ba);
    QCOMPARE(array.elements.at(1).type, RedisReply::Type::String);
    QVERIFY(array.elements.at(1).string.isEmpty());
    QCOMPARE(array.elements.at(2).string, "c"_ba);

    const RedisReply empty = call(client, {"LRANGE"_ba, "tst:nolist"_ba, "0"_ba, "-1"_ba});
    QCOMPARE(empty.type, RedisReply::Type::Array);
    QVERIFY(empty.elements.isEmpty());

    const RedisReply nil = call(client, {"GET"_ba, "tst:missing"_ba});
    QCOMPARE(nil.type, RedisReply::Type::Nil);
    QVERIFY(!nil.isError());

    const quint64 errorsBefore = client.errors();
    const RedisReply error = call(client, {"NOSUCHCOMMAND"_ba});
    QVERIFY(error.isError());
    QVERIFY2(error.string.startsWith("ERR unknown command"), error.string.constData());
    QCOMPARE(client.errors(), errorsBefore + 1);

    const RedisReply nested = call(client, {"EVAL"_ba, "return {1, {'x', false}, 'y'}"_ba, "0"_ba});
    QCOMPARE(nested.type, RedisReply::Type::Array);
    QCOMPARE(nested.elements.size(), 3);
    QCOMPARE(nested.elements.at(0).integer, qint64(1));
    QCOMPARE(nested.elements.at(1).type, RedisReply::Type::Array);
    QCOMPARE(nested.elements.at(1).elements.at(0).string, "x"_ba);
    QCOMPARE(nested.elements.at(1).elements.at(1).type, RedisReply::Type::Nil);
    QCOMPARE(nested.elements.at(2).string, "y"_ba);

    const auto refused = Recorder::make();
    client.command({"SUBSCRIBE"_ba, "tst:channel"_ba}, recordInto(refused));
    QTRY_COMPARE(refused->calls, 1);
    QVERIFY(refused->reply.isError());
    QVERIFY(client.isConnected());
}

void TestRedisClient::evalShaFallsBackToEval()
{
    RedisClient client(endpoint());
    client.connectToServer();
    QVERIFY(waitConnected(client));

    // A comment no earlier run can have loaded, so the script is certainly not cached.
    const QByteArray nonce = QByteArray::number(QRandomGenerator::global()->generate64());
    const LuaScript script = LuaScript::fromSource(
        "counter"_ba, "-- " + nonce + "\nreturn {KEYS[1], ARGV[1], redis.call('INCR', KEYS[1])}");
    call(client, {"DEL"_ba, "tst:script"_ba});
    const RedisReply before = call(client, {"SCRIPT"_ba, "EXISTS"_ba, script.sha1});
    QCOMPARE(before.elements.size(), 1);
    QCOMPARE(before.elements.at(0).integer, qint64(0));

    const quint64 sentBefore = client.commandsSent();
    const quint64 errorsBefore = client.errors();
    const auto first = Recorder::make();
    client.evalScript(script, {"tst:script"_ba}, {"arg"_ba}, recordInto(first));
    QTRY_COMPARE(first->calls, 1);
    QCOMPARE(first->reply.type, RedisReply::Type::Array);
    QCOMPARE(first->reply.elements.size(), 3);
    QCOMPARE(first->reply.elements.at(0).string, "tst:script"_ba);
    QCOMPARE(first->reply.elements.at(1).string, "arg"_ba);
    QCOMPARE(first->reply.elements.at(2).integer, qint64(1));
    QCOMPARE(client.commandsSent() - sentBefore, quint64(2)); // EVALSHA, then EVAL
    QCOMPARE(client.errors(), errorsBefore);                  // the NOSCRIPT was handled

    const RedisReply after = call(client, {"SCRIPT"_ba, "EXISTS"_ba, script.sha1});
    QCOMPARE(after.elements.at(0).integer, qint64(1));

    const quint64 sentBetween = client.commandsSent();
    const auto second = Recorder::make();
    client.evalScript(script, {"tst:script"_ba}, {"again"_ba}, recordInto(second));
    QTRY_COMPARE(second->calls, 1);
    QCOMPARE(second->reply.elements.at(1).string, "again"_ba);
    QCOMPARE(second->reply.elements.at(2).integer, qint64(2));
    QCOMPARE(client.commandsSent() - sentBetween, quint64(1)); // EVALSHA alone
    QCOMPARE(first->calls, 1);

    // A script error is an error reply like any other, and no EVAL retry.
    const LuaScript broken = LuaScript::fromSource("broken"_ba, "return redis.call('NOSUCHCOMMAND')"_ba);
    call(client, {"SCRIPT"_ba, "LOAD"_ba, broken.source});
    const auto failed = Recorder::make();
    client.evalScript(broken, {}, {}, recordInto(failed));
    QTRY_COMPARE(failed->calls, 1);
    QVERIFY(failed->reply.isError());
    QVERIFY(!failed->reply.string.startsWith("NOSCRIPT"));
}

void TestRedisClient::pipelinedIncrsKeepOrder()
{
    RedisClient client(endpoint());
    client.connectToServer();
    QVERIFY(waitConnected(client));
    call(client, {"DEL"_ba, "tst:pipeline"_ba});

    constexpr int kCount = 1000;
    auto seen = std::make_shared<QList<qint64>>();
    for (int i = 0; i < kCount; ++i)
        client.command({"INCR"_ba, "tst:pipeline"_ba},
                       [seen](const RedisReply &reply) { seen->append(reply.integer); });
    QCOMPARE(seen->size(), 0); // nothing is answered inside command()
    QTRY_COMPARE(seen->size(), kCount);
    for (int i = 0; i < kCount; ++i)
        QCOMPARE(seen->at(i), qint64(i + 1));

    // Replies come in order, so once this one is back no straggler can still be on its way.
    QCOMPARE(call(client, {"GET"_ba, "tst:pipeline"_ba}).string, QByteArray::number(kCount));
    QCOMPARE(seen->size(), kCount);
}

void TestRedisClient::notConnectedFailsAsynchronously()
{
    RedisClient idle(endpoint()); // connectToServer() never called
    const auto recorder = Recorder::make();
    idle.command({"PING"_ba}, recordInto(recorder));
    QCOMPARE(recorder->calls, 0);
    QTRY_COMPARE(recorder->calls, 1);
    QCOMPARE(recorder->reply.type, RedisReply::Type::Error);
    QCOMPARE(recorder->reply.string, "ERR redis unavailable"_ba);
    QCOMPARE(idle.errors(), quint64(1));
    QCOMPARE(idle.commandsSent(), quint64(0));

    const auto script = Recorder::make();
    idle.evalScript(LuaScript::fromSource("x"_ba, "return 1"_ba), {}, {}, recordInto(script));
    QCOMPARE(script->calls, 0);
    QTRY_COMPARE(script->calls, 1);
    QCOMPARE(script->reply.string, "ERR redis unavailable"_ba);

    // A server that is not there: keeps retrying, keeps failing fast.
    RedisEndpoint nowhere;
    nowhere.unixSocket = m_dir.filePath(u"nobody-listens.sock"_s);
    RedisClient orphan(nowhere);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"cannot connect to unix://.*nobody-listens"_s));
    orphan.connectToServer();
    const auto refused = Recorder::make();
    orphan.command({"PING"_ba}, recordInto(refused));
    QCOMPARE(refused->calls, 0);
    QTRY_COMPARE(refused->calls, 1);
    QCOMPARE(refused->reply.string, "ERR redis unavailable"_ba);
    QVERIFY(!orphan.isConnected());
}

void TestRedisClient::authenticatesAndSelectsDatabase()
{
    RedisClient admin(endpoint());
    admin.connectToServer();
    QVERIFY(waitConnected(admin));
    call(admin, {"ACL"_ba, "LOG"_ba, "RESET"_ba});
    QCOMPARE(call(admin, {"CONFIG"_ba, "SET"_ba, "requirepass"_ba, "s3cret"_ba}).string, "OK"_ba);
    const auto restore = qScopeGuard([&] { call(admin, {"CONFIG"_ba, "SET"_ba, "requirepass"_ba, ""_ba}); });

    RedisEndpoint wrong = endpoint();
    wrong.password = "nope"_ba;
    RedisClient rejected(wrong);
    QSignalSpy rejectedChanges(&rejected, &RedisClient::connectionChanged);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"cannot connect to .*AUTH: WRONGPASS"_s));
    rejected.connectToServer();

    RedisEndpoint right = endpoint();
    right.password = "s3cret"_ba;
    right.database = 5;
    RedisClient client(right);
    client.connectToServer();
    QVERIFY(waitConnected(client));
    QCOMPARE(call(client, {"SET"_ba, "tst:db5"_ba, "five"_ba}).string, "OK"_ba);
    QCOMPARE(call(client, {"GET"_ba, "tst:db5"_ba}).string, "five"_ba);
    QCOMPARE(call(admin, {"GET"_ba, "tst:db5"_ba}).type, RedisReply::Type::Nil); // admin is on db 0
    QCOMPARE(call(admin, {"SELECT"_ba, "5"_ba}).string, "OK"_ba);
    QCOMPARE(call(admin, {"GET"_ba, "tst:db5"_ba}).string, "five"_ba);

    // Redis logs the refused AUTH; by then the client has seen the refusal too.
    QTRY_VERIFY(!call(admin, {"ACL"_ba, "LOG"_ba}).elements.isEmpty());
    QVERIFY(!rejected.isConnected());
    QCOMPARE(rejectedChanges.count(), 0);
    QCOMPARE(call(rejected, {"PING"_ba}).string, "ERR redis unavailable"_ba);
}

void TestRedisClient::destroyingClientAnswersPendingCallbacks()
{
    auto client = std::make_unique<RedisClient>(endpoint());
    QSignalSpy changed(client.get(), &RedisClient::connectionChanged);
    client->connectToServer();
    QVERIFY(waitConnected(*client));

    const auto blocked = Recorder::make();
    client->command({"BLPOP"_ba, "tst:never-pushed"_ba, "0"_ba}, recordInto(blocked));
    QVERIFY(waitBlockedClients(1));

    // Issued from a callback during destruction: answered too, still before the destructor returns.
    const auto queuedBehind = Recorder::make();
    const auto issuedLate = Recorder::make();
    RedisClient *raw = client.get();
    client->command({"PING"_ba}, [raw, queuedBehind, issuedLate](const RedisReply &reply) {
        ++queuedBehind->calls;
        queuedBehind->reply = reply;
        raw->command({"PING"_ba}, recordInto(issuedLate));
    });
    client.reset();

    QCOMPARE(blocked->calls, 1);
    QCOMPARE(blocked->reply.string, "ERR redis client destroyed"_ba);
    QCOMPARE(queuedBehind->calls, 1);
    QCOMPARE(queuedBehind->reply.string, "ERR redis client destroyed"_ba);
    QCOMPARE(issuedLate->calls, 1);
    QCOMPARE(issuedLate->reply.string, "ERR redis client destroyed"_ba);
    QCOMPARE(changed.count(), 2);
    QCOMPARE(changed.at(1).at(0).toBool(), false);

    // Failures queued for the event loop are answered by the destructor as well.
    auto idle = std::make_unique<RedisClient>(endpoint());
    const auto unavailable = Recorder::make();
    idle->command({"PING"_ba}, recordInto(unavailable));
    idle.reset();
    QCOMPARE(unavailable->calls, 1);
    QCOMPARE(unavailable->reply.string, "ERR redis unavailable"_ba);

    // Nothing arrives later: the server released the BLPOP connection, and events are processed.
    QVERIFY(waitBlockedClients(0));
    QCOMPARE(blocked->calls, 1);
    QCOMPARE(queuedBehind->calls, 1);
    QCOMPARE(issuedLate->calls, 1);
    QCOMPARE(unavailable->calls, 1);
}

void TestRedisClient::deletingClientInsideItsCallback()
{
    auto *client = new RedisClient(endpoint());
    client->connectToServer();
    QVERIFY(waitConnected(*client));

    const auto first = Recorder::make();
    const auto second = Recorder::make();
    const auto third = Recorder::make();
    client->command({"PING"_ba}, [client, first](const RedisReply &reply) {
        ++first->calls;
        first->reply = reply;
        delete client; // hiredis is still inside its read handler here
    });
    client->command({"PING"_ba}, recordInto(second));
    client->command({"ECHO"_ba, "x"_ba}, recordInto(third));

    QTRY_COMPARE(first->calls, 1);
    QCOMPARE(first->reply.string, "PONG"_ba);
    QCOMPARE(second->calls, 1);
    QCOMPARE(second->reply.string, "ERR redis client destroyed"_ba);
    QCOMPARE(third->calls, 1);

    // Also from the queued "unavailable" answers.
    auto *idle = new RedisClient(endpoint());
    const auto before = Recorder::make();
    const auto after = Recorder::make();
    idle->command({"PING"_ba}, [idle, before](const RedisReply &reply) {
        ++before->calls;
        before->reply = reply;
        delete idle;
    });
    idle->command({"PING"_ba}, recordInto(after));
    QTRY_COMPARE(before->calls, 1);
    QCOMPARE(after->calls, 1);
    QCOMPARE(after->reply.string, "ERR redis unavailable"_ba);

    // Let any deferred cleanup run while the test can still see a crash.
    RedisClient check(endpoint());
    check.connectToServer();
    QVERIFY(waitConnected(check));
    QCOMPARE(call(check, {"PING"_ba}).string, "PONG"_ba);
    QCOMPARE(second->calls, 1);
    QCOMPARE(third->calls, 1);
    QCOMPARE(after->calls, 1);
}

void TestRedisClient::runsOnItsOwnThread()
{
    QThread io;
    io.start();
    QObject anchor;
    anchor.moveToThread(&io);

    RedisClient *client = nullptr;
    std::atomic<bool> connected{false};
    QMetaObject::invokeMethod(
        &anchor,
        [&] {
            client = new RedisClient(endpoint());
            QObject::connect(client, &RedisClient::connectionChanged, client,
                             [&](bool up) { connected = up; });
            client->connectToServer();
        },
        Qt::BlockingQueuedConnection);
    QVERIFY(client);
    QTRY_VERIFY(connected.load());

    std::atomic<bool> answered{false};
    std::atomic<bool> onIoThread{false};
    QByteArray value;
    QMetaObject::invokeMethod(&anchor, [&] {
        client->command({"ECHO"_ba, "threaded"_ba}, [&](const RedisReply &reply) {
            onIoThread = QThread::currentThread() == &io;
            value = reply.string;
            answered = true;
        });
    });
    QTRY_VERIFY(answered.load());
    QVERIFY(onIoThread.load());
    QCOMPARE(value, "threaded"_ba);

    QThread *const testThread = QThread::currentThread();
    QMetaObject::invokeMethod(
        &anchor,
        [&] {
            delete client;
            anchor.moveToThread(testThread); // only its own thread may give it back
        },
        Qt::BlockingQueuedConnection);
    io.quit();
    QVERIFY(io.wait(5000));
}

void TestRedisClient::reconnectsAfterServerRestart()
{
    RedisClient client(endpoint());
    QSignalSpy changed(&client, &RedisClient::connectionChanged);
    client.connectToServer();
    QVERIFY(waitConnected(client));
    QCOMPARE(changed.count(), 1);
    const QByteArray firstRunId = client.serverRunId();
    QCOMPARE(firstRunId.size(), 40); // Redis run ids are 40 hex characters

    const auto blocked = Recorder::make();
    client.command({"BLPOP"_ba, "tst:never-pushed"_ba, "0"_ba}, recordInto(blocked));

    // Deleted by its own connectionChanged(false), emitted while hiredis is still freeing the connection.
    QPointer<RedisClient> doomed = new RedisClient(endpoint());
    const auto doomedPending = Recorder::make();
    connect(doomed, &RedisClient::connectionChanged, doomed, [&doomed](bool up) {
        if (!up)
            delete doomed.data();
    });
    doomed->connectToServer();
    QVERIFY(waitConnected(*doomed));
    doomed->command({"BLPOP"_ba, "tst:never-pushed"_ba, "0"_ba}, recordInto(doomedPending));
    QVERIFY(waitBlockedClients(2));

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"lost connection to"_s));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"lost connection to"_s));
    killRedis();

    QTRY_COMPARE(blocked->calls, 1);
    QCOMPARE(blocked->reply.string, "ERR redis connection lost"_ba);
    QTRY_COMPARE(changed.count(), 2);
    QCOMPARE(changed.at(1).at(0).toBool(), false);
    QVERIFY(!client.isConnected());
    QTRY_VERIFY(doomed.isNull());
    QCOMPARE(doomedPending->calls, 1);
    QCOMPARE(doomedPending->reply.string, "ERR redis connection lost"_ba);

    const auto whileDown = Recorder::make();
    client.command({"PING"_ba}, recordInto(whileDown));
    QCOMPARE(whileDown->calls, 0);
    QTRY_COMPARE(whileDown->calls, 1);
    QCOMPARE(whileDown->reply.string, "ERR redis unavailable"_ba);

    QVERIFY2(startRedis(), "redis-server did not restart");
    QTRY_VERIFY_WITH_TIMEOUT(client.isConnected(), 10000); // by itself: nobody called connectToServer() again
    QCOMPARE(changed.count(), 3);
    QCOMPARE(changed.at(2).at(0).toBool(), true);
    QCOMPARE(client.serverRunId().size(), 40);
    QVERIFY(client.serverRunId() != firstRunId); // a restarted Redis is recognisable as such
    QCOMPARE(call(client, {"SET"_ba, "tst:after"_ba, "back"_ba}).string, "OK"_ba);
    QCOMPARE(call(client, {"GET"_ba, "tst:after"_ba}).string, "back"_ba);
    QCOMPARE(blocked->calls, 1);
    QCOMPARE(whileDown->calls, 1);
}

QTEST_GUILESS_MAIN(TestRedisClient)

#include "tst_redisclient.moc"
