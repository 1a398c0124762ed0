// The orders page against a real in-process server with real orders (a seller's product approved by a
// moderator, reserved and ordered by a buyer): staff see every order and the status, product, buyer and
// time filters narrow the list to exactly the matching ones; each seller sees only the orders holding
// their products, and only their own lines; the details show the right lines, amounts and total, and the
// address only to those who may see it; buyers are not offered the page.
#include "console/api/apiclient.h"
#include "console/app/consolepages.h"
#include "console/app/mainwindow.h"
#include "console/embedded/embeddedserver.h"
#include "console/orders/orderdetails.h"
#include "console/orders/orderspage.h"
#include "console/orders/orderstatuses.h"
#include "console/orders/ordertablemodel.h"
#include "console/session/session.h"
#include "console/session/tokenstore.h"
#include "tests/console/consoletest.h"
#include "tests/console/localserver.h"

#include <QComboBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>
#include <optional>

using namespace fd::console;
using fd::test::call;
using fd::test::child;

namespace {

const QString kAdminEmail = QStringLiteral("root@example.com");
const QString kAnnaEmail = QStringLiteral("anna.seller@shop.test");
const QString kBenEmail = QStringLiteral("ben.seller@shop.test");
const QString kBuyerEmail = QStringLiteral("bob.buyer@shop.test");
const QString kPassword = QStringLiteral("correct horse battery");
const QString kAddress = QStringLiteral("7 Market Lane, Springfield");

QString idIn(const ApiResult &result)
{
    return result.json.object().value(QStringLiteral("id")).toString();
}

// Orders are named by their full ids, which the order column shows in its tooltip.
const fd::test::RowKey kById{OrderTableModel::OrderColumn, Qt::ToolTipRole};

QStringList idsIn(QTableView *table)
{
    return fd::test::keysIn(table, kById);
}

// The details' lines as "name × quantity @ unit = line total".
QStringList linesIn(QTableWidget *lines)
{
    QStringList texts;
    for (int row = 0; row < lines->rowCount(); ++row)
        texts.append(QStringLiteral("%1 × %2 @ %3 = %4")
                         .arg(lines->item(row, OrderDetails::NameColumn)->text(),
                              lines->item(row, OrderDetails::QuantityColumn)->text(),
                              lines->item(row, OrderDetails::UnitPriceColumn)->text(),
                              lines->item(row, OrderDetails::LineTotalColumn)->text()));
    texts.sort();
    return texts;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

} // namespace

class OrdersPageTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void offeredToStaffAndSellers();
    void staffSeeEveryOrderAndFilterThem();
    void detailsShowTheLinesAndTotal();
    void aSellerSeesOnlyTheirOwn();

private:
    struct Signed
    {
        ApiClient api;
        TokenStore tokens;
        std::optional<Session> session;
    };
    std::unique_ptr<Signed> signIn(const QString &email);
    QString approvedProduct(ApiClient &seller, const QString &name, const QString &price);
    // The buyer's order of these products and quantities.
    QString order(const QList<std::pair<QString, int>> &lines);

    QTemporaryDir m_dataDir;
    EmbeddedServer m_server;
    QUrl m_url;
    ApiClient m_admin;
    ApiClient m_buyer;
    QString m_buyerId;
    QString m_apron;  // Anna's
    QString m_stool;  // Ben's
    QString m_paid;   // two aprons, paid
    QString m_single; // one stool
    QString m_mixed;  // an apron and two stools
};

