// The moderation page worked from the keyboard against a real in-process server: the queue oldest first,
// claim, approve and reject with single keys, a rejection without a reason stopped before anything is
// sent, letters typed into the reason never taken for commands, and the decisions landing on the server.
#include "console/api/apiclient.h"
#include "console/embedded/embeddedserver.h"
#include "console/moderation/moderationpage.h"
#include "console/session/session.h"
#include "console/session/tokenstore.h"
#include "tests/console/consoletest.h"
#include "tests/console/localserver.h"

#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace fd::console;
using fd::test::call;
using fd::test::child;

namespace {

const QString kAdminEmail = QStringLiteral("root@example.com");
const QString kPassword = QStringLiteral("correct horse battery");

} // namespace

class ModerationPageTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void theQueueIsWorkedFromTheKeyboard();

private:
    QString submittedProduct(const QString &name);

    QTemporaryDir m_dataDir;
    EmbeddedServer m_server;
    QUrl m_url;
    ApiClient m_seller; // signed in as the seller whose products wait
};

void ModerationPageTest::initTestCase()
{
    fd::test::isolateSettings("tst_moderationpage");
    QVERIFY(m_dataDir.isValid());
    m_url = fd::test::startLocalServer(m_server, m_dataDir, kAdminEmail, kPassword);
    QVERIFY(m_url.isValid());

    m_seller.setBaseUrl(m_url);
    const QString email = QStringLiteral("seller@example.com");
    QCOMPARE(call(m_seller, "POST", QStringLiteral("/api/v1/users"),
                  QJsonObject{{QStringLiteral("email"), email},
                              {QStringLiteral("password"), kPassword},
                              {QStringLiteral("account_type"), QStringLiteral("seller")}})
                 .status,
             201);
    const ApiResult tokens =
        call(m_seller, "POST", QStringLiteral("/api/v1/auth/token"),
             QJsonObject{{QStringLiteral("email"), email}, {QStringLiteral("password"), kPassword}});
    QVERIFY(tokens.ok());
    m_seller.setAccessToken(tokens.json.object().value(QStringLiteral("access_token")).toString().toLatin1());
}

void ModerationPageTest::cleanupTestCase()
{
    fd::test::stopLocalServer(m_server);
}

QString ModerationPageTest::submittedProduct(const QString &name)
{
    const ApiResult created = call(m_seller, "POST", QStringLiteral("/api/v1/inventory/"),
                                   QJsonObject{{QStringLiteral("name"), name},
                                               {QStringLiteral("price"), QStringLiteral("19.90")},
                                               {QStringLiteral("stock"), 5}});
    const QString id = created.json.object().value(QStringLiteral("id")).toString();
    if (!created.ok() || !call(m_seller, "POST", QStringLiteral("/api/v1/inventory/%1/submit").arg(id)).ok())
        return {};
    return id;
}

void ModerationPageTest::theQueueIsWorkedFromTheKeyboard()
{
    const QString first = submittedProduct(QStringLiteral("Canvas tote"));
    const QString second = submittedProduct(QStringLiteral("Blurry lamp"));
    QVERIFY(!first.isEmpty() && !second.isEmpty());

    ApiClient api;
    api.setBaseUrl(m_url);
    TokenStore tokens;
    Session session(&api, &tokens);
    session.signIn(kAdminEmail, kPassword);
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), Session::State::SignedIn, 20'000);

    ModerationPage page(&api, &session);
    QVERIFY(page.availableTo(QStringLiteral("moderator")));
    QVERIFY(!page.availableTo(QStringLiteral("seller")));
    QVERIFY(!page.availableTo(QStringLiteral("buyer")));
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *queue = child<QListWidget>(page, "moderationQueueList");
    auto *details = child<QLabel>(page, "moderationDetailsLabel");
    auto *reason = child<QLineEdit>(page, "rejectReasonEdit");
    auto *message = child<QLabel>(page, "moderationMessageLabel");
    QVERIFY(queue && details && reason && message);
    QTRY_COMPARE_WITH_TIMEOUT(queue->count(), 2, 10'000);
    QCOMPARE(queue->currentRow(), 0);
    QVERIFY(queue->item(0)->text().startsWith(QStringLiteral("Canvas tote"))); // oldest first
    // The shortcuts are on the buttons, where the user sees them.
    QVERIFY(child<QPushButton>(page, "approveButton")->text().contains(QStringLiteral("(A)")));

    queue->setFocus();
    QTest::keyClick(queue, Qt::Key_C);
    QTRY_VERIFY_WITH_TIMEOUT(details->text().contains(ModerationPage::tr("Claimed by you.")), 10'000);
    QTest::keyClick(queue, Qt::Key_A);
    QTRY_COMPARE_WITH_TIMEOUT(queue->count(), 1, 10'000);
    QVERIFY(queue->item(0)->text().startsWith(QStringLiteral("Blurry lamp")));

    // R without a reason: told in place, nothing sent, the cursor put where the reason goes.
    QSignalSpy sent(&api, &ApiClient::requestSent);
    queue->setFocus();
    QTest::keyClick(queue, Qt::Key_R);
    QVERIFY(message->isVisible());
    QCOMPARE(message->text(), ModerationPage::tr("Write the reason for the seller first."));
    QTRY_VERIFY(reason->hasFocus());
    QCOMPARE(sent.count(), 0);
    // Letters typed there are text, not commands (the reason has an a, a c and an r in it).
    QTest::keyClicks(reason, QStringLiteral("Photos are blurry; add a clear one"));
    QCOMPARE(sent.count(), 0);
    QCOMPARE(queue->count(), 1);
    QTest::keyClick(reason, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(queue->count(), 0, 10'000);
    QCOMPARE(details->text(), ModerationPage::tr("Nothing is waiting for review."));

    const QJsonObject approved = call(api, "GET", QStringLiteral("/api/v1/inventory/") + first).json.object();
    QCOMPARE(approved.value(QStringLiteral("status")).toString(), QStringLiteral("ACTIVE"));
    const QJsonObject rejected =
        call(api, "GET", QStringLiteral("/api/v1/inventory/") + second).json.object();
    QCOMPARE(rejected.value(QStringLiteral("status")).toString(), QStringLiteral("REJECTED"));
    QCOMPARE(rejected.value(QStringLiteral("rejection_reason")).toString(),
             QStringLiteral("Photos are blurry; add a clear one"));
}

QTEST_MAIN(ModerationPageTest)
#include "tst_moderationpage.moc"
