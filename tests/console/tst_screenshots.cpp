// Pictures of every page in every language, so the console can be reviewed without running it: the whole
// window as each role sees it, against a real in-process server seeded with a small shop. Run by
// `make screenshots` (PNGs under build/screenshots/<language>/) and by the test suite, which checks that
// each picture was written and shows more than a blank window.
#include "console/api/apiclient.h"
#include "console/app/consolepages.h"
#include "console/app/languagesettings.h"
#include "console/app/mainwindow.h"
#include "console/embedded/embeddedserver.h"
#include "console/session/session.h"
#include "console/session/tokenstore.h"
#include "tests/console/consoletest.h"
#include "tests/console/localserver.h"

#include <QDir>
#include <QImage>
#include <QJsonArray>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace fd::console;
using fd::test::call;
using fd::test::child;

namespace {

const QString kAdminEmail = QStringLiteral("admin@fairdrop.example");
const QString kSellerEmail = QStringLiteral("anna.seller@fairdrop.example");
const QString kBuyerEmail = QStringLiteral("boris.buyer@fairdrop.example");
const QString kPassword = QStringLiteral("correct horse battery");

// A page has settled when nothing it asked for is still on the wire, twice in a row across a short pause
// (a page may chain a second call on the first answer).
bool settled(ApiClient &api)
{
    for (int quietTurns = 0; quietTurns < 3;) {
        if (!QTest::qWaitFor([&] { return api.inFlight() == 0; }, 10'000))
            return false;
        QTest::qWait(50);
        quietTurns = api.inFlight() == 0 ? quietTurns + 1 : 0;
    }
    return true;
}

// A blank or failed grab has a handful of colours; a page with text and widgets has many.
int distinctColours(const QImage &image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    }
    return int(colours.size());
}

} // namespace

class ScreenshotsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void everyPageInEveryLanguage();

private:
    void seed();
    void seedOrders(const QString &productId);
    void shoot(const QString &language, const QString &email, const QString &role);

    QTemporaryDir m_dataDir;
    EmbeddedServer m_server;
    QUrl m_url;
    QDir m_out;
    QStringList m_written;
};

void ScreenshotsTest::initTestCase()
{
    fd::test::isolateSettings("tst_screenshots");
    const QString out = qEnvironmentVariable("FAIRDROP_SCREENSHOTS_DIR",
                                             QDir::current().absoluteFilePath(QStringLiteral("screenshots")));
    QVERIFY(QDir().mkpath(out));
    m_out = QDir(out);
    QVERIFY(m_dataDir.isValid());
    m_url = fd::test::startLocalServer(m_server, m_dataDir, kAdminEmail, kPassword, fd::test::relaxLimits);
    QVERIFY(m_url.isValid());
    seed();
}

void ScreenshotsTest::cleanupTestCase()
{
    fd::test::stopLocalServer(m_server);
}

// A small shop: a verified seller with products in every state, some waiting for review, and a buyer.
void ScreenshotsTest::seed()
{
    ApiClient admin;
    admin.setBaseUrl(m_url);
    QVERIFY(fd::test::signInApi(admin, kAdminEmail, kPassword));
    ApiClient seller;
    seller.setBaseUrl(m_url);
    for (const auto &[email, type] : {std::pair(kSellerEmail, QStringLiteral("seller")),
                                      std::pair(kBuyerEmail, QStringLiteral("buyer"))}) {
        QCOMPARE(call(seller, "POST", QStringLiteral("/api/v1/users"),
                      QJsonObject{{QStringLiteral("email"), email},
                                  {QStringLiteral("password"), kPassword},
                                  {QStringLiteral("account_type"), type}})
                     .status,
                 201);
    }
    QVERIFY(fd::test::signInApi(seller, kSellerEmail, kPassword));
    const QString sellerId = call(seller, "GET", QStringLiteral("/api/v1/users/me"))
                                 .json.object()
                                 .value(QStringLiteral("id"))
                                 .toString();
    QVERIFY(call(admin, "PATCH", QStringLiteral("/api/v1/admin/users/") + sellerId,
                 QJsonObject{{QStringLiteral("is_verified"), true}})
                .ok());

    struct Product
    {
        const char *name;
        const char *price;
        int stock;
        const char *fate; // draft, pending, active, rejected
        const char *description;
    };
    const Product products[] = {
        {"Linen apron", "24.50", 40, "active", "Stonewashed linen, adjustable neck strap, two pockets."},
        {"Oak stool", "89.00", 6, "rejected", "Solid oak, waxed by hand."},
        {"Ceramic mug, 350 ml", "14.90", 120, "pending", "Glazed stoneware, dishwasher safe."},
        {"Wool scarf", "39.00", 25, "pending", "Merino, 180 × 30 cm."},
        {"Brass desk lamp", "129.00", 8, "pending", "Warm light, E27, cloth cable."},
        {"Canvas tote", "19.90", 60, "draft", "Heavy cotton canvas."},
    };
    QString activeId;
    for (const Product &product : products) {
        const ApiResult created = fd::test::postOnce(
            seller, QStringLiteral("/api/v1/inventory/"),
            QJsonObject{{QStringLiteral("name"), QString::fromUtf8(product.name)},
                        {QStringLiteral("description"), QString::fromUtf8(product.description)},
                        {QStringLiteral("price"), QString::fromLatin1(product.price)},
                        {QStringLiteral("stock"), product.stock}});
        QVERIFY2(created.ok(), product.name);
        const QString id = created.json.object().value(QStringLiteral("id")).toString();
        const QString fate = QString::fromLatin1(product.fate);
        if (fate == QLatin1StringView("draft"))
            continue;
        QVERIFY(fd::test::postOnce(seller, QStringLiteral("/api/v1/inventory/%1/submit").arg(id)).ok());
        if (fate == QLatin1StringView("pending"))
            continue;
        QVERIFY(fd::test::postOnce(admin, QStringLiteral("/api/v1/inventory/%1/claim").arg(id)).ok());
        if (fate == QLatin1StringView("active")) {
            QVERIFY(fd::test::postOnce(admin, QStringLiteral("/api/v1/inventory/%1/approve").arg(id)).ok());
            activeId = id;
        } else {
            QVERIFY(fd::test::postOnce(admin, QStringLiteral("/api/v1/inventory/%1/reject").arg(id),
                                       QJsonObject{{QStringLiteral("reason"),
                                                    QStringLiteral("Show the stool from the side too.")}})
                        .ok());
        }
    }
    QVERIFY(!activeId.isEmpty());
    seedOrders(activeId);
}

