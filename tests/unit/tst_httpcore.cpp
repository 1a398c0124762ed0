// The HTTP core in-process, without databases: routing, problem+json, the connection guard, metrics labels,
// and a client that leaves while its request is still being handled.
#include "server/http/httppipeline.h"
#include "server/http/httpservice.h"
#include "server/http/jsonbody.h"
#include "server/http/router.h"
#include "server/infra/metrics/httpmetrics.h"
#include "server/infra/metrics/metricsregistry.h"
#include "tests/support/httpclient.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <atomic>

using namespace fd;
using fd::test::request;
using fd::test::sendRaw;

class HttpCoreTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void unknownPathIs404Problem();
    void wrongMethodIs405WithAllow();
    void pathParametersAndStaticPrecedence();
    void requestIdIsEchoedOrGenerated_data();
    void requestIdIsEchoedOrGenerated();
    void jsonRouteRefusesOtherContentTypes();
    void malformedJsonIs400_data();
    void malformedJsonIs400();
    void failingHandlersAre500WithoutInternals();
    void oversizedBodyIsRefusedBeforeUpload();
    void oversizedHeadersAre431();
    void chunkedBodyNeedsLength();
    void connectionCloseIsHonoured();
    void keepAliveServesSeveralRequests();
    void clientLeavingDuringSlowHandlerIsHarmless();
    void idleConnectionsAreClosed();
    void metricsUseRouteTemplates();
    void listenPortInUseIsReported();
    void shutdownFinishesInFlightRequests();
    void ambiguousHeadsAreRefused_data();
    void ambiguousHeadsAreRefused();
    void pipelinedRequestsAreAllAnswered();
    void trickleCannotHoldAConnection();
    void headAnswersWithoutBody();
    void unansweredRequestsTimeOut();

private:
    std::unique_ptr<infra::MetricsRegistry> m_registry;
    std::unique_ptr<http::HttpService> m_service;
    quint16 m_port = 0;
    std::atomic<int> m_slowAnswered{0};
    QList<http::ExchangePtr> m_hanging; // touched only on the IO threads, read after they stop
};

void HttpCoreTest::initTestCase()
{
    auto router = std::make_shared<http::Router>();
    router->add("GET", QStringLiteral("/items/{id}"), [](const http::ExchangePtr &exchange) {
        exchange->respondJson(
            200, QJsonDocument(QJsonObject{
                     {QStringLiteral("id"), exchange->request().pathParams.value(QStringLiteral("id"))}}));
    });
    router->add("GET", QStringLiteral("/items/special"),
                [](const http::ExchangePtr &exchange) { exchange->respond(200, "special", "text/plain"); });
    router->add("DELETE", QStringLiteral("/items/{id}"),
                [](const http::ExchangePtr &exchange) { exchange->respondEmpty(204); });
    router->add(
        "POST", QStringLiteral("/echo"),
        [](const http::ExchangePtr &exchange) {
            auto body = http::parseJsonObject(exchange->request().body);
            if (!body) {
                exchange->respondProblem(body.error());
                return;
            }
            exchange->respondJson(200, QJsonDocument(*body));
        },
        http::RouteOptions{true, {}});
    router->add("GET", QStringLiteral("/broken"), [](const http::ExchangePtr &) {
        throw std::runtime_error("secret connection string postgresql://admin:hunter2@db");
    });
    router->add("GET", QStringLiteral("/hang"), [this](const http::ExchangePtr &exchange) {
        m_hanging.append(exchange); // never answered by the handler
    });
    router->add("GET", QStringLiteral("/forgotten"), [](const http::ExchangePtr &) {
        // Drops the exchange without answering: the client must still get an answer.
    });
    router->add("GET", QStringLiteral("/slow"), [this](const http::ExchangePtr &exchange) {
        QTimer::singleShot(300, exchange->context(), [this, exchange] {
            exchange->respond(200, "late", "text/plain");
            m_slowAnswered.fetch_add(1);
        });
    });

    http::PipelineSettings settings;
    settings.connection.maxBodyBytes = 1024;
    settings.connection.maxHeaderBytes = 2048;
    settings.connection.idleTimeoutMs = 400;
    settings.connection.requestReadTimeoutMs = 600;
    settings.handlerTimeoutMs = 500;
    m_registry = std::make_unique<infra::MetricsRegistry>();
    auto pipeline = std::make_shared<http::HttpPipeline>(router, settings,
                                                         std::make_shared<infra::HttpMetrics>(*m_registry));
    m_service = std::make_unique<http::HttpService>(pipeline, nullptr);
    auto port = m_service->start(QHostAddress::LocalHost, 0, 2);
    QVERIFY2(port.ok(), qPrintable(port.ok() ? QString() : port.error().detail));
    m_port = *port;
}

