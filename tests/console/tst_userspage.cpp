// The users page against a real in-process server: search and filters narrow the list to exactly the
// matching accounts (typing asks once, a quick change of filters never mixes two lists), the list pages
// as it scrolls, an admin's role change, verification, deactivation (asked first; declining changes
// nothing) and reactivation land on the server, a change over someone else's is refused, upgrade requests
// are approved and rejected, a moderator reads without any control to change things, and nobody else is
// offered the page.
#include "console/api/apiclient.h"
#include "console/app/consolepages.h"
#include "console/app/mainwindow.h"
#include "console/app/pagedtablemodel.h"
#include "console/embedded/embeddedserver.h"
#include "console/session/session.h"
#include "console/session/tokenstore.h"
#include "console/users/upgraderequestspanel.h"
#include "console/users/usereditor.h"
#include "console/users/userroles.h"
#include "console/users/userspage.h"
#include "console/users/usertablemodel.h"
#include "tests/console/consoletest.h"
#include "tests/console/localserver.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>
#include <QUuid>

#include <memory>
#include <optional>

using namespace fd::console;
using fd::test::call;
using fd::test::cellOf;
using fd::test::child;
using fd::test::keysIn;
using fd::test::selectRowNamed;

namespace {

const QString kAdminEmail = QStringLiteral("root@example.com");
const QString kModeratorEmail = QStringLiteral("mira.moderator@shop.test");
const QString kPassword = QStringLiteral("correct horse battery");

// Who the tests find in the list, as the API describes them after the set-up.
struct Account
{
    QString email;
    QString role;
    bool verified;
};
const Account kAccounts[] = {
    {QStringLiteral("alice.buyer@shop.test"), QStringLiteral("buyer"), false},
    {QStringLiteral("alan.buyer@shop.test"), QStringLiteral("buyer"), false},
    {QStringLiteral("bella.seller@shop.test"), QStringLiteral("seller"), false},
    {QStringLiteral("carl.seller@shop.test"), QStringLiteral("seller"), true},
    {QStringLiteral("dora.buyer@shop.test"), QStringLiteral("buyer"), false},
    {QStringLiteral("erin.buyer@shop.test"), QStringLiteral("buyer"), false},
    {QStringLiteral("finn.buyer@shop.test"), QStringLiteral("buyer"), false},
    {QStringLiteral("gus.buyer@shop.test"), QStringLiteral("buyer"), false},
    {kModeratorEmail, QStringLiteral("moderator"), false},
};

QStringList expected(const std::function<bool(const Account &)> &matches)
{
    QStringList emails;
    for (const Account &account : kAccounts) {
        if (matches(account))
            emails.append(account.email);
    }
    emails.sort();
    return emails;
}

int sentTo(const QSignalSpy &sent, const QString &pathPart)
{
    int count = 0;
    for (const QList<QVariant> &arguments : sent) {
        if (arguments.at(0).toUrl().toString().contains(pathPart))
            ++count;
    }
    return count;
}

} // namespace

class UsersPageTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void offeredToStaffOnly();
    void searchAndFiltersNarrowTheList();
    void theListPagesAsItScrolls();
    void anAdminChangesAnAccount();
    void deactivationIsAskedFirst();
    void aChangeOverSomeoneElsesIsRefused();
    void upgradeRequestsAreDecided();
    void aModeratorOnlyReads();
    void aFailedListOffersRetry();

private:
    QString idOf(const QString &email);
    QJsonObject stored(const QString &email);
    // A signed-in session of its own for a page.
    struct Signed
    {
        ApiClient api;
        TokenStore tokens;
        std::optional<Session> session;
    };
    std::unique_ptr<Signed> signIn(const QString &email);

    QTemporaryDir m_dataDir;
    EmbeddedServer m_server;
    QUrl m_url;
    ApiClient m_admin; // the tests' own view of the server
    std::unique_ptr<Signed> m_adminSession;
};

