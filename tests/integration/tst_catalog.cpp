// Products over HTTP against a real server, PostgreSQL and Redis. The catalog is where sellers, buyers and
// staff meet, so these tests pin down what must never go wrong there: a product that is not on sale must
// not leak to strangers, an edit of a live product must not skip moderation, the seller limit must hold
// even when one seller's creates race each other, and no bad input may reach the database or end in a 5xx.
// Browsing (lists, search, keyset pages) has its own file, tst_catalogbrowse.
#include "tests/support/catalogclient.h"
#include "tests/support/httpclient.h"
#include "tests/support/serverprocess.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QTest>
#include <QUrl>
#include <QUuid>

#include <thread>

using namespace fd::test;

namespace {

constexpr int kVerifiedLimit = 15; // configured low, so a test can reach it

QJsonObject named(const QString &name)
{
    return {{QStringLiteral("name"), name}};
}

} // namespace

class CatalogTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void createAnswersWithTheFullView();
    void createNormalisesPricesAndAcceptsTheBounds();
    void onlySellersAndAdminsCreate();
    void activeProductShowsPublicViewToStrangers();
    void otherStatesAreHiddenFromStrangers();
    void invalidTokenIsRefusedOnThePublicRoute();
    void matchingIfNoneMatchAnswers304();
    void onlyTheOwnerPatches();
    void ifMatchGuardsConcurrentEdits();
    void editOfActiveProductIsModeratedUnlessOnlyStock_data();
    void editOfActiveProductIsModeratedUnlessOnlyStock();
    void patchRespectsTheWorkflowAndValidates();
    void archiveTakesProductOffSale();
    void onlyAdminsDelete();
    void unverifiedSellerHasThreeLiveProducts();
    void concurrentCreatesStopAtTheLimit();
    void verifiedSellerLimitIsConfigurable();
    void createRejectsBadInput_data();
    void createRejectsBadInput();
    void sellerStatsCountByStatus();

private:
    // GET /seller/stats: product_limit {max, used, remaining}.
    QList<qint64> limitOf(const Account &seller);

    DataDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
    CatalogClient m_client;
    Account m_buyer;
    Account m_moderator;
    Account m_stranger; // a seller who owns none of the products under test
};

QList<qint64> CatalogTest::limitOf(const Account &seller)
{
    const QJsonObject limit =
        valueIn(m_client.call(seller, "GET", "/api/v1/seller/stats"), "product_limit").toObject();
    return {limit.value(QStringLiteral("max")).toInteger(-1),
            limit.value(QStringLiteral("used")).toInteger(-1),
            limit.value(QStringLiteral("remaining")).toInteger(-1)};
}

void CatalogTest::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(m_dir.path());
    m_server->environment().insert(QStringLiteral("FAIRDROP_LIMIT_VERIFIED_SELLER_PRODUCTS"),
                                   QString::number(kVerifiedLimit));
    QVERIFY(m_client.startServer(*m_server));
    m_buyer = m_client.signUp(QStringLiteral("buyer@example.com"), QStringLiteral("buyer"));
    m_moderator = m_client.newModerator(QStringLiteral("moderator"));
    m_stranger = m_client.newSeller(QStringLiteral("stranger"), false);
    for (const Account *each : {&m_client.admin, &m_buyer, &m_moderator, &m_stranger})
        QVERIFY(!each->id.isEmpty());
}

void CatalogTest::cleanupTestCase()
{
    m_server->terminate();
}