void HttpCoreTest::cleanupTestCase()
{
    m_service->stop(1000);
    m_hanging.clear();
}

void HttpCoreTest::unknownPathIs404Problem()
{
    const auto response = request(m_port, "GET", "/nowhere");
    QCOMPARE(response.status, 404);
    QCOMPARE(response.header("content-type"), QByteArray("application/problem+json"));
    const QJsonObject problem = response.json().object();
    QCOMPARE(problem.value(QStringLiteral("status")).toInt(), 404);
    QCOMPARE(problem.value(QStringLiteral("code")).toString(), QStringLiteral("not_found"));
    QCOMPARE(problem.value(QStringLiteral("type")).toString(),
             QStringLiteral("https://fairdrop.dev/problems/not_found"));
    QVERIFY(!problem.value(QStringLiteral("title")).toString().isEmpty());
    QCOMPARE(problem.value(QStringLiteral("request_id")).toString().toLatin1(),
             response.header("x-request-id"));
}

void HttpCoreTest::wrongMethodIs405WithAllow()
{
    const auto response = request(m_port, "PUT", "/items/7", "{}");
    QCOMPARE(response.status, 405);
    const QByteArrayList allowed = response.header("allow").split(',');
    QCOMPARE(allowed.size(), 2);
    QVERIFY(response.header("allow").contains("GET"));
    QVERIFY(response.header("allow").contains("DELETE"));
    QCOMPARE(response.json().object().value(QStringLiteral("code")).toString(),
             QStringLiteral("method_not_allowed"));
}

void HttpCoreTest::pathParametersAndStaticPrecedence()
{
    QCOMPARE(request(m_port, "GET", "/items/42").json().object().value(QStringLiteral("id")).toString(),
             QStringLiteral("42"));
    QCOMPARE(request(m_port, "GET", "/items/42/").json().object().value(QStringLiteral("id")).toString(),
             QStringLiteral("42"));
    QCOMPARE(request(m_port, "GET", "/items/special").body, QByteArray("special"));
    QCOMPARE(request(m_port, "DELETE", "/items/42").status, 204);
}

void HttpCoreTest::requestIdIsEchoedOrGenerated_data()
{
    QTest::addColumn<QByteArray>("sent");
    QTest::addColumn<bool>("echoed");
    QTest::newRow("sane") << QByteArray("abc-123_x.y") << true;
    QTest::newRow("spaces") << QByteArray("abc 123") << false;
    QTest::newRow("too long") << QByteArray(200, 'a') << false;
    QTest::newRow("quote") << QByteArray("a\"b") << false;
}

void HttpCoreTest::requestIdIsEchoedOrGenerated()
{
    QFETCH(QByteArray, sent);
    QFETCH(bool, echoed);
    const auto response = request(m_port, "GET", "/items/1", {}, {{"X-Request-ID", sent}});
    QCOMPARE(response.status, 200);
    const QByteArray id = response.header("x-request-id");
    QVERIFY(!id.isEmpty());
    QCOMPARE(id == sent, echoed);
    if (!echoed)
        QCOMPARE(id.size(), 32);
}

void HttpCoreTest::jsonRouteRefusesOtherContentTypes()
{
    const auto refused =
        request(m_port, "POST", "/echo", "a=b", {{"Content-Type", "application/x-www-form-urlencoded"}});
    QCOMPARE(refused.status, 415);
    QCOMPARE(refused.json().object().value(QStringLiteral("code")).toString(),
             QStringLiteral("unsupported_media_type"));
    const auto accepted =
        request(m_port, "POST", "/echo", "{\"a\":1}", {{"Content-Type", "application/json; charset=utf-8"}});
    QCOMPARE(accepted.status, 200);
    QCOMPARE(accepted.body, QByteArray("{\"a\":1}"));
}