void UsersPageTest::initTestCase()
{
    fd::test::isolateSettings("tst_userspage");
    QVERIFY(m_dataDir.isValid());
    m_url = fd::test::startLocalServer(m_server, m_dataDir, kAdminEmail, kPassword, fd::test::relaxLimits);
    QVERIFY(m_url.isValid());
    m_admin.setBaseUrl(m_url);
    QVERIFY(fd::test::signInApi(m_admin, kAdminEmail, kPassword));

    for (const Account &account : kAccounts) {
        const bool seller = account.role == QLatin1StringView("seller");
        QCOMPARE(call(m_admin, "POST", QStringLiteral("/api/v1/users"),
                      QJsonObject{{QStringLiteral("email"), account.email},
                                  {QStringLiteral("password"), kPassword},
                                  {QStringLiteral("account_type"),
                                   seller ? QStringLiteral("seller") : QStringLiteral("buyer")}})
                     .status,
                 201);
        QJsonObject change;
        if (account.verified)
            change.insert(QStringLiteral("is_verified"), true);
        if (account.role == QLatin1StringView("moderator"))
            change.insert(QStringLiteral("role"), account.role);
        if (!change.isEmpty())
            QVERIFY(
                call(m_admin, "PATCH", QStringLiteral("/api/v1/admin/users/") + idOf(account.email), change)
                    .ok());
    }
    m_adminSession = signIn(kAdminEmail);
    QVERIFY(m_adminSession);
}

void UsersPageTest::cleanupTestCase()
{
    m_adminSession.reset();
    fd::test::stopLocalServer(m_server);
}

QString UsersPageTest::idOf(const QString &email)
{
    const QJsonArray found =
        call(m_admin, "GET",
             QStringLiteral("/api/v1/admin/users?q=") + QString::fromLatin1(QUrl::toPercentEncoding(email)))
            .json.object()
            .value(QStringLiteral("items"))
            .toArray();
    return found.size() == 1 ? found.first().toObject().value(QStringLiteral("id")).toString() : QString();
}

QJsonObject UsersPageTest::stored(const QString &email)
{
    return call(m_admin, "GET", QStringLiteral("/api/v1/admin/users/") + idOf(email)).json.object();
}

