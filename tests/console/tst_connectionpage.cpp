// The connection page against a real in-process server: readiness and each check shown, the loss of the
// server shown in place, and typos caught before anything goes on the wire.
#include "console/api/apiclient.h"
#include "console/app/mainwindow.h"
#include "console/embedded/embeddedserver.h"
#include "console/ops/connectionpage.h"
#include "console/ops/healthpanel.h"
#include "tests/console/consoletest.h"

#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace fd::console;
using fd::test::child;

namespace {

// The server's own value of a check (not its translated display), or an empty string when it is not listed.
QString checkState(const QTableWidget &table, const QString &name)
{
    for (int row = 0; row < table.rowCount(); ++row) {
        const QTableWidgetItem *check = table.item(row, 0);
        if (check && check->data(Qt::UserRole).toString() == name && table.item(row, 1))
            return table.item(row, 1)->data(Qt::UserRole).toString();
    }
    return {};
}

// Widgets the tests drive, looked up by object name as a user would find them by label.
struct PageWidgets
{
    explicit PageWidgets(QWidget &root)
        : url(child<QLineEdit>(root, "serverUrlEdit")), connect(child<QPushButton>(root, "connectButton")),
          urlMessage(child<QLabel>(root, "serverUrlMessageLabel")),
          health(child<HealthPanel>(root, "healthPanel")),
          checks(child<QTableWidget>(root, "healthChecksTable")),
          healthError(child<QLabel>(root, "healthErrorLabel"))
    {}
    bool complete() const { return url && connect && urlMessage && health && checks && healthError; }

    QLineEdit *url;
    QPushButton *connect;
    QLabel *urlMessage;
    HealthPanel *health;
    QTableWidget *checks;
    QLabel *healthError;
};

} // namespace

class ConnectionPageTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void malformedUrlIsRejectedWithoutARequest_data();
    void malformedUrlIsRejectedWithoutARequest();
    void refusedConnectionIsShownInPlaceAndUrlRemembered();
    void silentServerTimesOut();
    void showsReadinessThenTheLossOfTheServer();
};

void ConnectionPageTest::initTestCase()
{
    fd::test::isolateSettings("tst_connectionpage");
}

void ConnectionPageTest::init()
{
    // A remembered server is connected to at start; each test chooses its own.
    QSettings().remove(QStringLiteral("connection/serverUrl"));
}

void ConnectionPageTest::malformedUrlIsRejectedWithoutARequest_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("words") << QStringLiteral("not a url");
    QTest::newRow("no scheme") << QStringLiteral("localhost:8080");
    QTest::newRow("other scheme") << QStringLiteral("ftp://example.com");
    QTest::newRow("no host") << QStringLiteral("http://");
    QTest::newRow("space in host") << QStringLiteral("http://exa mple.com");
    QTest::newRow("query") << QStringLiteral("http://127.0.0.1:8080/?x=1");
}

void ConnectionPageTest::malformedUrlIsRejectedWithoutARequest()
{
    QFETCH(QString, text);
    ApiClient api;
    QSignalSpy sent(&api, &ApiClient::requestSent);
    ConnectionPage page(&api, nullptr);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    PageWidgets widgets(page);
    QVERIFY(widgets.complete());

    widgets.url->setText(text);
    QTest::mouseClick(widgets.connect, Qt::LeftButton);

    QVERIFY(!widgets.urlMessage->isHidden());
    QVERIFY(!widgets.urlMessage->text().isEmpty());
    QVERIFY(!page.isConnected());
    QTest::qWait(200); // room for anything wrongly queued to show up
    QCOMPARE(sent.count(), 0);
    QCOMPARE(widgets.health->state(), HealthPanel::State::Idle);
}

void ConnectionPageTest::refusedConnectionIsShownInPlaceAndUrlRemembered()
{
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const QString refused = QStringLiteral("http://127.0.0.1:1");
    {
        ApiClient api;
        ConnectionPage page(&api, nullptr);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        PageWidgets widgets(page);
        QVERIFY(widgets.complete());
        widgets.url->setText(refused);
        QTest::mouseClick(widgets.connect, Qt::LeftButton);
        QVERIFY(widgets.urlMessage->isHidden());
        QTRY_COMPARE(widgets.health->state(), HealthPanel::State::Unreachable);
        QVERIFY(!widgets.healthError->isHidden());
        QVERIFY(!widgets.healthError->text().isEmpty());
    }
    // The next start shows the address and connects to it by itself.
    ApiClient api;
    ConnectionPage page(&api, nullptr);
    PageWidgets widgets(page);
    QCOMPARE(widgets.url->text(), refused);
    QTRY_VERIFY(page.isConnected());
    QCOMPARE(api.baseUrl(), QUrl(refused));
    QTRY_COMPARE(widgets.health->state(), HealthPanel::State::Unreachable);
}

