// Signing in and out against a real in-process server: refusals explained in the user's words and nothing
// sent for a form that cannot succeed, the role shown once signed in, tokens rotated before they lapse, a
// session the server ended noticed, and the keychain's absence told rather than hidden.
#include "console/api/apiclient.h"
#include "console/app/consolepage.h"
#include "console/app/mainwindow.h"
#include "console/embedded/embeddedserver.h"
#include "console/session/session.h"
#include "console/session/signinpage.h"
#include "console/session/tokenstore.h"
#include "tests/console/consoletest.h"
#include "tests/console/localserver.h"

#include <QFile>
#include <QGroupBox>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace fd::console;
using fd::test::child;

namespace {

const QString kAdminEmail = QStringLiteral("root@example.com");
const QString kAdminPassword = QStringLiteral("correct horse battery");

// A page only staff may use, as the moderation and users pages are.
class StaffPage : public ConsolePage
{
public:
    QString title() const override { return QStringLiteral("Staff only"); }
    bool availableTo(const QString &role) const override
    {
        return role == QLatin1StringView("admin") || role == QLatin1StringView("moderator");
    }
};

} // namespace

class SignInTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void incompleteFormsSendNothing();
    void wrongPasswordIsExplained();
    void signInShowsTheRoleAndSignOutEndsIt();
    void tokensRotateAndAnEndedSessionIsNoticed();
    void aLapsedTokenIsRenewedAndTheCallRepeated();
    void withoutAKeychainTheUserIsTold();
    void pagesFollowTheRole();

private:
    struct Widgets
    {
        explicit Widgets(QWidget &page)
            : email(child<QLineEdit>(page, "signInEmailEdit")),
              password(child<QLineEdit>(page, "signInPasswordEdit")),
              signIn(child<QPushButton>(page, "signInButton")),
              error(child<QLabel>(page, "signInErrorLabel")), signedIn(child<QLabel>(page, "signedInLabel")),
              signOut(child<QPushButton>(page, "signOutButton")),
              keychainNotice(child<QLabel>(page, "keychainNoticeLabel"))
        {}
        bool complete() const
        {
            return email && password && signIn && error && signedIn && signOut && keychainNotice;
        }
        QLineEdit *email;
        QLineEdit *password;
        QPushButton *signIn;
        QLabel *error;
        QLabel *signedIn;
        QPushButton *signOut;
        QLabel *keychainNotice;
    };

    // One console's worth: client, token store, session and the page on screen.
    struct Console
    {
        explicit Console(const QUrl &url)
            : session(&api, &tokens), page(&api, &session, &tokens), widgets(page)
        {
            api.setBaseUrl(url);
            page.show();
        }
        ApiClient api;
        TokenStore tokens;
        Session session;
        SignInPage page;
        Widgets widgets;
    };

    void signInWith(Widgets &widgets, const QString &email, const QString &password);

    QTemporaryDir m_dataDir;
    EmbeddedServer m_server;
    QUrl m_url;
};

void SignInTest::initTestCase()
{
    fd::test::isolateSettings("tst_signin");
    QVERIFY(m_dataDir.isValid());
    m_url = fd::test::startLocalServer(m_server, m_dataDir, kAdminEmail, kAdminPassword);
    QVERIFY(m_url.isValid());
}

void SignInTest::cleanupTestCase()
{
    fd::test::stopLocalServer(m_server);
}

void SignInTest::signInWith(Widgets &widgets, const QString &email, const QString &password)
{
    widgets.email->setText(email);
    widgets.password->setText(password);
    QTest::keyClick(widgets.password, Qt::Key_Return);
}

void SignInTest::incompleteFormsSendNothing()
{
    Console console(m_url);
    QVERIFY(QTest::qWaitForWindowExposed(&console.page));
    auto &[api, tokens, session, page, widgets] = console;
    QVERIFY(widgets.complete());
    QSignalSpy sent(&api, &ApiClient::requestSent);
    signInWith(widgets, QStringLiteral("not-an-address"), kAdminPassword);
    QVERIFY(widgets.error->isVisible());
    signInWith(widgets, kAdminEmail, QString());
    QVERIFY(widgets.error->isVisible());
    QTest::qWait(200);
    QCOMPARE(sent.count(), 0);
    QCOMPARE(session.state(), Session::State::SignedOut);
}

