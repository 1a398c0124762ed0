// The seller's catalog page against a real in-process server: invalid input stopped in the form with the
// errors beside their fields and nothing sent, a product created, edited, submitted and archived through
// the page's controls, the moderator's comment shown, and the page offered to sellers only.
#include "console/api/apiclient.h"
#include "console/catalog/productform.h"
#include "console/catalog/sellercatalogpage.h"
#include "console/embedded/embeddedserver.h"
#include "console/session/session.h"
#include "console/session/tokenstore.h"
#include "tests/console/consoletest.h"
#include "tests/console/localserver.h"

#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace fd::console;
using fd::test::call;
using fd::test::child;

namespace {

const QString kAdminEmail = QStringLiteral("root@example.com");
const QString kSellerEmail = QStringLiteral("seller@example.com");
const QString kPassword = QStringLiteral("correct horse battery");

QString rowText(QTableWidget *table, const QString &name, int column)
{
    for (int row = 0; row < table->rowCount(); ++row) {
        if (table->item(row, 0)->text() == name)
            return table->item(row, column)->text();
    }
    return QStringLiteral("<no row>");
}

void selectRow(QTableWidget *table, const QString &name)
{
    for (int row = 0; row < table->rowCount(); ++row) {
        if (table->item(row, 0)->text() == name)
            table->selectRow(row);
    }
}

} // namespace

class CatalogPageTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void offeredToSellersOnly();
    void invalidInputIsStoppedInTheForm();
    void aProductGoesFromDraftToArchived();

private:
    QTemporaryDir m_dataDir;
    EmbeddedServer m_server;
    QUrl m_url;
    ApiClient m_api;
    TokenStore m_tokens;
    std::optional<Session> m_session;
    ApiClient m_admin;
};

void CatalogPageTest::initTestCase()
{
    fd::test::isolateSettings("tst_catalogpage");
    QVERIFY(m_dataDir.isValid());
    m_url = fd::test::startLocalServer(m_server, m_dataDir, kAdminEmail, kPassword);
    QVERIFY(m_url.isValid());

    m_api.setBaseUrl(m_url);
    QCOMPARE(call(m_api, "POST", QStringLiteral("/api/v1/users"),
                  QJsonObject{{QStringLiteral("email"), kSellerEmail},
                              {QStringLiteral("password"), kPassword},
                              {QStringLiteral("account_type"), QStringLiteral("seller")}})
                 .status,
             201);
    m_session.emplace(&m_api, &m_tokens);
    m_session->signIn(kSellerEmail, kPassword);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->state(), Session::State::SignedIn, 20'000);

    m_admin.setBaseUrl(m_url);
    const ApiResult tokens =
        call(m_admin, "POST", QStringLiteral("/api/v1/auth/token"),
             QJsonObject{{QStringLiteral("email"), kAdminEmail}, {QStringLiteral("password"), kPassword}});
    QVERIFY(tokens.ok());
    m_admin.setAccessToken(tokens.json.object().value(QStringLiteral("access_token")).toString().toLatin1());
}

void CatalogPageTest::cleanupTestCase()
{
    m_session.reset();
    fd::test::stopLocalServer(m_server);
}

void CatalogPageTest::offeredToSellersOnly()
{
    SellerCatalogPage page(&m_api, &*m_session);
    QVERIFY(page.availableTo(QStringLiteral("seller")));
    QVERIFY(page.availableTo(QStringLiteral("seller_b2b")));
    for (const char *role : {"admin", "moderator", "buyer", "user_b2b", ""})
        QVERIFY2(!page.availableTo(QString::fromLatin1(role)), role);
}