// The buyer's orders of the active product (one paid, one waiting for payment) and a request to become a
// business buyer.
void ScreenshotsTest::seedOrders(const QString &productId)
{
    ApiClient buyer;
    buyer.setBaseUrl(m_url);
    QVERIFY(fd::test::signInApi(buyer, kBuyerEmail, kPassword));
    for (const int quantity : {2, 1}) {
        const ApiResult hold = fd::test::postOnce(
            buyer, QStringLiteral("/api/v1/inventory/reserve"),
            QJsonObject{{QStringLiteral("product_id"), productId}, {QStringLiteral("quantity"), quantity}});
        QVERIFY2(hold.ok(), hold.json.toJson().constData());
        const ApiResult order =
            fd::test::postOnce(buyer, QStringLiteral("/api/v1/orders/"),
                               QJsonObject{{QStringLiteral("reservation_ids"),
                                            QJsonArray{hold.json.object().value(QStringLiteral("id"))}},
                                           {QStringLiteral("shipping_address"),
                                            QStringLiteral("Nevsky pr. 28, St Petersburg")}});
        QVERIFY2(order.ok(), order.json.toJson().constData());
        if (quantity == 2) {
            const QString orderId = order.json.object().value(QStringLiteral("id")).toString();
            QVERIFY(fd::test::postOnce(buyer, QStringLiteral("/api/v1/orders/%1/pay").arg(orderId)).ok());
        }
    }
    QVERIFY(fd::test::postOnce(
                buyer, QStringLiteral("/api/v1/users/me/upgrade-requests"),
                QJsonObject{{QStringLiteral("requested_role"), QStringLiteral("user_b2b")},
                            {QStringLiteral("message"), QStringLiteral("We buy for a chain of cafés.")}})
                .ok());
}

void ScreenshotsTest::everyPageInEveryLanguage()
{
    for (const QString &language : supportedLanguages()) {
        saveLanguage(language);
        QCOMPARE(installTranslators(*QCoreApplication::instance()), language);
        shoot(language, kAdminEmail, QStringLiteral("admin"));
        shoot(language, kSellerEmail, QStringLiteral("seller"));
    }
    qInfo("%lld pictures in %s", qlonglong(m_written.size()), qPrintable(m_out.absolutePath()));
}

// The window as one signed-in user sees it: connected, signed in, each page the role is offered in turn.
void ScreenshotsTest::shoot(const QString &language, const QString &email, const QString &role)
{
    ApiClient api;
    EmbeddedServer idleLocalServer; // the button's state only; this window uses the server started above
    TokenStore tokens;
    Session session(&api, &tokens);
    MainWindow window;
    addConsolePages(window, &api, &idleLocalServer, &session, &tokens);
    window.resize(1180, 720);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    child<QLineEdit>(window, "serverUrlEdit")->setText(m_url.toString());
    QTest::mouseClick(child<QPushButton>(window, "connectButton"), Qt::LeftButton);
    QVERIFY(settled(api));
    session.signIn(email, kPassword);
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), Session::State::SignedIn, 20'000);
    QCOMPARE(session.role(), role);
    window.setRole(role);

    auto *pages = child<QListWidget>(window, "pageList");
    auto *stack = child<QStackedWidget>(window, "pageStack");
    QVERIFY(pages && stack);
    const QDir folder(m_out.absoluteFilePath(language));
    QVERIFY(QDir().mkpath(folder.path()));
    for (int row = 0; row < pages->count(); ++row) {
        if (pages->item(row)->isHidden())
            continue;
        pages->setCurrentRow(row);
        QVERIFY(settled(api));
        // A list with its first entry open shows the page's details too, as it looks in use.
        for (auto *table : stack->widget(row)->findChildren<QTableView *>()) {
            if (table->isVisible() && table->model() && table->model()->rowCount() > 0) {
                table->selectRow(0);
                QVERIFY(settled(api));
                break;
            }
        }
        const QString page = stack->widget(row)->objectName();
        const QString path = folder.absoluteFilePath(QStringLiteral("%1-%2.png").arg(role, page));
        const QImage picture = window.grab().toImage();
        QVERIFY2(picture.save(path), qPrintable(path));
        QVERIFY2(distinctColours(picture) > 20, qPrintable(path));
        m_written.append(path);
    }
}

QTEST_MAIN(ScreenshotsTest)
#include "tst_screenshots.moc"