void SignInTest::wrongPasswordIsExplained()
{
    Console console(m_url);
    auto &[api, tokens, session, page, widgets] = console;
    QSignalSpy failed(&session, &Session::signInFailed);
    signInWith(widgets, kAdminEmail, QStringLiteral("not the password"));
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 20'000);
    QCOMPARE(failed.at(0).at(0).value<ApiError>().code, QStringLiteral("invalid_credentials"));
    // The page words it from the code, never from the server's text.
    QCOMPARE(widgets.error->text(), SignInPage::tr("Wrong email or password."));
    QVERIFY(widgets.error->isVisible());
    QCOMPARE(session.state(), Session::State::SignedOut);
    QVERIFY(!api.hasAccessToken());
    QVERIFY(widgets.signIn->isEnabled());
}

void SignInTest::signInShowsTheRoleAndSignOutEndsIt()
{
    Console console(m_url);
    auto &[api, tokens, session, page, widgets] = console;
    signInWith(widgets, kAdminEmail, kAdminPassword);
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), Session::State::SignedIn, 20'000);
    QCOMPARE(session.role(), QStringLiteral("admin"));
    QVERIFY(widgets.signedIn->isVisible());
    QVERIFY(widgets.signedIn->text().contains(kAdminEmail));
    QVERIFY(widgets.signedIn->text().contains(SignInPage::roleName(QStringLiteral("admin"))));
    QVERIFY(widgets.password->text().isEmpty()); // not kept on screen
    QVERIFY(!widgets.email->isVisible());

    // The token works for calls that need one.
    bool answered = false;
    api.getJson(QStringLiteral("/api/v1/admin/stats"), &page, [&](const ApiResult &result) {
        QVERIFY2(result.ok(), qPrintable(result.error ? result.error->detail : QString()));
        answered = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(answered, 10'000);

    QTest::mouseClick(widgets.signOut, Qt::LeftButton);
    QCOMPARE(session.state(), Session::State::SignedOut);
    QVERIFY(!api.hasAccessToken());
    QVERIFY(widgets.email->isVisible());
    QVERIFY(!widgets.signedIn->isVisible());
    QCOMPARE(widgets.email->text(), kAdminEmail);
}

void SignInTest::tokensRotateAndAnEndedSessionIsNoticed()
{
    Console console(m_url);
    auto &[api, tokens, session, page, widgets] = console;
    signInWith(widgets, kAdminEmail, kAdminPassword);
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), Session::State::SignedIn, 20'000);

    // A rotation keeps the session, and the server sees a working token afterwards.
    QSignalSpy sent(&api, &ApiClient::requestSent);
    session.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(!sent.isEmpty(), 5000);
    QTest::qWait(500);
    QCOMPARE(session.state(), Session::State::SignedIn);
    bool answered = false;
    api.getJson(QStringLiteral("/api/v1/users/me"), &page, [&](const ApiResult &result) {
        QVERIFY(result.ok());
        answered = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(answered, 10'000);

    // Signed out everywhere (from another console): this one's next rotation is refused, and it says so.
    bool loggedOutEverywhere = false;
    api.send("POST", QStringLiteral("/api/v1/auth/logout"), QJsonObject{{QStringLiteral("all"), true}}, &page,
             [&](const ApiResult &result) {
                 QVERIFY(result.ok());
                 loggedOutEverywhere = true;
             });
    QTRY_VERIFY_WITH_TIMEOUT(loggedOutEverywhere, 10'000);
    QSignalSpy expired(&session, &Session::expired);
    session.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(expired.count(), 1, 10'000);
    QCOMPARE(session.state(), Session::State::SignedOut);
    QCOMPARE(widgets.error->text(), SignInPage::tr("Your session has ended. Sign in again."));
    QVERIFY(widgets.error->isVisible());
}

void SignInTest::aLapsedTokenIsRenewedAndTheCallRepeated()
{
    Console console(m_url);
    auto &[api, tokens, session, page, widgets] = console;
    signInWith(widgets, kAdminEmail, kAdminPassword);
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), Session::State::SignedIn, 20'000);

    // As after a night asleep: the access token the client holds is no longer accepted.
    api.setAccessToken("lapsed.access.token");
    QSignalSpy sent(&api, &ApiClient::requestSent);
    std::optional<ApiResult> answer;
    api.getJson(QStringLiteral("/api/v1/users/me"), &page, [&](const ApiResult &result) { answer = result; });
    QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 10'000);
    QVERIFY2(answer->ok(), qPrintable(answer->error ? answer->error->detail : QString()));
    QCOMPARE(answer->json.object().value(QStringLiteral("email")).toString(), kAdminEmail);
    QStringList paths;
    for (const QList<QVariant> &request : std::as_const(sent))
        paths.append(request.at(0).toUrl().path());
    QCOMPARE(paths, (QStringList{QStringLiteral("/api/v1/users/me"), QStringLiteral("/api/v1/auth/refresh"),
                                 QStringLiteral("/api/v1/users/me")}));
    QCOMPARE(session.state(), Session::State::SignedIn);

    // When the session itself has ended, the call gets its 401 and the session says it ended.
    bool loggedOut = false;
    api.send("POST", QStringLiteral("/api/v1/auth/logout"), QJsonObject{{QStringLiteral("all"), true}}, &page,
             [&](const ApiResult &) { loggedOut = true; });
    QTRY_VERIFY_WITH_TIMEOUT(loggedOut, 10'000);
    api.setAccessToken("lapsed.access.token");
    QSignalSpy expired(&session, &Session::expired);
    answer.reset();
    api.getJson(QStringLiteral("/api/v1/users/me"), &page, [&](const ApiResult &result) { answer = result; });
    QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 10'000);
    QCOMPARE(answer->status, 401);
    QCOMPARE(expired.count(), 1);
    QCOMPARE(session.state(), Session::State::SignedOut);
}

void SignInTest::withoutAKeychainTheUserIsTold()
{
    // This test runs with a session bus address that leads nowhere (see CMakeLists.txt): no keychain
    // service, so the first write fails over to memory.
    Console console(m_url);
    auto &[api, tokens, session, page, widgets] = console;
    signInWith(widgets, kAdminEmail, kAdminPassword);
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), Session::State::SignedIn, 20'000);
    QTRY_VERIFY_WITH_TIMEOUT(!tokens.available(), 20'000);
    QVERIFY(widgets.keychainNotice->isVisible());
    // For as long as this console runs, the token is still there: another session resumes with it.
    Session resumed(&api, &tokens);
    resumed.resume(kAdminEmail);
    QTRY_COMPARE_WITH_TIMEOUT(resumed.state(), Session::State::SignedIn, 20'000);
    QCOMPARE(resumed.role(), QStringLiteral("admin"));
    // Signed out, it is gone: nothing to resume with.
    resumed.signOut();
    Session again(&api, &tokens);
    again.resume(kAdminEmail);
    QTRY_COMPARE_WITH_TIMEOUT(again.state(), Session::State::SignedOut, 10'000);
    QTest::qWait(300);
    QCOMPARE(again.state(), Session::State::SignedOut);
}

void SignInTest::pagesFollowTheRole()
{
    ApiClient api;
    api.setBaseUrl(m_url);
    TokenStore tokens;
    Session session(&api, &tokens);
    MainWindow window;
    auto *signIn = new SignInPage(&api, &session, &tokens);
    auto *staff = new StaffPage;
    window.addPage(signIn);
    window.addPage(staff);
    connect(&session, &Session::stateChanged, &window, [&] { window.setRole(session.role()); });
    window.show();
    auto *pages = child<QListWidget>(window, "pageList");
    QVERIFY(pages);
    QCOMPARE(pages->count(), 2);
    QVERIFY(pages->item(1)->isHidden()); // nobody signed in: not offered
    Widgets widgets(*signIn);
    signInWith(widgets, kAdminEmail, kAdminPassword);
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), Session::State::SignedIn, 20'000);
    QVERIFY(!pages->item(1)->isHidden());
    pages->setCurrentRow(1);
    QCOMPARE(child<QStackedWidget>(window, "pageStack")->currentWidget(), staff);
    // Signed out while on it: the page goes, and the window falls back to one still offered.
    session.signOut();
    QVERIFY(pages->item(1)->isHidden());
    QCOMPARE(pages->currentRow(), 0);
    QCOMPARE(child<QStackedWidget>(window, "pageStack")->currentWidget(), signIn);
}

QTEST_MAIN(SignInTest)
#include "tst_signin.moc"