void CatalogTest::createAnswersWithTheFullView()
{
    const Account seller = m_client.newSeller(QStringLiteral("creator"), false);
    QJsonObject body = productBody(QStringLiteral("Desk lamp"), QStringLiteral("149.9"), 7);
    body.insert(QStringLiteral("description"), QStringLiteral("Brass,\n40 cm\ttall"));
    const auto created = m_client.create(seller, body);
    QCOMPARE(created.status, 201);
    const QJsonObject product = created.json().object();
    const QString id = product.value(QStringLiteral("id")).toString();
    QVERIFY(!QUuid::fromString(id).isNull());
    QCOMPARE(created.header("location"), productPath(id));
    const QByteArray etag = created.header("etag");
    QVERIFY(etag.size() > 2 && etag.endsWith('"'));

    for (const QString &member : fullViewMembers())
        QVERIFY2(product.contains(member), qPrintable(member));
    QCOMPARE(product.value(QStringLiteral("seller_id")).toString(), seller.id);
    QCOMPARE(product.value(QStringLiteral("name")).toString(), QStringLiteral("Desk lamp"));
    QCOMPARE(product.value(QStringLiteral("description")).toString(), QStringLiteral("Brass,\n40 cm\ttall"));
    QCOMPARE(product.value(QStringLiteral("price")), QJsonValue(QStringLiteral("149.90"))); // a string
    QVERIFY(product.value(QStringLiteral("stock")).isDouble());
    QCOMPARE(product.value(QStringLiteral("stock")).toInteger(), 7);
    QCOMPARE(product.value(QStringLiteral("status")).toString(), QStringLiteral("DRAFT"));
    for (const char *unset :
         {"rejection_reason", "claimed_by", "claim_expires_at", "submitted_at", "published_at"})
        QVERIFY2(product.value(QLatin1StringView(unset)).isNull(), unset);
    for (const char *time : {"created_at", "updated_at"})
        QVERIFY2(
            QDateTime::fromString(product.value(QLatin1StringView(time)).toString(), Qt::ISODate).isValid(),
            time);

    // The owner reads back the very same representation.
    const auto read = m_client.get(seller, id);
    QCOMPARE(read.status, 200);
    QCOMPARE(read.json().object(), product);
    QCOMPARE(read.header("etag"), etag);
}

void CatalogTest::createNormalisesPricesAndAcceptsTheBounds()
{
    const Account seller = m_client.newSeller(QStringLiteral("bounds"), true);
    for (const auto &[sent, shown] : QList<std::pair<const char *, const char *>>{
             {"5", "5.00"}, {"123.4", "123.40"}, {"0.10", "0.10"}, {"1000000", "1000000.00"}}) {
        const auto created =
            m_client.create(seller, productBody(QStringLiteral("Priced"), QLatin1StringView(sent)));
        QVERIFY2(created.status == 201, sent);
        QCOMPARE(valueIn(created, "price").toString(), QLatin1StringView(shown));
    }
    QJsonObject largest = productBody(QString(200, u'n'), QStringLiteral("1000000.00"), 1'000'000);
    largest.insert(QStringLiteral("description"), QString(5000, u'd'));
    const auto created = m_client.create(seller, largest);
    QCOMPARE(created.status, 201);
    QCOMPARE(valueIn(created, "name").toString().size(), 200);
    QCOMPARE(valueIn(created, "stock").toInteger(), 1'000'000);
    QCOMPARE(m_client.create(seller, productBody(QStringLiteral("Sold out"), QStringLiteral("1"), 0)).status,
             201);
}

void CatalogTest::onlySellersAndAdminsCreate()
{
    const QJsonObject body = productBody(QStringLiteral("Contraband"));
    QVERIFY(isProblem(m_client.create(m_buyer, body), 403, "forbidden"));
    QVERIFY(isProblem(m_client.create(m_moderator, body), 403, "forbidden"));
    QCOMPARE(m_client.create({}, body).status, 401);
    const auto byAdmin = m_client.create(m_client.admin, productBody(QStringLiteral("House brand")));
    QCOMPARE(byAdmin.status, 201);
    QCOMPARE(valueIn(byAdmin, "seller_id").toString(), m_client.admin.id);
}