void HttpCoreTest::malformedJsonIs400_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("truncated") << QByteArray("{\"a\":");
    QTest::newRow("array") << QByteArray("[1,2]");
    QTest::newRow("number") << QByteArray("42");
    QTest::newRow("invalid utf-8") << QByteArray("{\"a\":\"\xff\xfe\"}");
    QTest::newRow("trailing garbage") << QByteArray("{} x");
    QTest::newRow("only spaces") << QByteArray("   ");
}

void HttpCoreTest::malformedJsonIs400()
{
    QFETCH(QByteArray, body);
    const auto response = request(m_port, "POST", "/echo", body);
    QCOMPARE(response.status, 400);
    QCOMPARE(response.header("content-type"), QByteArray("application/problem+json"));
    QCOMPARE(response.json().object().value(QStringLiteral("code")).toString(),
             QStringLiteral("malformed_json"));
}

void HttpCoreTest::failingHandlersAre500WithoutInternals()
{
    const auto thrown = request(m_port, "GET", "/broken");
    QCOMPARE(thrown.status, 500);
    QCOMPARE(thrown.json().object().value(QStringLiteral("code")).toString(),
             QStringLiteral("internal_error"));
    QVERIFY2(!thrown.body.contains("hunter2") && !thrown.body.contains("postgresql"),
             thrown.body.constData());
    const auto forgotten = request(m_port, "GET", "/forgotten");
    QCOMPARE(forgotten.status, 500);
    QCOMPARE(request(m_port, "GET", "/items/1").status, 200);
}

void HttpCoreTest::oversizedBodyIsRefusedBeforeUpload()
{
    // Announce 50 MB but send only the head: the answer must come without the body ever being sent.
    const auto response = sendRaw(m_port,
                                  "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                  "Content-Length: 50000000\r\n\r\n",
                                  5000);
    QCOMPARE(response.status, 413);
    QCOMPARE(response.header("connection"), QByteArray("close"));
    QCOMPARE(response.json().object().value(QStringLiteral("code")).toString(),
             QStringLiteral("payload_too_large"));
    // Just over the limit, sent in full, is refused as well; at the limit it passes.
    QCOMPARE(request(m_port, "POST", "/echo", QByteArray(1025, ' ')).status, 413);
    QCOMPARE(request(m_port, "POST", "/echo", "{\"a\":\"" + QByteArray(1016, 'x') + "\"}").status, 200);
}

void HttpCoreTest::oversizedHeadersAre431()
{
    const auto response = request(m_port, "GET", "/items/1", {}, {{"X-Filler", QByteArray(4000, 'f')}});
    QCOMPARE(response.status, 431);
    QCOMPARE(response.json().object().value(QStringLiteral("code")).toString(),
             QStringLiteral("headers_too_large"));
}

void HttpCoreTest::chunkedBodyNeedsLength()
{
    const auto response =
        sendRaw(m_port, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
    QCOMPARE(response.status, 411);
}

void HttpCoreTest::connectionCloseIsHonoured()
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), m_port);
    QVERIFY(socket.waitForConnected(2000));
    socket.write("GET /items/5 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    QByteArray received;
    while (socket.state() == QAbstractSocket::ConnectedState && socket.waitForReadyRead(3000))
        received += socket.readAll();
    received += socket.readAll();
    QVERIFY2(received.startsWith("HTTP/1.1 200"), received.constData());
    QVERIFY(received.contains("Connection: close"));
    QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 3000);
}

void HttpCoreTest::keepAliveServesSeveralRequests()
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), m_port);
    QVERIFY(socket.waitForConnected(2000));
    for (int i = 0; i < 3; ++i) {
        socket.write("GET /items/" + QByteArray::number(i) + " HTTP/1.1\r\nHost: x\r\n\r\n");
        QByteArray buffer;
        test::HttpResponse response;
        qsizetype consumed = 0;
        while (!test::parseResponse(buffer, &response, &consumed) && socket.waitForReadyRead(3000))
            buffer += socket.readAll();
        QCOMPARE(response.status, 200);
        QCOMPARE(response.json().object().value(QStringLiteral("id")).toString(), QString::number(i));
    }
    QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
}

void HttpCoreTest::clientLeavingDuringSlowHandlerIsHarmless()
{
    const int before = m_slowAnswered.load();
    for (int i = 0; i < 20; ++i) {
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), m_port);
        QVERIFY(socket.waitForConnected(2000));
        socket.write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(socket.waitForBytesWritten(2000));
        QTest::qWait(20);
        socket.abort();
    }
    // Every abandoned handler finished, and the server still serves.
    QTRY_COMPARE_WITH_TIMEOUT(m_slowAnswered.load(), before + 20, 5000);
    QCOMPARE(request(m_port, "GET", "/items/1").status, 200);
    QCOMPARE(request(m_port, "GET", "/slow").body, QByteArray("late"));
}

