// The audit page against a real in-process server: the table reads the log a small page at a time as it
// scrolls (one request on the wire at most) and ends with every entry exactly once, newest first; each
// filter narrows it to exactly the entries that match; the diff shows a known change; moderators are
// offered the page and sellers are not; server errors are told in place, with Retry where it helps.
#include "console/api/apiclient.h"
#include "console/app/mainwindow.h"
#include "console/audit/auditdiff.h"
#include "console/audit/auditdiffview.h"
#include "console/audit/auditfilterbar.h"
#include "console/audit/auditlogmodel.h"
#include "console/audit/auditpage.h"
#include "console/audit/optionaltimeedit.h"
#include "console/embedded/embeddedserver.h"
#include "console/session/session.h"
#include "console/session/tokenstore.h"
#include "tests/console/consoletest.h"
#include "tests/console/localserver.h"

#include <QCheckBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>
#include <optional>

using namespace fd::console;
using fd::test::call;
using fd::test::child;

namespace {

const QString kAdminEmail = QStringLiteral("root@example.com");
const QString kSellerEmail = QStringLiteral("seller@example.com");
const QString kModeratorEmail = QStringLiteral("moderator@example.com");
const QString kPassword = QStringLiteral("correct horse battery");
constexpr int kSmallPage = 7;
constexpr int kPriceEdits = 40;

using Entries = QList<QJsonObject>;

qint64 idOf(const QJsonObject &entry)
{
    return qint64(entry.value(QStringLiteral("id")).toDouble());
}

QList<qint64> idsOf(const Entries &entries)
{
    QList<qint64> ids;
    for (const QJsonObject &entry : entries)
        ids.append(idOf(entry));
    return ids;
}

QList<qint64> idsOf(const AuditLogModel &model)
{
    QList<qint64> ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.append(idOf(model.entry(row)));
    return ids;
}

Entries matching(const Entries &all, const std::function<bool(const QJsonObject &)> &keep)
{
    Entries kept;
    for (const QJsonObject &entry : all) {
        if (keep(entry))
            kept.append(entry);
    }
    return kept;
}

QString field(const QJsonObject &entry, const char *name)
{
    return entry.value(QLatin1StringView(name)).toString();
}

// Scrolls to the last row until the model has read the whole log; false if it stopped before the end.
bool scrollToTheEnd(QTableView *table, AuditLogModel *model)
{
    for (int turn = 0; turn < 500 && !model->atEnd(); ++turn) {
        if (!QTest::qWaitFor([&] { return !model->isLoading(); }, 10'000) || model->error())
            return false;
        table->scrollToBottom();
        QTest::qWait(1);
    }
    return model->atEnd() && QTest::qWaitFor([&] { return !model->isLoading(); }, 10'000);
}

// A time from which on everything happens later: the next whole second, once it has passed.
QDateTime nextWholeSecond()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime next = QDateTime::fromSecsSinceEpoch(now.toSecsSinceEpoch() + 1, Qt::UTC);
    QTest::qWait(int(now.msecsTo(next)) + 50);
    return next;
}

} // namespace

class AuditPageTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void offeredToAdminsAndModeratorsOnly();
    void scrollingReadsEveryEntryOnceInOrder();
    void filtersNarrowToExactlyTheMatchingEntries();
    void aNewQueryDropsTheAnswerStillUnderWay();
    void theDiffShowsAKnownChange();
    void serverErrorsAreToldInPlace();

private:
    // The whole log as the API gives it, newest first.
    Entries wholeLog();
    QString priceEdit();
    std::unique_ptr<AuditPage> openPage(ApiClient &api, Session &session);
    bool signIn(Session &session, const QString &email);

    QTemporaryDir m_dataDir;
    EmbeddedServer m_server;
    QUrl m_url;
    ApiClient m_admin;
    ApiClient m_seller;
    QString m_sellerId;
    QString m_moderatorId;
    QString m_draftId;     // edited many times
    QString m_submittedId; // created and submitted for review
    int m_cents = 1000;
};

void AuditPageTest::initTestCase()
{
    fd::test::isolateSettings("tst_auditpage");
    QVERIFY(m_dataDir.isValid());
    m_url = fd::test::startLocalServer(m_server, m_dataDir, kAdminEmail, kPassword, fd::test::relaxLimits);
    QVERIFY(m_url.isValid());
    m_admin.setBaseUrl(m_url);
    QVERIFY(fd::test::signInApi(m_admin, kAdminEmail, kPassword));

    // Two accounts (user.signup each); the second becomes a moderator (user.role_change).
    m_seller.setBaseUrl(m_url);
    for (const QString &email : {kSellerEmail, kModeratorEmail}) {
        const ApiResult created =
            call(m_seller, "POST", QStringLiteral("/api/v1/users"),
                 QJsonObject{{QStringLiteral("email"), email},
                             {QStringLiteral("password"), kPassword},
                             {QStringLiteral("account_type"),
                              email == kSellerEmail ? QStringLiteral("seller") : QStringLiteral("buyer")}});
        QCOMPARE(created.status, 201);
        (email == kSellerEmail ? m_sellerId : m_moderatorId) =
            created.json.object().value(QStringLiteral("id")).toString();
    }
    QVERIFY(call(m_admin, "PATCH", QStringLiteral("/api/v1/admin/users/") + m_moderatorId,
                 QJsonObject{{QStringLiteral("role"), QStringLiteral("moderator")}})
                .ok());
    QVERIFY(fd::test::signInApi(m_seller, kSellerEmail, kPassword));

    // A draft whose price changes many times (product.update each), and a product sent for review.
    const ApiResult draft = call(m_seller, "POST", QStringLiteral("/api/v1/inventory/"),
                                 QJsonObject{{QStringLiteral("name"), QStringLiteral("Walnut board")},
                                             {QStringLiteral("price"), QStringLiteral("10.00")},
                                             {QStringLiteral("stock"), 3}});
    QVERIFY(draft.ok());
    m_draftId = draft.json.object().value(QStringLiteral("id")).toString();
    for (int edit = 0; edit < kPriceEdits; ++edit)
        QVERIFY(!priceEdit().isEmpty());
    const ApiResult submitted = call(m_seller, "POST", QStringLiteral("/api/v1/inventory/"),
                                     QJsonObject{{QStringLiteral("name"), QStringLiteral("Linen apron")},
                                                 {QStringLiteral("price"), QStringLiteral("24.50")},
                                                 {QStringLiteral("stock"), 40}});
    QVERIFY(submitted.ok());
    m_submittedId = submitted.json.object().value(QStringLiteral("id")).toString();
    QVERIFY(call(m_seller, "POST", QStringLiteral("/api/v1/inventory/%1/submit").arg(m_submittedId)).ok());
}

void AuditPageTest::cleanupTestCase()
{
    fd::test::stopLocalServer(m_server);
}

// One more product.update: the draft's price goes up by a cent. Returns the new price.
QString AuditPageTest::priceEdit()
{
    ++m_cents;
    const QString price = QStringLiteral("%1.%2").arg(m_cents / 100).arg(m_cents % 100, 2, 10, QChar(u'0'));
    if (!call(m_seller, "PATCH", QStringLiteral("/api/v1/inventory/") + m_draftId,
              QJsonObject{{QStringLiteral("price"), price}})
             .ok())
        return {};
    return price;
}

Entries AuditPageTest::wholeLog()
{
    Entries entries;
    QString cursor;
    for (int pages = 0; pages < 100; ++pages) {
        const ApiResult page =
            call(m_admin, "GET",
                 QStringLiteral("/api/v1/admin/audit-log?limit=200") +
                     (cursor.isEmpty() ? QString()
                                       : QStringLiteral("&cursor=") +
                                             QString::fromLatin1(QUrl::toPercentEncoding(cursor))));
        if (!page.ok())
            return {};
        for (const QJsonValue &value : page.json.object().value(QStringLiteral("items")).toArray())
            entries.append(value.toObject());
        cursor = page.json.object().value(QStringLiteral("next_cursor")).toString();
        if (cursor.isEmpty())
            break;
    }
    return entries;
}

bool AuditPageTest::signIn(Session &session, const QString &email)
{
    session.signIn(email, kPassword);
    return QTest::qWaitFor([&] { return session.state() == Session::State::SignedIn; }, 20'000);
}

std::unique_ptr<AuditPage> AuditPageTest::openPage(ApiClient &api, Session &session)
{
    auto page = std::make_unique<AuditPage>(&api, &session);
    page->model()->setPageSize(kSmallPage);
    page->resize(1000, 420);
    page->show();
    if (!QTest::qWaitForWindowExposed(page.get()) ||
        !QTest::qWaitFor([&] { return !page->model()->isLoading(); }, 10'000))
        return {};
    return page;
}

void AuditPageTest::offeredToAdminsAndModeratorsOnly()
{
    ApiClient api;
    api.setBaseUrl(m_url);
    TokenStore tokens;
    Session session(&api, &tokens);
    MainWindow window;
    auto *page = new AuditPage(&api, &session);
    window.addPage(page);
    auto *pages = child<QListWidget>(window, "pageList");
    QVERIFY(pages);
    for (const char *role : {"admin", "moderator"}) {
        QVERIFY2(page->availableTo(QString::fromLatin1(role)), role);
        window.setRole(QString::fromLatin1(role));
        QVERIFY2(!pages->item(0)->isHidden(), role);
    }
    for (const char *role : {"seller", "seller_b2b", "buyer", "user_b2b", ""}) {
        QVERIFY2(!page->availableTo(QString::fromLatin1(role)), role);
        window.setRole(QString::fromLatin1(role));
        QVERIFY2(pages->item(0)->isHidden(), role);
    }

    // A moderator reads the log: the change that made them one is there.
    QVERIFY(signIn(session, kModeratorEmail));
    QCOMPARE(session.role(), QStringLiteral("moderator"));
    page->model()->setPageSize(200);
    window.setRole(session.role());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY_WITH_TIMEOUT(page->model()->rowCount() > 0 && !page->model()->isLoading(), 10'000);
    QVERIFY(!page->model()->error());
    bool promoted = false;
    for (int row = 0; row < page->model()->rowCount(); ++row) {
        const QJsonObject entry = page->model()->entry(row);
        promoted = promoted || (field(entry, "action") == QLatin1StringView("user.role_change") &&
                                field(entry, "target_id") == m_moderatorId);
    }
    QVERIFY(promoted);
}

void AuditPageTest::scrollingReadsEveryEntryOnceInOrder()
{
    const Entries all = wholeLog();
    QVERIFY(all.size() >= kPriceEdits + 5);
    QVERIFY(all.size() > 4 * kSmallPage);

    ApiClient api;
    api.setBaseUrl(m_url);
    TokenStore tokens;
    Session session(&api, &tokens);
    QVERIFY(signIn(session, kAdminEmail));
    int requests = 0;
    int mostInFlight = 0;
    connect(&api, &ApiClient::requestSent, this, [&] {
        ++requests;
        mostInFlight = qMax(mostInFlight, api.inFlight());
    });
    auto page = openPage(api, session);
    QVERIFY(page);
    QSignalSpy status(page.get(), &ConsolePage::statusMessage);
    auto *table = child<QTableView>(*page, "auditTable");
    QVERIFY(table && table->model() == page->model());
    AuditLogModel *model = page->model();

    // Only what fills the view is read at first, a small page at a time.
    QVERIFY(model->rowCount() >= kSmallPage);
    QVERIFY(model->rowCount() % kSmallPage == 0);
    QVERIFY2(model->rowCount() < all.size() / 2, qPrintable(QString::number(model->rowCount())));
    QVERIFY(!model->atEnd());

    QVERIFY(scrollToTheEnd(table, model));
    QCOMPARE(idsOf(*model), idsOf(all)); // each entry once, newest first
    QCOMPARE(requests, int((all.size() + kSmallPage - 1) / kSmallPage));
    QCOMPARE(mostInFlight, 1);
    QVERIFY(!status.isEmpty());
    QCOMPARE(status.last().at(0).toString(),
             AuditPage::tr("%n entry(ies) loaded.", nullptr, int(all.size())));
    // The cells show the entry: the newest one is the submitted product.
    QCOMPARE(model->index(0, AuditLogModel::ActionColumn).data().toString(),
             QStringLiteral("product.submit"));
    QCOMPARE(model->index(0, AuditLogModel::TargetIdColumn).data().toString(), m_submittedId);
    QCOMPARE(model->index(0, AuditLogModel::ActorColumn).data().toString(), kSellerEmail);
    QCOMPARE(model->index(0, AuditLogModel::ActorColumn).data(Qt::ToolTipRole).toString(), m_sellerId);
    QCOMPARE(model->index(0, AuditLogModel::RoleColumn).data().toString(), QStringLiteral("seller"));

    // Scrolling past the end asks for nothing more; a new language re-sends the count.
    table->scrollToBottom();
    QTest::qWait(50);
    QCOMPARE(requests, int((all.size() + kSmallPage - 1) / kSmallPage));
    const qsizetype reports = status.size();
    QEvent languageChange(QEvent::LanguageChange);
    QCoreApplication::sendEvent(page.get(), &languageChange);
    QCOMPARE(status.size(), reports + 1);
}

void AuditPageTest::filtersNarrowToExactlyTheMatchingEntries()
{
    // Three price edits inside a time range, with edits just before and after it.
    QVERIFY(!priceEdit().isEmpty());
    const QDateTime from = nextWholeSecond();
    for (int edit = 0; edit < 3; ++edit)
        QVERIFY(!priceEdit().isEmpty());
    const QDateTime to = nextWholeSecond();
    QVERIFY(!priceEdit().isEmpty());
    const Entries all = wholeLog();
    QVERIFY(!all.isEmpty());

    ApiClient api;
    api.setBaseUrl(m_url);
    TokenStore tokens;
    Session session(&api, &tokens);
    QVERIFY(signIn(session, kAdminEmail));
    auto page = openPage(api, session);
    QVERIFY(page);
    auto *table = child<QTableView>(*page, "auditTable");
    auto *targetType = child<QLineEdit>(*page, "targetTypeEdit");
    auto *targetId = child<QLineEdit>(*page, "targetIdEdit");
    auto *actor = child<QLineEdit>(*page, "actorEdit");
    auto *action = child<QLineEdit>(*page, "actionEdit");
    auto *fromEdit = child<OptionalTimeEdit>(*page, "fromTimeEdit");
    auto *toEdit = child<OptionalTimeEdit>(*page, "toTimeEdit");
    auto *apply = child<QPushButton>(*page, "applyFiltersButton");
    auto *clear = child<QPushButton>(*page, "clearFiltersButton");
    auto *filterMessage = child<QLabel>(*page, "auditFilterMessageLabel");
    auto *message = child<QLabel>(*page, "auditMessageLabel");
    QVERIFY(table && targetType && targetId && actor && action && fromEdit && toEdit && apply && clear &&
            filterMessage && message);
    QVERIFY(fromEdit->isAny() && toEdit->isAny());
    AuditLogModel *model = page->model();
    const auto shows = [&](const Entries &expected) {
        return scrollToTheEnd(table, model) && idsOf(*model) == idsOf(expected);
    };

    // By actor, applied with Enter in the field.
    actor->setText(m_sellerId);
    QTest::keyClick(actor, Qt::Key_Return);
    const Entries bySeller =
        matching(all, [&](const QJsonObject &e) { return field(e, "actor_id") == m_sellerId; });
    QCOMPARE(bySeller.size(), 1 + 2 + (kPriceEdits + 5) + 1); // signup, creations, edits, submit
    QVERIFY(shows(bySeller));
    // The same actor by email address, in another letter case.
    actor->setText(kSellerEmail.toUpper());
    QTest::keyClick(actor, Qt::Key_Return);
    QVERIFY(shows(bySeller));

    // By action (and actor still).
    action->setText(QStringLiteral("product.update"));
    QTest::mouseClick(apply, Qt::LeftButton);
    const Entries edits = matching(
        all, [](const QJsonObject &e) { return field(e, "action") == QLatin1StringView("product.update"); });
    QCOMPARE(edits.size(), kPriceEdits + 5);
    QVERIFY(shows(edits));

    // By target: everything that happened to the moderator's account.
    QTest::mouseClick(clear, Qt::LeftButton);
    QVERIFY(actor->text().isEmpty() && action->text().isEmpty());
    targetType->setText(QStringLiteral("user"));
    targetId->setText(m_moderatorId);
    QTest::keyClick(targetId, Qt::Key_Enter);
    const Entries moderator = matching(all, [&](const QJsonObject &e) {
        return field(e, "target_type") == QLatin1StringView("user") && field(e, "target_id") == m_moderatorId;
    });
    QCOMPARE(moderator.size(), 2); // signup, then the new role
    QVERIFY(shows(moderator));

    // By time: from is inclusive, to exclusive.
    QTest::mouseClick(clear, Qt::LeftButton);
    fromEdit->setValue(from);
    toEdit->setValue(to);
    QCOMPARE(fromEdit->value().toUTC(), from);
    QTest::mouseClick(apply, Qt::LeftButton);
    const Entries inRange = matching(all, [&](const QJsonObject &e) {
        const QDateTime at = QDateTime::fromString(field(e, "at"), Qt::ISODateWithMs);
        return at >= from && at < to;
    });
    QCOMPARE(inRange.size(), 3);
    QVERIFY(shows(inRange));

    // Filters the server would refuse are stopped beside the fields; nothing is sent.
    QSignalSpy sent(&api, &ApiClient::requestSent);
    toEdit->setValue(from);
    QTest::mouseClick(apply, Qt::LeftButton);
    QVERIFY(filterMessage->isVisible());
    QCOMPARE(filterMessage->text(),
             AuditFilterBar::tr("The start of the time range must be before its end."));
    actor->setText(QStringLiteral("42"));
    toEdit->setAny();
    QTest::keyClick(actor, Qt::Key_Return);
    QCOMPARE(filterMessage->text(),
             AuditFilterBar::tr("Enter the actor's email address or user ID, or leave it empty for anyone."));
    QCOMPARE(sent.count(), 0);
    QVERIFY(shows(inRange)); // what was applied last stays

    // Nothing matches: said so. Clear: the whole log again, from the newest entry.
    fromEdit->setAny();
    actor->clear();
    action->setText(QStringLiteral("no.such_action"));
    QTest::mouseClick(apply, Qt::LeftButton);
    QTRY_VERIFY(!model->isLoading());
    QCOMPARE(model->rowCount(), 0);
    QVERIFY(!filterMessage->isVisible());
    QTRY_VERIFY(message->isVisible());
    QCOMPARE(message->text(), AuditPage::tr("No entries match these filters."));
    QTest::mouseClick(clear, Qt::LeftButton);
    QVERIFY(fromEdit->isAny() && action->text().isEmpty());
    QVERIFY(shows(all));
}

void AuditPageTest::aNewQueryDropsTheAnswerStillUnderWay()
{
    const Entries all = wholeLog();
    ApiClient api;
    api.setBaseUrl(m_url);
    TokenStore tokens;
    Session session(&api, &tokens);
    QVERIFY(signIn(session, kAdminEmail));
    AuditLogModel model(&api);
    model.setPageSize(200);
    QSignalSpy pages(&model, &AuditLogModel::pageLoaded);

    // The first query's request is on the wire when the second replaces it: only the second is answered.
    AuditQuery users;
    users.targetType = QStringLiteral("user");
    model.setQuery({});
    QVERIFY(model.isLoading());
    model.setQuery(users);
    QTRY_VERIFY(!model.isLoading());
    QTest::qWait(100);
    QCOMPARE(pages.count(), 1);
    const Entries expected = matching(
        all, [](const QJsonObject &e) { return field(e, "target_type") == QLatin1StringView("user"); });
    QCOMPARE(idsOf(model), idsOf(expected));
    QVERIFY(model.atEnd());
    QVERIFY(!model.canFetchMore({}));

    // Cleared (as on signing out): no rows, and nothing read until a new query.
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.canFetchMore({}));
}

void AuditPageTest::theDiffShowsAKnownChange()
{
    ApiClient api;
    api.setBaseUrl(m_url);
    TokenStore tokens;
    Session session(&api, &tokens);
    QVERIFY(signIn(session, kModeratorEmail));
    auto page = openPage(api, session);
    QVERIFY(page);
    auto *table = child<QTableView>(*page, "auditTable");
    auto *action = child<QLineEdit>(*page, "actionEdit");
    auto *targetId = child<QLineEdit>(*page, "targetIdEdit");
    auto *diff = child<QTableWidget>(*page, "auditDiffTable");
    auto *showUnchanged = child<QCheckBox>(*page, "showUnchangedCheckBox");
    auto *summary = child<QLabel>(*page, "auditEntrySummaryLabel");
    auto *note = child<QLabel>(*page, "auditDiffNoteLabel");
    QVERIFY(table && action && targetId && diff && showUnchanged && summary && note);
    QCOMPARE(summary->text(), AuditDiffView::tr("Select an entry to see what it changed."));
    const auto diffRow = [&](const QString &path) {
        for (int row = 0; row < diff->rowCount(); ++row) {
            if (diff->item(row, AuditDiffView::FieldColumn)->text() == path)
                return row;
        }
        return -1;
    };

    // The role change: one changed field, old and new side by side, highlighted.
    action->setText(QStringLiteral("user.role_change"));
    targetId->setText(m_moderatorId);
    QTest::keyClick(action, Qt::Key_Return);
    QTRY_COMPARE(page->model()->rowCount(), 1);
    table->setCurrentIndex(page->model()->index(0, 0));
    QCOMPARE(diff->rowCount(), 1);
    QCOMPARE(diff->item(0, AuditDiffView::FieldColumn)->text(), QStringLiteral("role"));
    QCOMPARE(diff->item(0, AuditDiffView::BeforeColumn)->text(), QStringLiteral("buyer"));
    QCOMPARE(diff->item(0, AuditDiffView::AfterColumn)->text(), QStringLiteral("moderator"));
    QCOMPARE(diff->item(0, AuditDiffView::FieldColumn)->data(AuditDiffView::kChangeRole).toInt(),
             int(AuditDiffRow::Change::Changed));
    QVERIFY(diff->item(0, AuditDiffView::AfterColumn)->background().style() != Qt::NoBrush);
    QVERIFY(summary->text().contains(QStringLiteral("user.role_change")));
    QVERIFY(summary->text().contains(kAdminEmail)); // who acted, by email
    QVERIFY(!note->isVisible());

    // Submitting for review changes the status only: the unchanged fields are hidden until asked for.
    action->setText(QStringLiteral("product.submit"));
    targetId->setText(m_submittedId);
    QTest::keyClick(action, Qt::Key_Return);
    QCOMPARE(summary->text(), AuditDiffView::tr("Select an entry to see what it changed.")); // new rows
    QTRY_COMPARE(page->model()->rowCount(), 1);
    table->setCurrentIndex(page->model()->index(0, 0));
    QCOMPARE(diff->rowCount(), 1);
    QCOMPARE(diff->item(0, AuditDiffView::FieldColumn)->text(), QStringLiteral("status"));
    QCOMPARE(diff->item(0, AuditDiffView::BeforeColumn)->text(), QStringLiteral("DRAFT"));
    QCOMPARE(diff->item(0, AuditDiffView::AfterColumn)->text(), QStringLiteral("PENDING_MODERATION"));
    QVERIFY(note->isVisible());
    QCOMPARE(note->text(), AuditDiffView::tr("%n unchanged field(s) hidden.", nullptr, 3));
    showUnchanged->setChecked(true);
    QCOMPARE(diff->rowCount(), 4);
    const int price = diffRow(QStringLiteral("price"));
    QVERIFY(price >= 0);
    QCOMPARE(diff->item(price, AuditDiffView::BeforeColumn)->text(), QStringLiteral("24.50"));
    QCOMPARE(diff->item(price, AuditDiffView::AfterColumn)->text(), QStringLiteral("24.50"));
    QCOMPARE(diff->item(price, AuditDiffView::FieldColumn)->data(AuditDiffView::kChangeRole).toInt(),
             int(AuditDiffRow::Change::Unchanged));
    QCOMPARE(diff->item(price, AuditDiffView::AfterColumn)->background().style(), Qt::NoBrush);
    QVERIFY(!note->isVisible());

    // A creation has nothing before: every field is new.
    action->setText(QStringLiteral("product.create"));
    QTest::keyClick(action, Qt::Key_Return);
    QTRY_COMPARE(page->model()->rowCount(), 1);
    table->setCurrentIndex(page->model()->index(0, 0));
    const int name = diffRow(QStringLiteral("name"));
    QVERIFY(name >= 0);
    QCOMPARE(diff->item(name, AuditDiffView::BeforeColumn)->text(), QStringLiteral("—"));
    QCOMPARE(diff->item(name, AuditDiffView::AfterColumn)->text(), QStringLiteral("Linen apron"));
    QCOMPARE(diff->item(name, AuditDiffView::FieldColumn)->data(AuditDiffView::kChangeRole).toInt(),
             int(AuditDiffRow::Change::Added));
}

void AuditPageTest::serverErrorsAreToldInPlace()
{
    // A seller is refused by the server (the console would not offer the page): told why, no Retry.
    {
        ApiClient api;
        api.setBaseUrl(m_url);
        TokenStore tokens;
        Session session(&api, &tokens);
        QVERIFY(signIn(session, kSellerEmail));
        auto page = openPage(api, session);
        QVERIFY(page);
        auto *message = child<QLabel>(*page, "auditMessageLabel");
        auto *retry = child<QPushButton>(*page, "auditRetryButton");
        QVERIFY(message && retry);
        QVERIFY(page->model()->error());
        QCOMPARE(page->model()->error()->code, QStringLiteral("forbidden"));
        QVERIFY(message->isVisible());
        QCOMPARE(message->text(),
                 AuditPage::tr("Only administrators and moderators may read the audit log."));
        QVERIFY(!retry->isVisible());
        QCOMPARE(page->model()->rowCount(), 0);
    }

    ApiClient api;
    api.setBaseUrl(m_url);
    TokenStore tokens;
    Session session(&api, &tokens);
    QVERIFY(signIn(session, kAdminEmail));
    auto page = openPage(api, session);
    QVERIFY(page);
    auto *message = child<QLabel>(*page, "auditMessageLabel");
    auto *retry = child<QPushButton>(*page, "auditRetryButton");
    auto *loading = child<QLabel>(*page, "auditLoadingLabel");
    QVERIFY(message && retry && loading);
    QVERIFY(!loading->isVisible()); // shown only while a page is on its way

    // Filters the server refuses (a target ID longer than it accepts): its code, as a sentence.
    AuditQuery tooLong;
    tooLong.targetId = QString(150, u'x');
    page->model()->setQuery(tooLong);
    QVERIFY(loading->isVisible());
    QCOMPARE(loading->text(), AuditPage::tr("Loading entries…"));
    QTRY_VERIFY(message->isVisible());
    QCOMPARE(page->model()->error()->code, QStringLiteral("validation_failed"));
    QCOMPARE(message->text(),
             AuditPage::tr("The server refused these filters. Check the actor and the time range."));
    QVERIFY(!retry->isVisible());
    QVERIFY(!loading->isVisible());

    // The server out of reach: the client's reason and a Retry, which reads on once it is back.
    api.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:1")));
    page->refresh();
    QTRY_VERIFY(retry->isVisible());
    QVERIFY(message->isVisible());
    QCOMPARE(message->text(), page->model()->error()->detail);
    QVERIFY(!message->text().isEmpty());
    QCOMPARE(page->model()->rowCount(), 0);
    QVERIFY(!page->model()->canFetchMore({})); // the view does not hammer a failing server
    api.setBaseUrl(m_url);
    QTest::mouseClick(retry, Qt::LeftButton);
    QTRY_VERIFY(page->model()->rowCount() > 0);
    QVERIFY(!message->isVisible());
    QVERIFY(!retry->isVisible());
}

QTEST_MAIN(AuditPageTest)
#include "tst_auditpage.moc"