void CatalogTest::activeProductShowsPublicViewToStrangers()
{
    const Account seller = m_client.newSeller(QStringLiteral("shopfront"), false);
    const QString id = m_client.createActive(seller, QStringLiteral("Reading lamp"), QStringLiteral("35"));
    QVERIFY(!id.isEmpty());
    for (const Account &stranger : {Account{}, m_buyer, m_stranger}) {
        const auto response = m_client.get(stranger, id);
        QCOMPARE(response.status, 200);
        QVERIFY(!response.header("etag").isEmpty());
        QCOMPARE(setOf(response.json().object().keys()), publicViewMembers());
        QCOMPARE(valueIn(response, "status").toString(), QStringLiteral("ACTIVE"));
        QCOMPARE(valueIn(response, "price").toString(), QStringLiteral("35.00"));
        QVERIFY(valueIn(response, "published_at").isString());
    }
    for (const Account &insider : {seller, m_moderator, m_client.admin}) {
        const auto response = m_client.get(insider, id);
        QCOMPARE(response.status, 200);
        for (const QString &member : fullViewMembers())
            QVERIFY2(response.json().object().contains(member), qPrintable(member));
        QVERIFY(valueIn(response, "submitted_at").isString());
    }
}

void CatalogTest::otherStatesAreHiddenFromStrangers()
{
    const Account seller = m_client.newSeller(QStringLiteral("private"), false);
    const QString draft = m_client.createDraft(seller, QStringLiteral("Secret draft"));
    const QString pending = m_client.createPending(seller, QStringLiteral("Secret pending"));
    QVERIFY(!draft.isEmpty() && !pending.isEmpty());
    for (const QString &id : {draft, pending}) {
        for (const Account &stranger : {Account{}, m_buyer, m_stranger}) {
            const auto hidden = m_client.get(stranger, id);
            QVERIFY(isProblem(hidden, 404, "not_found"));
            QVERIFY(!hidden.body.contains("Secret"));
        }
        for (const Account &insider : {seller, m_moderator, m_client.admin}) {
            const auto shown = m_client.get(insider, id);
            QCOMPARE(shown.status, 200);
            QVERIFY(shown.json().object().contains(QStringLiteral("rejection_reason"))); // the full view
        }
    }
    for (const QString &bad :
         {QUuid::createUuid().toString(QUuid::WithoutBraces), QStringLiteral("not-a-uuid"),
          QStringLiteral("1'%20OR%20'1'='1"), QString(5000, u'f')}) {
        QVERIFY2(isProblem(m_client.get({}, bad), 404, "not_found"), qPrintable(bad.left(40)));
        QVERIFY2(isProblem(m_client.get(m_client.admin, bad), 404, "not_found"), qPrintable(bad.left(40)));
    }
}

void CatalogTest::invalidTokenIsRefusedOnThePublicRoute()
{
    const QString id = m_client.createActive(m_client.admin, QStringLiteral("Public mug"));
    QVERIFY(!id.isEmpty());
    QCOMPARE(m_client.get({}, id).status, 200);
    for (const QByteArray &bearer :
         {QByteArray("Bearer not.a.token"),
          QByteArray("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl")}) {
        const auto refused = m_client.get({QString(), bearer}, id);
        QCOMPARE(refused.status, 401);
        QVERIFY(!refused.header("www-authenticate").isEmpty());
        QVERIFY(!refused.body.contains("Public mug"));
    }
}

void CatalogTest::matchingIfNoneMatchAnswers304()
{
    const Account seller = m_client.newSeller(QStringLiteral("cached"), false);
    const QString id = m_client.createActive(seller, QStringLiteral("Cached kettle"));
    QVERIFY(!id.isEmpty());
    for (const Account &reader : {Account{}, seller}) {
        const QByteArray etag = m_client.get(reader, id).header("etag");
        QVERIFY(!etag.isEmpty());
        const auto unchanged = m_client.get(reader, id, {{"If-None-Match", etag}});
        QCOMPARE(unchanged.status, 304);
        QVERIFY(unchanged.body.isEmpty());
        QCOMPARE(m_client.get(reader, id, {{"If-None-Match", "\"something else\""}}).status, 200);
    }
    const QByteArray before = m_client.get({}, id).header("etag");
    QCOMPARE(m_client.patch(seller, id, {{QStringLiteral("stock"), 2}}).status, 200);
    const auto changed = m_client.get({}, id, {{"If-None-Match", before}});
    QCOMPARE(changed.status, 200);
    QVERIFY(!changed.header("etag").isEmpty() && changed.header("etag") != before);
    QCOMPARE(valueIn(changed, "stock").toInteger(), 2);
}