void OrdersPageTest::initTestCase()
{
    fd::test::isolateSettings("tst_orderspage");
    QVERIFY(m_dataDir.isValid());
    m_url = fd::test::startLocalServer(m_server, m_dataDir, kAdminEmail, kPassword, fd::test::relaxLimits);
    QVERIFY(m_url.isValid());
    m_admin.setBaseUrl(m_url);
    QVERIFY(fd::test::signInApi(m_admin, kAdminEmail, kPassword));
    for (const auto &[email, type] :
         {std::pair(kAnnaEmail, QStringLiteral("seller")), std::pair(kBenEmail, QStringLiteral("seller")),
          std::pair(kBuyerEmail, QStringLiteral("buyer"))}) {
        QCOMPARE(call(m_admin, "POST", QStringLiteral("/api/v1/users"),
                      QJsonObject{{QStringLiteral("email"), email},
                                  {QStringLiteral("password"), kPassword},
                                  {QStringLiteral("account_type"), type}})
                     .status,
                 201);
    }
    ApiClient anna;
    anna.setBaseUrl(m_url);
    QVERIFY(fd::test::signInApi(anna, kAnnaEmail, kPassword));
    ApiClient ben;
    ben.setBaseUrl(m_url);
    QVERIFY(fd::test::signInApi(ben, kBenEmail, kPassword));
    m_apron = approvedProduct(anna, QStringLiteral("Linen apron"), QStringLiteral("24.50"));
    m_stool = approvedProduct(ben, QStringLiteral("Oak stool"), QStringLiteral("89.00"));
    QVERIFY(!m_apron.isEmpty() && !m_stool.isEmpty());

    m_buyer.setBaseUrl(m_url);
    QVERIFY(fd::test::signInApi(m_buyer, kBuyerEmail, kPassword));
    m_buyerId = idIn(call(m_buyer, "GET", QStringLiteral("/api/v1/users/me")));
    m_paid = order({{m_apron, 2}});
    m_single = order({{m_stool, 1}});
    m_mixed = order({{m_apron, 1}, {m_stool, 2}});
    QVERIFY(!m_paid.isEmpty() && !m_single.isEmpty() && !m_mixed.isEmpty());
    QVERIFY(fd::test::postOnce(m_buyer, QStringLiteral("/api/v1/orders/%1/pay").arg(m_paid)).ok());

    // The product's name as ordered stays on the order when the seller renames it later.
    QVERIFY(call(anna, "PATCH", QStringLiteral("/api/v1/inventory/") + m_apron,
                 QJsonObject{{QStringLiteral("name"), QStringLiteral("Linen apron, blue")}})
                .ok());
}

void OrdersPageTest::cleanupTestCase()
{
    fd::test::stopLocalServer(m_server);
}