void ConnectionPageTest::silentServerTimesOut()
{
    // Accepts connections and never answers: only the client's timeout can end the call.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    ApiClient api;
    api.setTimeoutMs(300);
    ConnectionPage page(&api, nullptr);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    PageWidgets widgets(page);
    QVERIFY(widgets.complete());

    widgets.url->setText(QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort()));
    QTest::mouseClick(widgets.connect, Qt::LeftButton);
    QCOMPARE(widgets.health->state(), HealthPanel::State::Checking); // the GUI did not wait for the answer
    QTRY_COMPARE(widgets.health->state(), HealthPanel::State::Unreachable);
    QVERIFY(!widgets.healthError->text().isEmpty());
}

void ConnectionPageTest::showsReadinessThenTheLossOfTheServer()
{
    QTemporaryDir dataDir; // under /tmp
    QVERIFY(dataDir.isValid());
    // As root the server runs PostgreSQL as an unprivileged user, who must be able to enter this directory.
    QVERIFY(QFile::setPermissions(dataDir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                                      QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther |
                                                      QFile::ExeOther));
    fd::app::Config config;
    config.dataDir = dataDir.path();
    config.listenPort = 0;
    config.threads = 1;
    config.dbPoolSize = 2;
    config.shutdownGraceMs = 2000;

    EmbeddedServer server;
    QSignalSpy started(&server, &EmbeddedServer::started);
    QSignalSpy failed(&server, &EmbeddedServer::failed);
    QVERIFY(server.start(config));
    QCOMPARE(server.state(), EmbeddedServer::State::Starting);
    QTRY_VERIFY_WITH_TIMEOUT(!started.isEmpty() || !failed.isEmpty(), 60'000);
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
    const QUrl url = started.at(0).at(0).toUrl();
    QVERIFY(url.isValid());
    QCOMPARE(server.state(), EmbeddedServer::State::Running);
    QVERIFY(server.createdAdmin().has_value()); // a fresh data directory gets its first administrator

    ApiClient api;
    EmbeddedServer idleLocalServer;
    MainWindow window;
    auto *page = new ConnectionPage(&api, &idleLocalServer);
    window.addPage(page);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    PageWidgets widgets(window);
    QVERIFY(widgets.complete());

    widgets.url->setText(url.toString());
    QTest::mouseClick(widgets.connect, Qt::LeftButton);
    // Redis connects a moment after the server starts serving, so the first report may still say "not ready".
    QTRY_COMPARE_WITH_TIMEOUT(widgets.health->state(), HealthPanel::State::Ready, 30'000);
    QCOMPARE(checkState(*widgets.checks, QStringLiteral("postgresql")), QStringLiteral("ok"));
    QCOMPARE(checkState(*widgets.checks, QStringLiteral("redis")), QStringLiteral("ok"));
    QVERIFY(widgets.healthError->isHidden());
    if (const QString screenshot = qEnvironmentVariable("FD_CONSOLE_SCREENSHOT"); !screenshot.isEmpty())
        QVERIFY(window.grab().save(screenshot));

    QSignalSpy stopped(&server, &EmbeddedServer::stopped);
    server.stop();
    QVERIFY(stopped.wait(30'000));
    QCOMPARE(server.state(), EmbeddedServer::State::Stopped);
    QTRY_COMPARE_WITH_TIMEOUT(widgets.health->state(), HealthPanel::State::Unreachable,
                              3 * ConnectionPage::kRefreshIntervalMs);
    QVERIFY(!widgets.healthError->isHidden());
    QVERIFY(!widgets.healthError->text().isEmpty());
    QCOMPARE(widgets.checks->rowCount(), 0);
    QVERIFY(page->isConnected()); // still watching, so a restarted server would show up again
}

QTEST_MAIN(ConnectionPageTest)
#include "tst_connectionpage.moc"