void CatalogTest::onlyTheOwnerPatches()
{
    const Account seller = m_client.newSeller(QStringLiteral("owner"), false);
    const QString draft = m_client.createDraft(seller, QStringLiteral("Mine, draft"));
    const QString active = m_client.createActive(seller, QStringLiteral("Mine, live"));
    QVERIFY(!draft.isEmpty() && !active.isEmpty());
    const QJsonObject change = named(QStringLiteral("Taken over"));
    QVERIFY(isProblem(m_client.patch(m_stranger, draft, change), 404, "not_found"));
    QVERIFY(isProblem(m_client.patch(m_buyer, draft, change), 404, "not_found"));
    // Staff may read a draft; whether they are told 403 or 404 for it, they may not change it.
    for (const Account &staff : {m_moderator, m_client.admin}) {
        const int status = m_client.patch(staff, draft, change).status;
        QVERIFY2(status == 403 || status == 404, qPrintable(QString::number(status)));
    }
    for (const Account &other : {m_stranger, m_buyer, m_moderator, m_client.admin})
        QVERIFY(isProblem(m_client.patch(other, active, change), 403, "forbidden"));
    QCOMPARE(m_client.patch({}, active, change).status, 401);
    QCOMPARE(m_client.textOf(draft, "name"), QStringLiteral("Mine, draft"));
    QCOMPARE(m_client.textOf(active, "name"), QStringLiteral("Mine, live"));
    QCOMPARE(m_client.statusOf(active), QStringLiteral("ACTIVE"));
}

void CatalogTest::ifMatchGuardsConcurrentEdits()
{
    const Account seller = m_client.newSeller(QStringLiteral("careful"), false);
    const QString id = m_client.createDraft(seller, QStringLiteral("Original"));
    QVERIFY(!id.isEmpty());
    const QByteArray first = m_client.get(seller, id).header("etag");
    QVERIFY(!first.isEmpty());

    const auto mismatch = m_client.patch(seller, id, named(QStringLiteral("Lost")), {{"If-Match", "\"0\""}});
    QVERIFY(isProblem(mismatch, 412, "precondition_failed"));
    QCOMPARE(m_client.textOf(id, "name"), QStringLiteral("Original"));

    const auto changed = m_client.patch(seller, id, named(QStringLiteral("Second")), {{"If-Match", first}});
    QCOMPARE(changed.status, 200);
    QCOMPARE(valueIn(changed, "name").toString(), QStringLiteral("Second"));
    const QByteArray second = changed.header("etag");
    QVERIFY(!second.isEmpty() && second != first);
    QCOMPARE(m_client.get(seller, id).header("etag"), second);

    // Another tab still holds the first version.
    QVERIFY(isProblem(m_client.patch(seller, id, named(QStringLiteral("Stale")), {{"If-Match", first}}), 412,
                      "precondition_failed"));
    QCOMPARE(m_client.patch(seller, id, named(QStringLiteral("Third"))).status, 200); // If-Match is optional
    QCOMPARE(m_client.textOf(id, "name"), QStringLiteral("Third"));
}

void CatalogTest::editOfActiveProductIsModeratedUnlessOnlyStock_data()
{
    QTest::addColumn<QString>("member");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QJsonValue>("shown");
    QTest::addColumn<QString>("status");
    const QString pending = QStringLiteral("PENDING_MODERATION");
    QTest::newRow("name") << QStringLiteral("name") << QJsonValue(QStringLiteral("Renamed"))
                          << QJsonValue(QStringLiteral("Renamed")) << pending;
    QTest::newRow("description") << QStringLiteral("description")
                                 << QJsonValue(QStringLiteral("With a shade"))
                                 << QJsonValue(QStringLiteral("With a shade")) << pending;
    QTest::newRow("price") << QStringLiteral("price") << QJsonValue(QStringLiteral("12.5"))
                           << QJsonValue(QStringLiteral("12.50")) << pending;
    QTest::newRow("stock") << QStringLiteral("stock") << QJsonValue(0) << QJsonValue(0)
                           << QStringLiteral("ACTIVE");
}