std::unique_ptr<OrdersPageTest::Signed> OrdersPageTest::signIn(const QString &email)
{
    auto signedIn = std::make_unique<Signed>();
    signedIn->api.setBaseUrl(m_url);
    signedIn->session.emplace(&signedIn->api, &signedIn->tokens);
    signedIn->session->signIn(email, kPassword);
    if (!QTest::qWaitFor([&] { return signedIn->session->state() == Session::State::SignedIn; }, 20'000))
        return {};
    return signedIn;
}

QString OrdersPageTest::approvedProduct(ApiClient &seller, const QString &name, const QString &price)
{
    const QString id = idIn(fd::test::postOnce(seller, QStringLiteral("/api/v1/inventory/"),
                                               QJsonObject{{QStringLiteral("name"), name},
                                                           {QStringLiteral("price"), price},
                                                           {QStringLiteral("stock"), 20}}));
    if (id.isEmpty() ||
        !fd::test::postOnce(seller, QStringLiteral("/api/v1/inventory/%1/submit").arg(id)).ok() ||
        !fd::test::postOnce(m_admin, QStringLiteral("/api/v1/inventory/%1/claim").arg(id)).ok() ||
        !fd::test::postOnce(m_admin, QStringLiteral("/api/v1/inventory/%1/approve").arg(id)).ok())
        return {};
    return id;
}

QString OrdersPageTest::order(const QList<std::pair<QString, int>> &lines)
{
    QStringList holds;
    for (const auto &[product, quantity] : lines) {
        const ApiResult held = fd::test::postOnce(
            m_buyer, QStringLiteral("/api/v1/inventory/reserve"),
            QJsonObject{{QStringLiteral("product_id"), product}, {QStringLiteral("quantity"), quantity}});
        if (held.status != 201)
            return {};
        holds.append(idIn(held));
    }
    const ApiResult made =
        fd::test::postOnce(m_buyer, QStringLiteral("/api/v1/orders/"),
                           QJsonObject{{QStringLiteral("reservation_ids"), QJsonArray::fromStringList(holds)},
                                       {QStringLiteral("shipping_address"), kAddress}});
    return made.status == 201 ? idIn(made) : QString();
}

void OrdersPageTest::offeredToStaffAndSellers()
{
    ApiClient api;
    TokenStore tokens;
    Session session(&api, &tokens);
    OrdersPage page(&api, &session);
    for (const char *role : {"admin", "moderator", "seller", "seller_b2b"})
        QVERIFY2(page.availableTo(QString::fromLatin1(role)), role);
    for (const char *role : {"buyer", "user_b2b", ""})
        QVERIFY2(!page.availableTo(QString::fromLatin1(role)), role);

    // In the window: a buyer is not offered the page at all.
    EmbeddedServer idleLocalServer;
    MainWindow window;
    addConsolePages(window, &api, &idleLocalServer, &session, &tokens);
    const auto offered = [&](const QString &role) {
        return fd::test::offeredInWindow(window, OrdersPage::tr("Orders"), role);
    };
    QVERIFY(!offered(QStringLiteral("buyer")));
    QVERIFY(!offered(QStringLiteral("user_b2b")));
    QVERIFY(offered(QStringLiteral("seller")));
    QVERIFY(offered(QStringLiteral("moderator")));
    QVERIFY(offered(QStringLiteral("admin")));
}

void OrdersPageTest::staffSeeEveryOrderAndFilterThem()
{
    const auto admin = signIn(kAdminEmail);
    QVERIFY(admin);
    OrdersPage page(&admin->api, &*admin->session);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *table = child<QTableView>(page, "orderTable");
    auto *status = child<QComboBox>(page, "orderStatusFilterCombo");
    auto *period = child<QComboBox>(page, "orderPeriodFilterCombo");
    auto *buyer = child<QLineEdit>(page, "orderBuyerFilterEdit");
    auto *product = child<QLineEdit>(page, "orderProductFilterEdit");
    auto *filterMessage = child<QLabel>(page, "orderFilterMessageLabel");
    QVERIFY(table && status && period && buyer && product && filterMessage);
    QVERIFY(period->isVisible() && buyer->isVisible() && product->isVisible());
    const QStringList all = sorted({m_paid, m_single, m_mixed});
    QTRY_COMPARE_WITH_TIMEOUT(idsIn(table), all, 10'000);
    QCOMPARE(fd::test::cellOf(table, m_paid, OrderTableModel::StatusColumn, kById),
             OrderStatuses::name(QStringLiteral("PAID")));
    QCOMPARE(fd::test::cellOf(table, m_mixed, OrderTableModel::TotalColumn, kById), QStringLiteral("202.50"));
    QCOMPARE(fd::test::cellOf(table, m_mixed, OrderTableModel::UnitsColumn, kById), QStringLiteral("3"));

    status->setCurrentIndex(status->findData(QStringLiteral("PAID")));
    QTRY_COMPARE_WITH_TIMEOUT(idsIn(table), QStringList{m_paid}, 10'000);
    status->setCurrentIndex(status->findData(QStringLiteral("PENDING")));
    QTRY_COMPARE_WITH_TIMEOUT(idsIn(table), sorted({m_single, m_mixed}), 10'000);
    status->setCurrentIndex(status->findData(QStringLiteral("SHIPPED")));
    QTRY_VERIFY_WITH_TIMEOUT(
        table->model()->rowCount() == 0 && !child<QWidget>(page, "loadProgress")->isVisible(), 10'000);
    status->setCurrentIndex(0);
    QTRY_COMPARE_WITH_TIMEOUT(idsIn(table), all, 10'000);

    // By product: the orders holding an apron.
    product->setText(m_apron);
    Q_EMIT product->editingFinished();
    QTRY_COMPARE_WITH_TIMEOUT(idsIn(table), sorted({m_paid, m_mixed}), 10'000);
    product->clear();
    Q_EMIT product->editingFinished();
    QTRY_COMPARE_WITH_TIMEOUT(idsIn(table), all, 10'000);

    // By buyer: all three are Bob's; someone else has none. Text that is no ID is not sent.
    QSignalSpy sent(&admin->api, &ApiClient::requestSent);
    buyer->setText(QStringLiteral("bob"));
    Q_EMIT buyer->editingFinished();
    QVERIFY(filterMessage->isVisible());
    QCOMPARE(filterMessage->text(),
             OrdersPage::tr("The buyer ID is not an ID: copy it from an order's details."));
    QCOMPARE(sent.count(), 0);
    buyer->setText(m_buyerId);
    Q_EMIT buyer->editingFinished();
    QVERIFY(filterMessage->isHidden());
    QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 1, 10'000);
    QTRY_COMPARE_WITH_TIMEOUT(idsIn(table), all, 10'000);
    QVERIFY(sent.first().at(0).toUrl().query().contains(QStringLiteral("user_id=") + m_buyerId));
    buyer->setText(QUuid::createUuid().toString(QUuid::WithoutBraces));
    Q_EMIT buyer->editingFinished();
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 0, 10'000);
    buyer->clear();
    Q_EMIT buyer->editingFinished();
    QTRY_COMPARE_WITH_TIMEOUT(idsIn(table), all, 10'000);

    // By time: all three were placed just now.
    sent.clear();
    period->setCurrentIndex(1);
    QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 1, 10'000);
    QVERIFY(sent.first().at(0).toUrl().query().contains(QStringLiteral("from=")));
    QTRY_COMPARE_WITH_TIMEOUT(idsIn(table), all, 10'000);
    QSignalSpy messages(&page, &ConsolePage::statusMessage);
    table->setFocus();
    QTest::keyClick(table, Qt::Key_F5);
    QTRY_VERIFY_WITH_TIMEOUT(!messages.isEmpty(), 10'000);
    QCOMPARE(messages.last().at(0).toString(), OrdersPage::tr("%n order(s) listed.", nullptr, 3));
}

void OrdersPageTest::detailsShowTheLinesAndTotal()
{
    const auto admin = signIn(kAdminEmail);
    QVERIFY(admin);
    OrdersPage page(&admin->api, &*admin->session);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *table = child<QTableView>(page, "orderTable");
    auto *lines = child<QTableWidget>(page, "orderLinesTable");
    auto *summary = child<QLabel>(page, "orderSummaryLabel");
    auto *total = child<QLabel>(page, "orderTotalLabel");
    auto *address = child<QLabel>(page, "orderAddressLabel");
    QVERIFY(table && lines && summary && total && address);
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 3, 10'000);

    QSignalSpy sent(&admin->api, &ApiClient::requestSent);
    QVERIFY(fd::test::selectRowNamed(table, m_mixed, kById));
    QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 1, 10'000); // the order as it is now
    QCOMPARE(sent.first().at(0).toUrl().path(), QStringLiteral("/api/v1/orders/") + m_mixed);
    // The apron's name as it was when ordered, not as it is now.
    QTRY_COMPARE_WITH_TIMEOUT(linesIn(lines),
                              (QStringList{QStringLiteral("Linen apron × 1 @ 24.50 = 24.50"),
                                           QStringLiteral("Oak stool × 2 @ 89.00 = 178.00")}),
                              10'000);
    QCOMPARE(total->text(), OrderDetails::tr("Total: %1").arg(QStringLiteral("202.50")));
    QCOMPARE(address->text(), OrderDetails::tr("Ship to: %1").arg(kAddress));
    QVERIFY(summary->text().contains(
        OrderDetails::tr("Status: %1").arg(OrderStatuses::name(QStringLiteral("PENDING")))));
    QVERIFY(summary->text().contains(OrderDetails::tr("Buyer: %1").arg(m_buyerId)));
    QVERIFY(summary->text().contains(m_mixed));

    QVERIFY(fd::test::selectRowNamed(table, m_paid, kById));
    QTRY_COMPARE_WITH_TIMEOUT(linesIn(lines), QStringList{QStringLiteral("Linen apron × 2 @ 24.50 = 49.00")},
                              10'000);
    QCOMPARE(total->text(), OrderDetails::tr("Total: %1").arg(QStringLiteral("49.00")));
    QVERIFY(summary->text().contains(
        OrderDetails::tr("Status: %1").arg(OrderStatuses::name(QStringLiteral("PAID")))));
}

void OrdersPageTest::aSellerSeesOnlyTheirOwn()
{
    const auto anna = signIn(kAnnaEmail);
    QVERIFY(anna);
    QCOMPARE(anna->session->role(), QStringLiteral("seller"));
    QSignalSpy sent(&anna->api, &ApiClient::requestSent);
    OrdersPage page(&anna->api, &*anna->session);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *table = child<QTableView>(page, "orderTable");
    auto *status = child<QComboBox>(page, "orderStatusFilterCombo");
    auto *lines = child<QTableWidget>(page, "orderLinesTable");
    auto *total = child<QLabel>(page, "orderTotalLabel");
    auto *address = child<QLabel>(page, "orderAddressLabel");
    // Only the orders holding her apron, from the sellers' list.
    QTRY_COMPARE_WITH_TIMEOUT(idsIn(table), sorted({m_paid, m_mixed}), 10'000);
    QCOMPARE(sent.first().at(0).toUrl().path(), QStringLiteral("/api/v1/seller/orders"));
    // Staff filters are not hers.
    for (const char *name : {"orderPeriodFilterCombo", "orderBuyerFilterEdit", "orderProductFilterEdit"})
        QVERIFY2(child<QWidget>(page, name)->isHidden(), name);
    QCOMPARE(fd::test::cellOf(table, m_mixed, OrderTableModel::TotalColumn, kById), QStringLiteral("24.50"));

    // Of the mixed order she sees her line only; its address waits for the payment.
    QVERIFY(fd::test::selectRowNamed(table, m_mixed, kById));
    QTRY_COMPARE_WITH_TIMEOUT(linesIn(lines), QStringList{QStringLiteral("Linen apron × 1 @ 24.50 = 24.50")},
                              10'000);
    QCOMPARE(total->text(), OrderDetails::tr("Total of your lines: %1").arg(QStringLiteral("24.50")));
    QCOMPARE(address->text(), OrderDetails::tr("The buyer's address is shown once the order is paid."));
    QVERIFY(!child<QLabel>(page, "orderSummaryLabel")->text().contains(m_buyerId));
    // The paid one shows where to ship.
    QVERIFY(fd::test::selectRowNamed(table, m_paid, kById));
    QTRY_COMPARE_WITH_TIMEOUT(address->text(), OrderDetails::tr("Ship to: %1").arg(kAddress), 10'000);
    QCOMPARE(total->text(), OrderDetails::tr("Total of your lines: %1").arg(QStringLiteral("49.00")));

    status->setCurrentIndex(status->findData(QStringLiteral("PENDING")));
    QTRY_COMPARE_WITH_TIMEOUT(idsIn(table), QStringList{m_mixed}, 10'000);
    for (const QList<QVariant> &arguments : sent)
        QVERIFY(!arguments.at(0).toUrl().path().contains(QStringLiteral("/admin/")));

    // Ben: his stool's orders, his lines.
    const auto ben = signIn(kBenEmail);
    QVERIFY(ben);
    OrdersPage bens(&ben->api, &*ben->session);
    bens.show();
    QVERIFY(QTest::qWaitForWindowExposed(&bens));
    auto *benTable = child<QTableView>(bens, "orderTable");
    QTRY_COMPARE_WITH_TIMEOUT(idsIn(benTable), sorted({m_single, m_mixed}), 10'000);
    QVERIFY(fd::test::selectRowNamed(benTable, m_mixed, kById));
    QTRY_COMPARE_WITH_TIMEOUT(linesIn(child<QTableWidget>(bens, "orderLinesTable")),
                              QStringList{QStringLiteral("Oak stool × 2 @ 89.00 = 178.00")}, 10'000);
    QCOMPARE(child<QLabel>(bens, "orderTotalLabel")->text(),
             OrderDetails::tr("Total of your lines: %1").arg(QStringLiteral("178.00")));
}

QTEST_MAIN(OrdersPageTest)
#include "tst_orderspage.moc"