void CatalogPageTest::invalidInputIsStoppedInTheForm()
{
    SellerCatalogPage page(&m_api, &*m_session);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *table = child<QTableWidget>(page, "productTable");
    QTRY_VERIFY(table->isEnabled());
    QSignalSpy sent(&m_api, &ApiClient::requestSent);

    auto *name = child<QLineEdit>(page, "nameEdit");
    auto *price = child<QLineEdit>(page, "priceEdit");
    auto *nameError = child<QLabel>(page, "nameError");
    auto *priceError = child<QLabel>(page, "priceError");
    auto *message = child<QLabel>(page, "catalogMessageLabel");
    QVERIFY(name && price && nameError && priceError && message);
    QTest::keyClick(&page, Qt::Key_N, Qt::ControlModifier);
    QTRY_VERIFY(name->hasFocus());
    QTest::keyClicks(name, QStringLiteral("   "));
    QTest::keyClicks(price, QStringLiteral("12,50"));
    QTest::mouseClick(child<QPushButton>(page, "saveProductButton"), Qt::LeftButton);

    QVERIFY(nameError->isVisible());
    QCOMPARE(nameError->text(), ProductForm::tr("Enter a name."));
    QVERIFY(priceError->isVisible());
    QVERIFY(priceError->text().contains(QStringLiteral("149.90")));
    QCOMPARE(message->text(), SellerCatalogPage::tr("Correct the marked fields first."));

    // Too long, and a price out of range: the shared rules' edges.
    name->setText(QString(201, u'x'));
    price->setText(QStringLiteral("0.09"));
    QTest::keyClick(price, Qt::Key_Return);
    QCOMPARE(nameError->text(), ProductForm::tr("At most %n character(s).", nullptr, 200));
    QCOMPARE(priceError->text(), ProductForm::tr("Prices go from %1 to %2.")
                                     .arg(QStringLiteral("0.10"), QStringLiteral("1000000.00")));
    QCOMPARE(sent.count(), 0);

    // Fixed: each error leaves with its cause.
    name->setText(QStringLiteral("Linen apron"));
    price->setText(QStringLiteral("24.5"));
    QTest::keyClick(price, Qt::Key_Return);
    QVERIFY(nameError->isHidden());
    QVERIFY(priceError->isHidden());
    QTRY_COMPARE_WITH_TIMEOUT(rowText(table, QStringLiteral("Linen apron"), 2), QStringLiteral("24.50"),
                              10'000);
    QCOMPARE(sent.count(), 1);
}

void CatalogPageTest::aProductGoesFromDraftToArchived()
{
    SellerCatalogPage page(&m_api, &*m_session);
    QStringList questions;
    bool agree = false;
    page.setConfirm([&](const QString &question, std::function<void(bool)> answer) {
        questions.append(question);
        answer(agree);
    });
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *table = child<QTableWidget>(page, "productTable");
    auto *name = child<QLineEdit>(page, "nameEdit");
    auto *description = child<QPlainTextEdit>(page, "descriptionEdit");
    auto *price = child<QLineEdit>(page, "priceEdit");
    auto *stock = child<QSpinBox>(page, "stockSpin");
    auto *save = child<QPushButton>(page, "saveProductButton");
    auto *submit = child<QPushButton>(page, "submitProductButton");
    auto *archive = child<QPushButton>(page, "archiveProductButton");
    auto *comment = child<QLabel>(page, "moderationCommentLabel");

    QTest::mouseClick(child<QPushButton>(page, "newProductButton"), Qt::LeftButton);
    QTest::keyClicks(name, QStringLiteral("Oak stool"));
    description->setPlainText(QStringLiteral("Solid oak,\nwaxed."));
    QTest::keyClicks(price, QStringLiteral("89.00"));
    stock->setValue(4);
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(rowText(table, QStringLiteral("Oak stool"), 1), QStringLiteral("Draft"),
                              10'000);
    QTRY_VERIFY(submit->isEnabled());

    // A stock edit sends only the stock.
    stock->setValue(7);
    QTest::keyClick(&page, Qt::Key_S, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(rowText(table, QStringLiteral("Oak stool"), 3), QStringLiteral("7"), 10'000);

    QTest::mouseClick(submit, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(rowText(table, QStringLiteral("Oak stool"), 1),
                              QStringLiteral("Waiting for review"), 10'000);
    QVERIFY(!submit->isEnabled());
    QVERIFY(!save->isEnabled()); // under review nothing may change

    // A moderator rejects it with a comment; the seller sees it after a refresh.
    const QJsonArray mine =
        call(m_api, "GET", QStringLiteral("/api/v1/seller/products?status=PENDING_MODERATION"))
            .json.object()
            .value(QStringLiteral("items"))
            .toArray();
    QCOMPARE(mine.size(), 1);
    const QString productId = mine.first().toObject().value(QStringLiteral("id")).toString();
    QVERIFY(call(m_admin, "POST", QStringLiteral("/api/v1/inventory/%1/claim").arg(productId)).ok());
    QVERIFY(call(m_admin, "POST", QStringLiteral("/api/v1/inventory/%1/reject").arg(productId),
                 QJsonObject{{QStringLiteral("reason"), QStringLiteral("Show the stool from the side")}})
                .ok());
    QTest::keyClick(&page, Qt::Key_F5);
    QTRY_COMPARE_WITH_TIMEOUT(rowText(table, QStringLiteral("Oak stool"), 1), QStringLiteral("Rejected"),
                              10'000);
    QCOMPARE(rowText(table, QStringLiteral("Oak stool"), 4), QStringLiteral("Show the stool from the side"));
    selectRow(table, QStringLiteral("Oak stool"));
    QVERIFY(comment->isVisible());
    QVERIFY(comment->text().contains(QStringLiteral("Show the stool from the side")));

    // Archive: declined first (nothing sent), then accepted.
    QSignalSpy sent(&m_api, &ApiClient::requestSent);
    QTest::mouseClick(archive, Qt::LeftButton);
    QCOMPARE(questions.size(), 1);
    QVERIFY(questions.first().contains(QStringLiteral("Oak stool")));
    QCOMPARE(sent.count(), 0);
    agree = true;
    QTest::mouseClick(archive, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(rowText(table, QStringLiteral("Oak stool"), 1), QStringLiteral("Archived"),
                              10'000);
    QVERIFY(!archive->isEnabled());
    const QJsonObject stored =
        call(m_api, "GET", QStringLiteral("/api/v1/inventory/") + productId).json.object();
    QCOMPARE(stored.value(QStringLiteral("status")).toString(), QStringLiteral("ARCHIVED"));
    QCOMPARE(stored.value(QStringLiteral("stock")).toInt(), 7);
    QCOMPARE(stored.value(QStringLiteral("description")).toString(), QStringLiteral("Solid oak,\nwaxed."));
}

QTEST_MAIN(CatalogPageTest)
#include "tst_catalogpage.moc"