void HttpCoreTest::idleConnectionsAreClosed()
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), m_port);
    QVERIFY(socket.waitForConnected(2000));
    QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 3000);

    // A request head that never completes is cut off too (slow clients cannot hold a connection).
    QTcpSocket slow;
    slow.connectToHost(QStringLiteral("127.0.0.1"), m_port);
    QVERIFY(slow.waitForConnected(2000));
    slow.write("GET /items/1 HTTP/1.1\r\nHost:");
    QTRY_COMPARE_WITH_TIMEOUT(slow.state(), QAbstractSocket::UnconnectedState, 3000);
}

void HttpCoreTest::metricsUseRouteTemplates()
{
    QCOMPARE(request(m_port, "GET", "/items/123456").status, 200);
    QCOMPARE(request(m_port, "GET", "/no/such/path/999").status, 404);
    const QByteArray text = m_registry->scrape();
    QVERIFY(text.contains("route=\"/items/{id}\""));
    QVERIFY(text.contains("route=\"unmatched\""));
    QVERIFY2(!text.contains("123456"), "raw ids must never become labels");
    QVERIFY(!text.contains("/no/such/path"));
    QVERIFY(text.contains("fairdrop_http_request_duration_seconds_bucket"));
    QVERIFY(text.contains("fairdrop_http_requests_in_flight"));
}

void HttpCoreTest::listenPortInUseIsReported()
{
    auto router = std::make_shared<http::Router>();
    auto pipeline = std::make_shared<http::HttpPipeline>(router, http::PipelineSettings{}, nullptr);
    http::HttpService second(pipeline, nullptr);
    auto port = second.start(QHostAddress::LocalHost, m_port, 2);
    QVERIFY(!port.ok());
    QVERIFY2(port.error().detail.contains(QStringLiteral("already in use")), qPrintable(port.error().detail));
}

void HttpCoreTest::shutdownFinishesInFlightRequests()
{
    auto router = std::make_shared<http::Router>();
    router->add("GET", QStringLiteral("/slow"), [](const http::ExchangePtr &exchange) {
        QTimer::singleShot(300, exchange->context(),
                           [exchange] { exchange->respond(200, "done", "text/plain"); });
    });
    auto pipeline = std::make_shared<http::HttpPipeline>(router, http::PipelineSettings{}, nullptr);
    http::HttpService service(pipeline, nullptr);
    auto port = service.start(QHostAddress::LocalHost, 0, 2);
    QVERIFY(port.ok());

    QTcpSocket inFlight;
    inFlight.connectToHost(QStringLiteral("127.0.0.1"), *port);
    QVERIFY(inFlight.waitForConnected(2000));
    inFlight.write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY(inFlight.waitForBytesWritten(2000));
    QTest::qWait(50);
    QElapsedTimer clock;
    clock.start();
    service.stop(5000); // blocks until the slow request is answered
    QVERIFY(clock.elapsed() < 4000);
    QByteArray received;
    while (inFlight.waitForReadyRead(1000))
        received += inFlight.readAll();
    QVERIFY2(received.startsWith("HTTP/1.1 200"), received.constData());
    QVERIFY(received.contains("Connection: close"));
    QVERIFY(received.endsWith("done"));
    // Nothing listens any more.
    QTcpSocket late;
    late.connectToHost(QStringLiteral("127.0.0.1"), *port);
    QVERIFY(!late.waitForConnected(1000));
}