void CatalogTest::editOfActiveProductIsModeratedUnlessOnlyStock()
{
    QFETCH(QString, member);
    QFETCH(QJsonValue, value);
    QFETCH(QJsonValue, shown);
    QFETCH(QString, status);
    static const Account seller = m_client.newSeller(QStringLiteral("editor"), true);
    const QString id = m_client.createActive(seller, QStringLiteral("Live lamp"));
    QVERIFY(!id.isEmpty());
    const QString publishedAt = m_client.textOf(id, "published_at");
    const auto edited = m_client.patch(seller, id, {{member, value}});
    QCOMPARE(edited.status, 200);
    QCOMPARE(valueIn(edited, "status").toString(), status);
    QCOMPARE(edited.json().object().value(member), shown);
    QCOMPARE(m_client.textOf(id, "published_at"), publishedAt);
    // A changed description must not go on sale before a moderator has seen it; a new stock count may.
    const bool onSale = status == QStringLiteral("ACTIVE");
    QCOMPARE(m_client.get({}, id).status, onSale ? 200 : 404);
    QCOMPARE(m_client.listed("seller_id=" + seller.id.toLatin1()).contains(id), onSale);
}

void CatalogTest::patchRespectsTheWorkflowAndValidates()
{
    const Account seller = m_client.newSeller(QStringLiteral("workflow"), true);
    const QString pending = m_client.createPending(seller, QStringLiteral("Waiting"));
    const QString reviewed = m_client.createPending(seller, QStringLiteral("Under review"));
    const QString archived = m_client.createDraft(seller, QStringLiteral("Retired"));
    const QString draft = m_client.createDraft(seller, QStringLiteral("Sketch"));
    const QString rejected = m_client.createPending(seller, QStringLiteral("Refused"));
    QVERIFY(!setOf({pending, reviewed, archived, draft, rejected}).contains(QString()));
    QCOMPARE(m_client.act(m_moderator, reviewed, "claim").status, 200);
    QCOMPARE(m_client.act(seller, archived, "archive").status, 200);
    QCOMPARE(
        m_client
            .act(m_client.admin, rejected, "reject", {{QStringLiteral("reason"), QStringLiteral("Blurry")}})
            .status,
        200);

    for (const QString &id : {pending, reviewed, archived}) {
        const QString before = m_client.statusOf(id);
        QVERIFY(isProblem(m_client.patch(seller, id, {{QStringLiteral("stock"), 9}}), 409, "invalid_state"));
        QCOMPARE(m_client.statusOf(id), before);
    }
    for (const auto &[id, status] : QList<std::pair<QString, QString>>{
             {draft, QStringLiteral("DRAFT")}, {rejected, QStringLiteral("REJECTED")}}) {
        const auto edited = m_client.patch(seller, id, named(QStringLiteral("Better")));
        QCOMPARE(edited.status, 200);
        QCOMPARE(valueIn(edited, "status").toString(), status);
    }

    for (const auto &[body, field] :
         QList<std::pair<QByteArray, QString>>{{"{}", QString()},
                                               {"{\"price\":10.5}", QStringLiteral("price")},
                                               {"{\"stock\":-1}", QStringLiteral("stock")},
                                               {"{\"name\":\"\"}", QStringLiteral("name")},
                                               {"{\"status\":\"ACTIVE\"}", QStringLiteral("status")},
                                               {"{\"seller_id\":\"x\"}", QStringLiteral("seller_id")}}) {
        const auto refused = m_client.call(seller, "PATCH", productPath(draft), body);
        QVERIFY2(isProblem(refused, 422, "validation_failed"), body.constData());
        QVERIFY2(field.isEmpty() || errorFields(refused).contains(field), refused.body.constData());
    }
    QCOMPARE(m_client.textOf(draft, "name"), QStringLiteral("Better"));
    QCOMPARE(m_client.statusOf(draft), QStringLiteral("DRAFT"));
}