std::unique_ptr<UsersPageTest::Signed> UsersPageTest::signIn(const QString &email)
{
    auto signedIn = std::make_unique<Signed>();
    signedIn->api.setBaseUrl(m_url);
    signedIn->session.emplace(&signedIn->api, &signedIn->tokens);
    signedIn->session->signIn(email, kPassword);
    if (!QTest::qWaitFor([&] { return signedIn->session->state() == Session::State::SignedIn; }, 20'000))
        return {};
    return signedIn;
}

void UsersPageTest::offeredToStaffOnly()
{
    UsersPage page(&m_admin, &*m_adminSession->session);
    QVERIFY(page.availableTo(QStringLiteral("admin")));
    QVERIFY(page.availableTo(QStringLiteral("moderator")));
    for (const char *role : {"seller", "seller_b2b", "buyer", "user_b2b", ""})
        QVERIFY2(!page.availableTo(QString::fromLatin1(role)), role);

    // In the window: a buyer is not offered the page at all.
    ApiClient api;
    EmbeddedServer idleLocalServer;
    TokenStore tokens;
    Session session(&api, &tokens);
    MainWindow window;
    addConsolePages(window, &api, &idleLocalServer, &session, &tokens);
    const auto offered = [&](const QString &role) {
        return fd::test::offeredInWindow(window, UsersPage::tr("Users"), role);
    };
    QVERIFY(!offered(QStringLiteral("buyer")));
    QVERIFY(!offered(QStringLiteral("seller")));
    QVERIFY(offered(QStringLiteral("moderator")));
    QVERIFY(offered(QStringLiteral("admin")));
}

void UsersPageTest::searchAndFiltersNarrowTheList()
{
    ApiClient &api = m_adminSession->api;
    UsersPage page(&api, &*m_adminSession->session);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *table = child<QTableView>(page, "userTable");
    auto *search = child<QLineEdit>(page, "userSearchEdit");
    auto *role = child<QComboBox>(page, "roleFilterCombo");
    auto *active = child<QComboBox>(page, "activeFilterCombo");
    auto *verified = child<QComboBox>(page, "verifiedFilterCombo");
    QVERIFY(table && search && role && active && verified);
    QStringList everyone = expected([](const Account &) { return true; });
    everyone.append(kAdminEmail);
    everyone.sort();
    QTRY_COMPARE_WITH_TIMEOUT(keysIn(table), everyone, 10'000);

    // Typing asks once, after the pause, and the list holds exactly the matching accounts.
    QSignalSpy sent(&api, &ApiClient::requestSent);
    QTest::keyClicks(search, QStringLiteral("AL"));
    QTRY_COMPARE_WITH_TIMEOUT(
        keysIn(table),
        (QStringList{QStringLiteral("alan.buyer@shop.test"), QStringLiteral("alice.buyer@shop.test")}),
        10'000);
    QCOMPARE(sentTo(sent, QStringLiteral("/admin/users?")), 1);
    QTest::keyClicks(search, QStringLiteral("ice"));
    QTRY_COMPARE_WITH_TIMEOUT(keysIn(table), QStringList{QStringLiteral("alice.buyer@shop.test")}, 10'000);
    search->clear();

    // What is typed is what is searched: "%41" is no "A", "+" no space and "&" no new parameter.
    sent.clear();
    QTest::keyClicks(search, QStringLiteral("%41+ &x"));
    QTRY_COMPARE_WITH_TIMEOUT(sentTo(sent, QStringLiteral("/admin/users?")), 1, 10'000);
    const QUrlQuery asked(sent.last().at(0).toUrl().query(QUrl::FullyEncoded));
    QCOMPARE(asked.queryItemValue(QStringLiteral("q"), QUrl::FullyDecoded), QStringLiteral("%41+ &x"));
    QTRY_COMPARE_WITH_TIMEOUT(keysIn(table), QStringList(), 10'000);
    search->clear();

    role->setCurrentIndex(role->findData(QStringLiteral("seller")));
    QTRY_COMPARE_WITH_TIMEOUT(
        keysIn(table), expected([](const Account &a) { return a.role == QLatin1StringView("seller"); }),
        10'000);
    QCOMPARE(cellOf(table, QStringLiteral("carl.seller@shop.test"), 1),
             UserRoles::name(QStringLiteral("seller")));
    verified->setCurrentIndex(verified->findData(QStringLiteral("false")));
    QTRY_COMPARE_WITH_TIMEOUT(keysIn(table), QStringList{QStringLiteral("bella.seller@shop.test")}, 10'000);
    verified->setCurrentIndex(verified->findData(QStringLiteral("true")));
    QTRY_COMPARE_WITH_TIMEOUT(keysIn(table), QStringList{QStringLiteral("carl.seller@shop.test")}, 10'000);
    QCOMPARE(cellOf(table, QStringLiteral("carl.seller@shop.test"), 2), UserTableModel::tr("Yes"));
    verified->setCurrentIndex(0);

    // Two filters in quick succession: only the last one's list is shown, never a mix.
    sent.clear();
    role->setCurrentIndex(role->findData(QStringLiteral("moderator")));
    role->setCurrentIndex(role->findData(QStringLiteral("buyer")));
    QTRY_COMPARE_WITH_TIMEOUT(keysIn(table),
                              expected([](const Account &a) { return a.role == QLatin1StringView("buyer"); }),
                              10'000);
    QCOMPARE(sentTo(sent, QStringLiteral("/admin/users?")), 2);
    QTest::qWait(200);
    QCOMPARE(keysIn(table), expected([](const Account &a) { return a.role == QLatin1StringView("buyer"); }));

    // Nothing matches: an empty list, said in the status bar.
    QSignalSpy status(&page, &ConsolePage::statusMessage);
    search->setText(QStringLiteral("nobody-here"));
    QTest::keyClick(search, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(!status.isEmpty() && table->model()->rowCount() == 0, 10'000);
    QCOMPARE(status.last().at(0).toString(), UsersPage::tr("%n user(s) listed.", nullptr, 0));
}

void UsersPageTest::theListPagesAsItScrolls()
{
    ApiClient &api = m_adminSession->api;
    UsersPage page(&api, &*m_adminSession->session);
    auto *table = child<QTableView>(page, "userTable");
    auto *model = qobject_cast<PagedTableModel *>(table->model());
    QVERIFY(model);
    model->setPageSize(2);
    table->setFixedHeight(120); // a few rows fit: the rest come as the list scrolls
    QSignalSpy sent(&api, &ApiClient::requestSent);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    const int everyone = int(std::size(kAccounts)) + 1;
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() >= 2 && !model->isLoading(), 10'000);
    for (int scrolls = 0; scrolls < everyone && model->rowCount() < everyone; ++scrolls) {
        table->scrollToBottom();
        QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading(), 10'000);
        QTest::qWait(20);
    }
    QCOMPARE(model->rowCount(), everyone);
    QVERIFY(!model->hasMore());
    QVERIFY(sentTo(sent, QStringLiteral("/admin/users?")) >= everyone / 2);
    QCOMPARE(keysIn(table).removeDuplicates(), 0);
    // The oldest account (the administrator) came last; its role still fits its column.
    QTRY_VERIFY(table->horizontalHeader()->sectionSize(UserTableModel::RoleColumn) >
                table->fontMetrics().horizontalAdvance(UserRoles::name(QStringLiteral("admin"))));
}

void UsersPageTest::anAdminChangesAnAccount()
{
    UsersPage page(&m_adminSession->api, &*m_adminSession->session);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *table = child<QTableView>(page, "userTable");
    auto *search = child<QLineEdit>(page, "userSearchEdit");
    auto *roleCombo = child<QComboBox>(page, "userRoleCombo");
    auto *verify = child<QCheckBox>(page, "userVerifiedCheck");
    auto *save = child<QPushButton>(page, "saveUserButton");
    auto *message = child<QLabel>(page, "userMessageLabel");
    QVERIFY(table && search && roleCombo && verify && save && message);
    QCOMPARE(child<QTabWidget>(page, "usersTabs")->count(), 2);

    const QString alan = QStringLiteral("alan.buyer@shop.test");
    search->setText(alan);
    QTest::keyClick(search, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(keysIn(table), QStringList{alan}, 10'000);
    QVERIFY(selectRowNamed(table, alan));
    QTRY_VERIFY_WITH_TIMEOUT(save->isEnabled(), 10'000); // once the account's current state is read
    QCOMPARE(child<QLabel>(page, "userTitleLabel")->text(), alan);
    QVERIFY(child<QWidget>(page, "userEditControls")->isVisible());

    // Unchanged: nothing to send.
    QSignalSpy sent(&m_adminSession->api, &ApiClient::requestSent);
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(message->text(), UserEditor::tr("Nothing has changed."));
    QCOMPARE(sent.count(), 0);

    roleCombo->setCurrentIndex(roleCombo->findData(QStringLiteral("seller")));
    verify->setChecked(true);
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(message->text(), UserEditor::tr("Saved."), 10'000);
    // The row shows the server's answer...
    QCOMPARE(cellOf(table, alan, 1), UserRoles::name(QStringLiteral("seller")));
    QCOMPARE(cellOf(table, alan, 2), UserTableModel::tr("Yes"));
    // ...which is what the server keeps.
    const QJsonObject after = stored(alan);
    QCOMPARE(after.value(QStringLiteral("role")).toString(), QStringLiteral("seller"));
    QCOMPARE(after.value(QStringLiteral("is_verified")).toBool(), true);

    // Admins cannot demote themselves: the server's refusal is told in the page's words.
    search->setText(kAdminEmail);
    QTest::keyClick(search, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(keysIn(table), QStringList{kAdminEmail}, 10'000);
    QVERIFY(selectRowNamed(table, kAdminEmail));
    QTRY_VERIFY_WITH_TIMEOUT(save->isEnabled(), 10'000);
    roleCombo->setCurrentIndex(roleCombo->findData(QStringLiteral("buyer")));
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(message->text(),
                              UserEditor::tr("You cannot deactivate your own account or change its role; ask "
                                             "another administrator."),
                              10'000);
    QCOMPARE(roleCombo->currentData().toString(), QStringLiteral("admin")); // back to what it is
    QCOMPARE(stored(kAdminEmail).value(QStringLiteral("role")).toString(), QStringLiteral("admin"));
}

void UsersPageTest::deactivationIsAskedFirst()
{
    const QString dora = QStringLiteral("dora.buyer@shop.test");
    ApiClient doraApi; // Dora's own session, which deactivation must end
    doraApi.setBaseUrl(m_url);
    const ApiResult doraTokens =
        call(doraApi, "POST", QStringLiteral("/api/v1/auth/token"),
             QJsonObject{{QStringLiteral("email"), dora}, {QStringLiteral("password"), kPassword}});
    QVERIFY(doraTokens.ok());
    doraApi.setAccessToken(
        doraTokens.json.object().value(QStringLiteral("access_token")).toString().toLatin1());
    const QJsonObject doraRefresh{
        {QStringLiteral("refresh_token"), doraTokens.json.object().value(QStringLiteral("refresh_token"))}};
    QCOMPARE(call(doraApi, "GET", QStringLiteral("/api/v1/users/me")).status, 200);

    UsersPage page(&m_adminSession->api, &*m_adminSession->session);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *table = child<QTableView>(page, "userTable");
    auto *search = child<QLineEdit>(page, "userSearchEdit");
    auto *activeButton = child<QPushButton>(page, "userActiveButton");
    auto *message = child<QLabel>(page, "userMessageLabel");
    search->setText(dora);
    QTest::keyClick(search, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(keysIn(table), QStringList{dora}, 10'000);
    QVERIFY(selectRowNamed(table, dora));
    QTRY_VERIFY_WITH_TIMEOUT(activeButton->isEnabled(), 10'000);
    QCOMPARE(activeButton->text(), UserEditor::tr("&Deactivate…"));

    // Declined: the question said what happens, and nothing was sent.
    QSignalSpy sent(&m_adminSession->api, &ApiClient::requestSent);
    QTest::mouseClick(activeButton, Qt::LeftButton);
    QPointer<QMessageBox> box = page.findChild<QMessageBox *>(QStringLiteral("deactivateConfirmation"));
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QVERIFY(box->text().contains(dora));
    QVERIFY(box->text().contains(QStringLiteral("sessions and API keys are revoked at once")));
    box->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY(!box);
    QTest::qWait(100);
    QCOMPARE(sent.count(), 0);
    QCOMPARE(stored(dora).value(QStringLiteral("is_active")).toBool(), true);
    QCOMPARE(cellOf(table, dora, 3), UserTableModel::tr("Yes"));
    QCOMPARE(call(doraApi, "GET", QStringLiteral("/api/v1/users/me")).status, 200);

    // Accepted: the account is inactive at once and its session no longer works.
    QTest::mouseClick(activeButton, Qt::LeftButton);
    box = page.findChild<QMessageBox *>(QStringLiteral("deactivateConfirmation"));
    QVERIFY(box);
    box->button(QMessageBox::Yes)->click();
    QTRY_COMPARE_WITH_TIMEOUT(cellOf(table, dora, 3), UserTableModel::tr("No"), 10'000);
    QCOMPARE(message->text(), UserEditor::tr("Deactivated: its sessions and API keys are revoked."));
    QCOMPARE(stored(dora).value(QStringLiteral("is_active")).toBool(), false);
    const ApiResult refused = call(doraApi, "GET", QStringLiteral("/api/v1/users/me"));
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error->errorCode(), fd::ErrorCode::AccountDisabled);
    QCOMPARE(activeButton->text(), UserEditor::tr("Re&activate"));

    // The filter for inactive accounts finds her.
    auto *active = child<QComboBox>(page, "activeFilterCombo");
    search->clear();
    active->setCurrentIndex(active->findData(QStringLiteral("false")));
    QTRY_COMPARE_WITH_TIMEOUT(keysIn(table), QStringList{dora}, 10'000);

    // Reactivation needs no question.
    QTRY_VERIFY_WITH_TIMEOUT(activeButton->isEnabled(), 10'000);
    QTest::mouseClick(activeButton, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(cellOf(table, dora, 3), UserTableModel::tr("Yes"), 10'000);
    QVERIFY(!page.findChild<QMessageBox *>());
    QCOMPARE(stored(dora).value(QStringLiteral("is_active")).toBool(), true);
    // Her session ended for good: back, she signs in anew.
    QVERIFY(!call(doraApi, "POST", QStringLiteral("/api/v1/auth/refresh"), doraRefresh).ok());
    QVERIFY(fd::test::signInApi(doraApi, dora, kPassword));
    QCOMPARE(call(doraApi, "GET", QStringLiteral("/api/v1/users/me")).status, 200);
}

void UsersPageTest::aChangeOverSomeoneElsesIsRefused()
{
    const QString gus = QStringLiteral("gus.buyer@shop.test");
    UsersPage page(&m_adminSession->api, &*m_adminSession->session);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *table = child<QTableView>(page, "userTable");
    auto *search = child<QLineEdit>(page, "userSearchEdit");
    auto *verify = child<QCheckBox>(page, "userVerifiedCheck");
    auto *save = child<QPushButton>(page, "saveUserButton");
    auto *message = child<QLabel>(page, "userMessageLabel");
    search->setText(gus);
    QTest::keyClick(search, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(keysIn(table), QStringList{gus}, 10'000);
    QVERIFY(selectRowNamed(table, gus));
    QTRY_VERIFY_WITH_TIMEOUT(save->isEnabled(), 10'000);

    // Another admin makes Gus a seller after the page read him; this page then only meant to verify him.
    QVERIFY(call(m_admin, "PATCH", QStringLiteral("/api/v1/admin/users/") + idOf(gus),
                 QJsonObject{{QStringLiteral("role"), QStringLiteral("seller")}})
                .ok());
    verify->setChecked(true);
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(message->text(),
                              UserEditor::tr("Someone else changed this account meanwhile. Its current state "
                                             "is shown; make your change again."),
                              10'000);
    QCOMPARE(stored(gus).value(QStringLiteral("is_verified")).toBool(), false);
    // The page now shows what the other admin did, and the change goes through when made again.
    QTRY_COMPARE_WITH_TIMEOUT(cellOf(table, gus, 1), UserRoles::name(QStringLiteral("seller")), 10'000);
    QTRY_VERIFY_WITH_TIMEOUT(save->isEnabled() && !verify->isChecked(), 10'000);
    verify->setChecked(true);
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(message->text(), UserEditor::tr("Saved."), 10'000);
    const QJsonObject after = stored(gus);
    QCOMPARE(after.value(QStringLiteral("is_verified")).toBool(), true);
    QCOMPARE(after.value(QStringLiteral("role")).toString(), QStringLiteral("seller"));
}

void UsersPageTest::upgradeRequestsAreDecided()
{
    const QString erin = QStringLiteral("erin.buyer@shop.test");
    const QString finn = QStringLiteral("finn.buyer@shop.test");
    for (const auto &[email, role] :
         {std::pair(erin, QStringLiteral("seller")), std::pair(finn, QStringLiteral("seller_b2b"))}) {
        ApiClient asker;
        asker.setBaseUrl(m_url);
        QVERIFY(fd::test::signInApi(asker, email, kPassword));
        QCOMPARE(call(asker, "POST", QStringLiteral("/api/v1/users/me/upgrade-requests"),
                      QJsonObject{{QStringLiteral("requested_role"), role},
                                  {QStringLiteral("message"), QStringLiteral("I make things to sell.")}})
                     .status,
                 201);
    }

    ApiClient &api = m_adminSession->api;
    UsersPage page(&api, &*m_adminSession->session);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *tabs = child<QTabWidget>(page, "usersTabs");
    auto *users = child<QTableView>(page, "userTable");
    auto *search = child<QLineEdit>(page, "userSearchEdit");
    auto *panel = child<UpgradeRequestsPanel>(page, "upgradeRequestsPanel");
    auto *requests = child<QTableView>(page, "upgradeRequestTable");
    auto *reason = child<QLineEdit>(page, "upgradeReasonEdit");
    auto *approve = child<QPushButton>(page, "approveUpgradeButton");
    auto *reject = child<QPushButton>(page, "rejectUpgradeButton");
    auto *message = child<QLabel>(page, "upgradeMessageLabel");
    QVERIFY(tabs && users && panel && requests && reason && approve && reject && message);
    // Erin's row is on the accounts tab, to see it follow the decision.
    search->setText(erin);
    QTest::keyClick(search, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(keysIn(users), QStringList{erin}, 10'000);

    tabs->setCurrentWidget(panel);
    QTRY_COMPARE_WITH_TIMEOUT(keysIn(requests), (QStringList{erin, finn}), 10'000);
    QVERIFY(!approve->isEnabled()); // nothing chosen yet
    QVERIFY(selectRowNamed(requests, erin));
    QVERIFY(child<QLabel>(page, "upgradeDetailsLabel")
                ->text()
                .contains(QStringLiteral("I make things to sell.")));
    QTest::mouseClick(approve, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(keysIn(requests), QStringList{finn}, 10'000);
    QCOMPARE(message->text(), UpgradeRequestsPanel::tr("Approved: %1 is now %2 and verified.")
                                  .arg(erin, UserRoles::name(QStringLiteral("seller"))));
    QJsonObject erinNow = stored(erin);
    QCOMPARE(erinNow.value(QStringLiteral("role")).toString(), QStringLiteral("seller"));
    QCOMPARE(erinNow.value(QStringLiteral("is_verified")).toBool(), true);
    QTRY_COMPARE_WITH_TIMEOUT(cellOf(users, erin, 1), UserRoles::name(QStringLiteral("seller")), 10'000);

    // A rejection without a reason is stopped before anything is sent.
    QVERIFY(selectRowNamed(requests, finn));
    QSignalSpy sent(&api, &ApiClient::requestSent);
    QTest::mouseClick(reject, Qt::LeftButton);
    QCOMPARE(message->text(), UpgradeRequestsPanel::tr("Write the reason for the user first."));
    QTRY_VERIFY(reason->hasFocus());
    QCOMPARE(sent.count(), 0);
    QTest::keyClicks(reason, QStringLiteral("Show us your shop first"));
    QTest::keyClick(reason, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(requests->model()->rowCount(), 0, 10'000);
    QCOMPARE(message->text(), UpgradeRequestsPanel::tr("Rejected: %1 is shown your reason.").arg(finn));
    QCOMPARE(stored(finn).value(QStringLiteral("role")).toString(), QStringLiteral("buyer"));
    const QJsonArray rejected =
        call(m_admin, "GET", QStringLiteral("/api/v1/admin/upgrade-requests?status=REJECTED"))
            .json.object()
            .value(QStringLiteral("items"))
            .toArray();
    QCOMPARE(rejected.size(), 1);
    QCOMPARE(rejected.first().toObject().value(QStringLiteral("user_email")).toString(), finn);
    QCOMPARE(rejected.first().toObject().value(QStringLiteral("decision_reason")).toString(),
             QStringLiteral("Show us your shop first"));
}

void UsersPageTest::aModeratorOnlyReads()
{
    const auto moderator = signIn(kModeratorEmail);
    QVERIFY(moderator);
    QCOMPARE(moderator->session->role(), QStringLiteral("moderator"));
    QSignalSpy sent(&moderator->api, &ApiClient::requestSent);
    UsersPage page(&moderator->api, &*moderator->session);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *table = child<QTableView>(page, "userTable");
    auto *tabs = child<QTabWidget>(page, "usersTabs");
    QStringList everyone = expected([](const Account &) { return true; });
    everyone.append(kAdminEmail);
    everyone.sort();
    QTRY_COMPARE_WITH_TIMEOUT(keysIn(table), everyone, 10'000);

    // The account is shown in full...
    const QString carl = QStringLiteral("carl.seller@shop.test");
    QVERIFY(selectRowNamed(table, carl));
    QTRY_COMPARE_WITH_TIMEOUT(sentTo(sent, QStringLiteral("/admin/users/") + idOf(carl)), 1, 10'000);
    QCOMPARE(child<QLabel>(page, "userTitleLabel")->text(), carl);
    QVERIFY(
        child<QLabel>(page, "userDetailsLabel")->text().contains(UserRoles::name(QStringLiteral("seller"))));
    // ...with no control to change it: hidden, not merely disabled.
    QVERIFY(child<QWidget>(page, "userEditControls")->isHidden());
    for (const char *name : {"userRoleCombo", "userVerifiedCheck", "saveUserButton", "userActiveButton"})
        QVERIFY2(!child<QWidget>(page, name)->isVisible(), name);
    // No upgrade requests: no tab, nothing asked for.
    QCOMPARE(tabs->count(), 1);
    QVERIFY(!child<QWidget>(page, "upgradeRequestsPanel")->isVisible());
    QTest::qWait(200);
    QCOMPARE(sentTo(sent, QStringLiteral("/upgrade-requests")), 0);
    for (const QList<QVariant> &arguments : sent)
        QVERIFY(!arguments.at(0).toUrl().path().contains(QStringLiteral("approve")));
}

void UsersPageTest::aFailedListOffersRetry()
{
    const auto admin = signIn(kAdminEmail);
    QVERIFY(admin);
    UsersPage page(&admin->api, &*admin->session);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *table = child<QTableView>(page, "userTable");
    auto *status = child<QWidget>(page, "userLoadStatus");
    QVERIFY(table && status);
    auto *message = status->findChild<QLabel *>(QStringLiteral("loadMessageLabel"));
    auto *retry = status->findChild<QPushButton *>(QStringLiteral("retryButton"));
    QVERIFY(message && retry);
    QTRY_VERIFY_WITH_TIMEOUT(table->model()->rowCount() > 0, 10'000);
    QVERIFY(retry->isHidden());

    // The server goes out of reach (port 1 on loopback refuses at once): said in place, with Retry.
    admin->api.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:1")));
    QTest::mouseClick(child<QPushButton>(page, "refreshUsersButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(retry->isVisible(), 10'000);
    QVERIFY(message->isVisible());
    QVERIFY(!message->text().isEmpty());
    QCOMPARE(table->model()->rowCount(), 0);

    // Back: Retry brings the list.
    admin->api.setBaseUrl(m_url);
    QTest::mouseClick(retry, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(table->model()->rowCount() > 0, 10'000);
    QVERIFY(retry->isHidden());
    QVERIFY(message->isHidden());
}

QTEST_MAIN(UsersPageTest)
#include "tst_userspage.moc"