void HttpCoreTest::ambiguousHeadsAreRefused_data()
{
    // Each would let a lenient parser and a strict one disagree about where the body ends.
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<int>("status");
    QTest::newRow("bare LF lines") << QByteArray("POST /echo HTTP/1.1\nHost: x\nContent-Length: 5000000\n\n")
                                   << 400;
    QTest::newRow("LF then CRLF end")
        << QByteArray("POST /echo HTTP/1.1\r\nHost: x\nContent-Length: 5\r\n\r\n") << 400;
    QTest::newRow("folded length")
        << QByteArray("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length:\r\n 5000000\r\n\r\n") << 400;
    QTest::newRow("two lengths")
        << QByteArray("POST /echo HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 5000000\r\n\r\n") << 400;
    QTest::newRow("signed length") << QByteArray("POST /echo HTTP/1.1\r\nContent-Length: +2\r\n\r\n{}")
                                   << 400;
    QTest::newRow("chunked, odd case")
        << QByteArray("POST /echo HTTP/1.1\r\ntRaNsFeR-eNcOdInG: chunked\r\n\r\n") << 411;
    QTest::newRow("line without colon") << QByteArray("GET /items/1 HTTP/1.1\r\nHost x\r\n\r\n") << 400;
}

void HttpCoreTest::ambiguousHeadsAreRefused()
{
    QFETCH(QByteArray, head);
    QFETCH(int, status);
    QCOMPARE(sendRaw(m_port, head, 3000).status, status);
}

void HttpCoreTest::pipelinedRequestsAreAllAnswered()
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), m_port);
    QVERIFY(socket.waitForConnected(2000));
    // Three requests in one write: Qt parses one per readyRead, the guard must wake it for the others.
    socket.write("GET /items/1 HTTP/1.1\r\nHost: x\r\n\r\nGET /items/2 HTTP/1.1\r\nHost: x\r\n\r\n"
                 "GET /items/3 HTTP/1.1\r\nHost: x\r\n\r\n");
    QByteArray buffer;
    QList<int> ids;
    QDeadlineTimer deadline(5000);
    while (ids.size() < 3 && !deadline.hasExpired()) {
        socket.waitForReadyRead(200);
        buffer += socket.readAll();
        test::HttpResponse response;
        qsizetype consumed = 0;
        while (test::parseResponse(buffer, &response, &consumed)) {
            QCOMPARE(response.status, 200);
            ids.append(response.json().object().value(QStringLiteral("id")).toString().toInt());
            buffer.remove(0, consumed);
        }
    }
    QCOMPARE(ids, (QList<int>{1, 2, 3}));
}

void HttpCoreTest::trickleCannotHoldAConnection()
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), m_port);
    QVERIFY(socket.waitForConnected(2000));
    const QByteArray head =
        "GET /items/1 HTTP/1.1\r\nHost: x\r\nX-Slow: " + QByteArray(100, 'a') + "\r\n\r\n";
    QElapsedTimer clock;
    clock.start();
    // One byte every 100 ms keeps the connection busy but never finishes the head within the 600 ms deadline.
    for (int i = 0; i < head.size() && socket.state() == QAbstractSocket::ConnectedState; ++i) {
        socket.write(head.mid(i, 1));
        socket.waitForBytesWritten(100);
        QTest::qWait(100);
    }
    QCOMPARE(socket.state(), QAbstractSocket::UnconnectedState);
    QVERIFY2(clock.elapsed() < 3000, "the request deadline must not restart with every byte");
}

void HttpCoreTest::headAnswersWithoutBody()
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), m_port);
    QVERIFY(socket.waitForConnected(2000));
    socket.write("HEAD /items/7 HTTP/1.1\r\nHost: x\r\n\r\nGET /items/8 HTTP/1.1\r\nHost: x\r\n\r\n");
    QByteArray received;
    QDeadlineTimer deadline(3000);
    while (!received.contains("\"id\":\"8\"") && !deadline.hasExpired() && socket.waitForReadyRead(500))
        received += socket.readAll();
    const QList<QByteArray> answers = received.split('\n');
    QVERIFY2(received.startsWith("HTTP/1.1 200"), received.constData());
    QVERIFY2(!received.contains("\"id\":\"7\""), "HEAD must not send the body");
    QVERIFY(received.contains("Content-Length: 10")); // the GET body's length, announced
    QVERIFY2(received.contains("\"id\":\"8\""), "the next answer on the connection stays framed");
    Q_UNUSED(answers);
}

void HttpCoreTest::unansweredRequestsTimeOut()
{
    const auto response = request(m_port, "GET", "/hang", {}, {}, 5000);
    QCOMPARE(response.status, 503);
    QCOMPARE(response.header("retry-after"), QByteArray("1"));
    QCOMPARE(response.json().object().value(QStringLiteral("code")).toString(),
             QStringLiteral("service_unavailable"));
}

QTEST_GUILESS_MAIN(HttpCoreTest)
#include "tst_httpcore.moc"