void CatalogTest::archiveTakesProductOffSale()
{
    const Account seller = m_client.newSeller(QStringLiteral("retiring"), false);
    const QString active = m_client.createActive(seller, QStringLiteral("Old stock"));
    const QString draft = m_client.createDraft(seller, QStringLiteral("Never launched"));
    QVERIFY(!active.isEmpty() && !draft.isEmpty());

    const int refused = m_client.act(m_stranger, active, "archive").status;
    QVERIFY2(refused == 403 || refused == 404, qPrintable(QString::number(refused)));
    QCOMPARE(m_client.statusOf(active), QStringLiteral("ACTIVE"));

    const auto archived = m_client.act(seller, active, "archive");
    QCOMPARE(archived.status, 200);
    QCOMPARE(valueIn(archived, "status").toString(), QStringLiteral("ARCHIVED"));
    QCOMPARE(m_client.get({}, active).status, 404);
    QVERIFY(!m_client.listed("seller_id=" + seller.id.toLatin1()).contains(active));
    QCOMPARE(valueIn(m_client.get(seller, active), "status").toString(), QStringLiteral("ARCHIVED"));
    QVERIFY(isProblem(m_client.act(seller, active, "archive"), 409, "invalid_state"));

    // The admin may archive anyone's product.
    QCOMPARE(m_client.act(m_client.admin, draft, "archive").status, 200);
    QCOMPARE(m_client.statusOf(draft), QStringLiteral("ARCHIVED"));
}

void CatalogTest::onlyAdminsDelete()
{
    const Account seller = m_client.newSeller(QStringLiteral("deleted"), false);
    const QString id = m_client.createActive(seller, QStringLiteral("Counterfeit"));
    QVERIFY(!id.isEmpty());
    for (const Account &refused : {seller, m_moderator, m_buyer})
        QVERIFY(isProblem(m_client.call(refused, "DELETE", productPath(id)), 403, "forbidden"));
    QCOMPARE(m_client.call({}, "DELETE", productPath(id)).status, 401);
    QCOMPARE(m_client.get({}, id).status, 200);

    const auto deleted = m_client.call(m_client.admin, "DELETE", productPath(id));
    QCOMPARE(deleted.status, 204);
    QVERIFY(deleted.body.isEmpty());
    for (const Account &reader : {Account{}, seller, m_client.admin})
        QCOMPARE(m_client.get(reader, id).status, 404);
    QVERIFY(isProblem(m_client.call(m_client.admin, "DELETE", productPath(id)), 404, "not_found"));
    QCOMPARE(m_client.call(m_client.admin, "DELETE", productPath(QStringLiteral("nope"))).status, 404);
    QVERIFY(!m_client.listed("seller_id=" + seller.id.toLatin1()).contains(id));
}

void CatalogTest::unverifiedSellerHasThreeLiveProducts()
{
    const Account seller = m_client.newSeller(QStringLiteral("small"), false);
    QStringList ids;
    for (int i = 0; i < 3; ++i)
        ids.append(m_client.createDraft(seller, QStringLiteral("Small %1").arg(i)));
    QVERIFY(!ids.contains(QString()));
    const QJsonObject another = productBody(QStringLiteral("One too many"));
    QVERIFY(isProblem(m_client.create(seller, another), 409, "product_limit_reached"));
    QCOMPARE(limitOf(seller), (QList<qint64>{3, 3, 0}));

    // Archived products do not count.
    QCOMPARE(m_client.act(seller, ids.first(), "archive").status, 200);
    QCOMPARE(limitOf(seller), (QList<qint64>{3, 2, 1}));
    QCOMPARE(m_client.create(seller, another).status, 201);
    QVERIFY(isProblem(m_client.create(seller, another), 409, "product_limit_reached"));
}

void CatalogTest::concurrentCreatesStopAtTheLimit()
{
    const Account seller = m_client.newSeller(QStringLiteral("rush"), false);
    QVERIFY(!seller.id.isEmpty());
    constexpr int kClients = 10;
    QList<HttpResponse> answers(kClients);
    std::vector<std::thread> clients;
    for (int i = 0; i < kClients; ++i)
        clients.emplace_back([this, &answers, &seller, i] {
            answers[i] = m_client.create(seller, productBody(QStringLiteral("Rush %1").arg(i)));
        });
    for (auto &client : clients)
        client.join();

    int created = 0;
    for (const HttpResponse &answer : answers) {
        if (answer.status == 201)
            ++created;
        else // never a 5xx, never a lost connection
            QVERIFY(isProblem(answer, 409, "product_limit_reached"));
    }
    QCOMPARE(created, 3);
    QCOMPARE(m_client.pageThrough(seller, "/api/v1/seller/products", 50).size(), 3);
    QCOMPARE(limitOf(seller), (QList<qint64>{3, 3, 0}));
}

void CatalogTest::verifiedSellerLimitIsConfigurable()
{
    const Account seller = m_client.newSeller(QStringLiteral("growing"), false);
    for (int i = 0; i < 3; ++i)
        QVERIFY(!m_client.createDraft(seller, QStringLiteral("Early %1").arg(i)).isEmpty());
    QVERIFY(isProblem(m_client.create(seller, productBody(QStringLiteral("Early 3"))), 409,
                      "product_limit_reached"));

    QVERIFY(m_client.change(seller, {{QStringLiteral("is_verified"), true}}));
    for (int i = 3; i < kVerifiedLimit; ++i)
        QVERIFY(!m_client.createDraft(seller, QStringLiteral("Verified %1").arg(i)).isEmpty());
    QVERIFY(isProblem(m_client.create(seller, productBody(QStringLiteral("Over"))), 409,
                      "product_limit_reached"));
    QCOMPARE(limitOf(seller), (QList<qint64>{kVerifiedLimit, kVerifiedLimit, 0}));
}

void CatalogTest::createRejectsBadInput_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("field");
    // A valid body with one member replaced by raw JSON text (or left out, for a null QByteArray).
    auto with = [](const QByteArray &member, const QByteArray &raw) -> QByteArray {
        QJsonObject valid = productBody(QStringLiteral("Lamp"));
        valid.remove(QString::fromLatin1(member));
        const QByteArray text = json(valid).chopped(1);
        if (raw.isNull())
            return text + '}';
        return text + ",\"" + member + "\":" + raw + '}';
    };
    const QString price = QStringLiteral("price");
    for (const char *bad : {"\"0.05\"", "\"abc\"", "\"1e400\"", "\"-1\"", "\"1.234\"", "10.5",
                            "\"1000000.01\"", "\"0\"", "\"\"", "\" 10\"", "\"+10\"", "null"})
        QTest::newRow(qPrintable(QStringLiteral("price ") + QLatin1StringView(bad)))
            << with("price", bad) << 422 << price;
    QTest::newRow("price missing") << with("price", {}) << 422 << price;
    const QString stock = QStringLiteral("stock");
    for (const char *bad : {"-1", "1.5", "\"5\"", "1000001", "true"})
        QTest::newRow(qPrintable(QStringLiteral("stock ") + QLatin1StringView(bad)))
            << with("stock", bad) << 422 << stock;
    QTest::newRow("stock missing") << with("stock", {}) << 422 << stock;
    // A number no double holds: the JSON parser refuses the body before any field is read.
    QTest::newRow("stock 1e400") << with("stock", "1e400") << 400 << QString();
    const QString name = QStringLiteral("name");
    QTest::newRow("name empty") << with("name", "\"\"") << 422 << name;
    QTest::newRow("name blank") << with("name", "\"   \"") << 422 << name;
    QTest::newRow("name 201 characters") << with("name", '"' + QByteArray(201, 'n') + '"') << 422 << name;
    QTest::newRow("name 1 MB") << with("name", '"' + QByteArray(1'000'000, 'n') + '"') << 422 << name;
    QTest::newRow("name with NUL") << with("name", "\"a\\u0000b\"") << 422 << name;
    QTest::newRow("name with control") << with("name", "\"a\\u001fb\"") << 422 << name;
    QTest::newRow("name number") << with("name", "5") << 422 << name;
    QTest::newRow("name missing") << with("name", {}) << 422 << name;
    const QString description = QStringLiteral("description");
    QTest::newRow("description 5001 characters")
        << with("description", '"' + QByteArray(5001, 'd') + '"') << 422 << description;
    QTest::newRow("description with NUL") << with("description", "\"a\\u0000b\"") << 422 << description;
    QTest::newRow("unknown member") << with("colour", "\"red\"") << 422 << QStringLiteral("colour");
    QTest::newRow("status smuggled in") << with("status", "\"ACTIVE\"") << 422 << QStringLiteral("status");
    QTest::newRow("not an object") << QByteArray("[{\"name\":\"Lamp\"}]") << 400 << QString();
    QTest::newRow("malformed") << QByteArray("{\"name\":") << 400 << QString();
    QTest::newRow("invalid utf-8") << with("name", "\"\xc3\x28\"") << 400 << QString();
    QTest::newRow("no body") << QByteArray() << 400 << QString();
}

void CatalogTest::createRejectsBadInput()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, field);
    static const Account seller = m_client.newSeller(QStringLiteral("careless"), true);
    const auto response = m_client.call(seller, "POST", "/api/v1/inventory/", body);
    QVERIFY(isProblem(response, status, status == 422 ? "validation_failed" : "malformed_json"));
    if (!field.isEmpty())
        QVERIFY2(errorFields(response).contains(field), response.body.left(300).constData());
    const auto stored = m_client.call(seller, "GET", "/api/v1/seller/products");
    QCOMPARE(stored.status, 200);
    QCOMPARE(idsOf(stored), QStringList{}); // nothing reached the database
}

void CatalogTest::sellerStatsCountByStatus()
{
    const Account seller = m_client.newSeller(QStringLiteral("counted"), false);
    const QString draft = m_client.createDraft(seller, QStringLiteral("Counted draft"));
    const QString active = m_client.createActive(seller, QStringLiteral("Counted live"));
    const QString archived = m_client.createDraft(seller, QStringLiteral("Counted archive"));
    QVERIFY(!draft.isEmpty() && !active.isEmpty() && !archived.isEmpty());
    QCOMPARE(m_client.act(seller, archived, "archive").status, 200);

    const auto response = m_client.call(seller, "GET", "/api/v1/seller/stats");
    QCOMPARE(response.status, 200);
    const QJsonObject products = valueIn(response, "products").toObject();
    QCOMPARE(products.value(QStringLiteral("by_status")).toObject(),
             (QJsonObject{{QStringLiteral("DRAFT"), 1},
                          {QStringLiteral("PENDING_MODERATION"), 0},
                          {QStringLiteral("MODERATION_IN_PROGRESS"), 0},
                          {QStringLiteral("ACTIVE"), 1},
                          {QStringLiteral("REJECTED"), 0},
                          {QStringLiteral("ARCHIVED"), 1}}));
    QCOMPARE(products.value(QStringLiteral("total")).toInteger(), 3);
    QCOMPARE(limitOf(seller), (QList<qint64>{3, 2, 1})); // the archived one does not count
    QVERIFY(isProblem(m_client.call(m_buyer, "GET", "/api/v1/seller/stats"), 403, "forbidden"));
    QCOMPARE(m_client.call({}, "GET", "/api/v1/seller/stats").status, 401);
}

QTEST_GUILESS_MAIN(CatalogTest)
#include "tst_catalog.moc"
