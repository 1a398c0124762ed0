// Browsing the catalog over HTTP against a real server, PostgreSQL and Redis: the public list shows only
// what is on sale, filters and sorts as asked, refuses bad filters with 422, finds Russian and English words
// by their stems and ranks name matches first, and its keyset pages neither skip nor repeat rows while new
// products go on sale between fetches; sellers page through their own products in every state.
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

using namespace fd::test;

namespace {} // namespace

class CatalogBrowseTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void publicListShowsOnlyActiveProducts();
    void publicListFiltersAndSorts();
    void publicListRejectsBadFilters_data();
    void publicListRejectsBadFilters();
    void searchMatchesStemsInRussianAndEnglish();
    void searchRanksNameMatchesFirst();
    void pagesNeitherSkipNorRepeatWhileProductsAppear_data();
    void pagesNeitherSkipNorRepeatWhileProductsAppear();
    void sellerListsOwnProductsNewestFirst();

private:
    QStringList search(const QString &text, const QByteArray &extra = {});
    void buildCorpus();

    DataDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
    CatalogClient m_client;
    Account m_buyer;
    Account m_moderator;
    Account m_stranger; // a seller who owns none of the products under test
    Account m_corpusSeller;
    QHash<QString, QString> m_corpus; // name -> id
};

void CatalogBrowseTest::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(m_dir.path());
    QVERIFY(m_client.startServer(*m_server));
    m_buyer = m_client.signUp(QStringLiteral("buyer@example.com"), QStringLiteral("buyer"));
    m_moderator = m_client.newModerator(QStringLiteral("moderator"));
    m_stranger = m_client.newSeller(QStringLiteral("stranger"), false);
    for (const Account *each : {&m_client.admin, &m_buyer, &m_moderator, &m_stranger})
        QVERIFY(!each->id.isEmpty());
}

void CatalogBrowseTest::cleanupTestCase()
{
    m_server->terminate();
}

QStringList CatalogBrowseTest::search(const QString &text, const QByteArray &extra)
{
    return m_client.listed("seller_id=" + m_corpusSeller.id.toLatin1() +
                           "&q=" + QUrl::toPercentEncoding(text) + extra);
}

void CatalogBrowseTest::buildCorpus()
{
    if (!m_corpus.isEmpty())
        return;
    m_corpusSeller = m_client.newSeller(QStringLiteral("corpus"), true);
    const QList<std::tuple<QString, QString, QString>> products{
        {QStringLiteral("Беговые кроссовки"), QStringLiteral("Лёгкие и мягкие"), QStringLiteral("59.00")},
        {QStringLiteral("Шнурки к кроссовкам"), QStringLiteral("Длина 120 см"), QStringLiteral("3.00")},
        {QStringLiteral("Running shoes"), QStringLiteral("For road and track"), QStringLiteral("80.00")},
        {QStringLiteral("Trail kit"), QStringLiteral("Everything she needs when she runs in the hills"),
         QStringLiteral("45.00")},
        {QStringLiteral("Desk lamp"), QStringLiteral("Warm light for late work"), QStringLiteral("30.00")},
        {QStringLiteral("Oak table"), QStringLiteral("Looks good under a lamp"), QStringLiteral("10.00")},
        {QStringLiteral("Кофейная кружка"), QStringLiteral("Керамика, 300 мл"), QStringLiteral("7.00")}};
    for (const auto &[name, description, price] : products)
        m_corpus.insert(name, m_client.createActive(m_corpusSeller, name, price, description));
    // Matches, but is not on sale.
    m_corpus.insert(QStringLiteral("draft"),
                    m_client.createDraft(m_corpusSeller, QStringLiteral("Детские кроссовки")));
}

void CatalogBrowseTest::publicListShowsOnlyActiveProducts()
{
    const Account seller = m_client.newSeller(QStringLiteral("mixed"), true);
    const QString active = m_client.createActive(seller, QStringLiteral("On sale"));
    const QString draft = m_client.createDraft(seller, QStringLiteral("Draft"));
    const QString pending = m_client.createPending(seller, QStringLiteral("Pending"));
    const QString rejected = m_client.createPending(seller, QStringLiteral("Rejected"));
    const QString archived = m_client.createActive(seller, QStringLiteral("Archived"));
    QVERIFY(!setOf({active, draft, pending, rejected, archived}).contains(QString()));
    QCOMPARE(
        m_client.act(m_client.admin, rejected, "reject", {{QStringLiteral("reason"), QStringLiteral("No")}})
            .status,
        200);
    QCOMPARE(m_client.act(seller, archived, "archive").status, 200);

    const QByteArray query = "seller_id=" + seller.id.toLatin1();
    QCOMPARE(m_client.listed(query), QStringList{active});
    // The owner's token changes nothing: the public list is the public list.
    const auto asOwner = m_client.call(seller, "GET", "/api/v1/inventory/?" + query);
    QCOMPARE(idsOf(asOwner), QStringList{active});
    QCOMPARE(setOf(valueIn(asOwner, "items").toArray().first().toObject().keys()), publicViewMembers());
    QVERIFY(valueIn(asOwner, "next_cursor").isNull());
}

void CatalogBrowseTest::publicListFiltersAndSorts()
{
    const Account seller = m_client.newSeller(QStringLiteral("sorted"), true);
    const QString mid = m_client.createActive(seller, QStringLiteral("Mid"), QStringLiteral("20.50"));
    const QString cheap = m_client.createActive(seller, QStringLiteral("Cheap"), QStringLiteral("5"));
    const QString dear = m_client.createActive(seller, QStringLiteral("Dear"), QStringLiteral("149.90"));
    QVERIFY(!mid.isEmpty() && !cheap.isEmpty() && !dear.isEmpty());
    QVERIFY(!m_client.createActive(m_stranger, QStringLiteral("Someone else's")).isEmpty());

    const QByteArray mine = "seller_id=" + seller.id.toLatin1();
    QCOMPARE(m_client.listed(mine), (QStringList{dear, cheap, mid})); // newest published first
    QCOMPARE(m_client.listed(mine + "&sort=new"), (QStringList{dear, cheap, mid}));
    QCOMPARE(m_client.listed(mine + "&sort=price_asc"), (QStringList{cheap, mid, dear}));
    QCOMPARE(m_client.listed(mine + "&sort=price_desc"), (QStringList{dear, mid, cheap}));
    QCOMPARE(m_client.listed(mine + "&min_price=10"), (QStringList{dear, mid}));
    QCOMPARE(m_client.listed(mine + "&max_price=100.5"), (QStringList{cheap, mid}));
    QCOMPARE(m_client.listed(mine + "&min_price=20.5&max_price=149.90&sort=price_asc"),
             (QStringList{mid, dear}));
    QCOMPARE(m_client.listed(mine + "&min_price=5&max_price=5.00"), QStringList{cheap}); // bounds included
    QCOMPARE(m_client.listed(mine + "&min_price=150"), QStringList{});
    QCOMPARE(m_client.listed("seller_id=" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces)),
             QStringList{});
}

void CatalogBrowseTest::publicListRejectsBadFilters_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QString>("field");
    QTest::newRow("min_price words") << QByteArray("min_price=abc") << QStringLiteral("min_price");
    QTest::newRow("min_price negative") << QByteArray("min_price=-1") << QStringLiteral("min_price");
    QTest::newRow("min_price 3 decimals") << QByteArray("min_price=1.234") << QStringLiteral("min_price");
    QTest::newRow("max_price exponent") << QByteArray("max_price=1e3") << QStringLiteral("max_price");
    QTest::newRow("max_price empty") << QByteArray("max_price=") << QStringLiteral("max_price");
    QTest::newRow("min above max") << QByteArray("min_price=10&max_price=5") << QString();
    QTest::newRow("seller_id malformed") << QByteArray("seller_id=nope") << QStringLiteral("seller_id");
    QTest::newRow("unknown sort") << QByteArray("sort=cheapest") << QStringLiteral("sort");
    QTest::newRow("sort in capitals") << QByteArray("sort=PRICE_ASC") << QStringLiteral("sort");
    QTest::newRow("relevance without q") << QByteArray("sort=relevance") << QStringLiteral("sort");
    QTest::newRow("q empty") << QByteArray("q=") << QStringLiteral("q");
    QTest::newRow("q 201 characters") << ("q=" + QByteArray(201, 'q')) << QStringLiteral("q");
    QTest::newRow("limit 0") << QByteArray("limit=0") << QStringLiteral("limit");
    QTest::newRow("limit 201") << QByteArray("limit=201") << QStringLiteral("limit");
    QTest::newRow("cursor garbage") << QByteArray("cursor=%25%25%25") << QStringLiteral("cursor");
    QTest::newRow("cursor not ours") << QByteArray("cursor=bm9wZQ") << QStringLiteral("cursor");
}

void CatalogBrowseTest::publicListRejectsBadFilters()
{
    QFETCH(QByteArray, query);
    QFETCH(QString, field);
    const auto response = m_client.call({}, "GET", "/api/v1/inventory/?" + query);
    QVERIFY(isProblem(response, 422, "validation_failed"));
    if (!field.isEmpty())
        QVERIFY2(errorFields(response).contains(field), response.body.constData());
}

void CatalogBrowseTest::searchMatchesStemsInRussianAndEnglish()
{
    buildCorpus();
    QVERIFY(!m_corpus.values().contains(QString()));
    const QStringList sneakers = search(QStringLiteral("кроссовки"));
    QVERIFY(sneakers.contains(m_corpus.value(QStringLiteral("Беговые кроссовки"))));
    // Another case of the same word.
    QVERIFY(sneakers.contains(m_corpus.value(QStringLiteral("Шнурки к кроссовкам"))));
    QCOMPARE(sneakers.size(), 2); // not the draft, nothing else
    const QSet<QString> running{m_corpus.value(QStringLiteral("Running shoes")),
                                m_corpus.value(QStringLiteral("Trail kit"))};
    QCOMPARE(setOf(search(QStringLiteral("running"))), running);
    QCOMPARE(setOf(search(QStringLiteral("runs"))), running);
    QCOMPARE(setOf(search(QStringLiteral("RUNNING"))), running);
    QCOMPARE(search(QStringLiteral("кофеварка")), QStringList{});
    QCOMPARE(search(QStringLiteral("xylophone")), QStringList{});
    // Search syntax in the text is taken as text, never as a query the database fails to parse.
    QCOMPARE(m_client
                 .call({}, "GET",
                       "/api/v1/inventory/?q=" + QUrl::toPercentEncoding(QStringLiteral("lamp & | ! (:*")))
                 .status,
             200);
}

void CatalogBrowseTest::searchRanksNameMatchesFirst()
{
    buildCorpus();
    const QString inName = m_corpus.value(QStringLiteral("Desk lamp"));
    const QString inDescription = m_corpus.value(QStringLiteral("Oak table"));
    QVERIFY(!inName.isEmpty() && !inDescription.isEmpty());
    QCOMPARE(search(QStringLiteral("lamp")), (QStringList{inName, inDescription})); // relevance by default
    QCOMPARE(search(QStringLiteral("lamp"), "&sort=relevance"), (QStringList{inName, inDescription}));
    // Another order may be asked for with a query.
    QCOMPARE(search(QStringLiteral("lamp"), "&sort=price_asc"), (QStringList{inDescription, inName}));
}

void CatalogBrowseTest::pagesNeitherSkipNorRepeatWhileProductsAppear_data()
{
    QTest::addColumn<QByteArray>("sort");
    QTest::newRow("new") << QByteArray("new");
    QTest::newRow("price_asc") << QByteArray("price_asc");
    QTest::newRow("price_desc") << QByteArray("price_desc");
}

void CatalogBrowseTest::pagesNeitherSkipNorRepeatWhileProductsAppear()
{
    QFETCH(QByteArray, sort);
    const Account seller = m_client.newSeller(QStringLiteral("pages-") + QString::fromLatin1(sort), true);
    QSet<QString> before;
    // Two share a price: the keyset must break the tie.
    for (const char *price : {"10.00", "20.00", "30.00", "30.00", "50.00", "60.00", "70.00"})
        before.insert(m_client.createActive(seller, QStringLiteral("Before"), QLatin1StringView(price)));
    QCOMPARE(before.size(), 7);
    QVERIFY(!before.contains(QString()));
    // Prices that land before, at and after where the walk will be when they arrive.
    QStringList arriving{QStringLiteral("25.00"), QStringLiteral("30.00"), QStringLiteral("65.00"),
                         QStringLiteral("5.00")};

    QStringList seen;
    QList<double> prices;
    QList<QDateTime> published;
    QByteArray cursor;
    for (int page = 0; page < 20; ++page) {
        QByteArray url =
            "/api/v1/inventory/?seller_id=" + seller.id.toLatin1() + "&sort=" + sort + "&limit=2";
        if (!cursor.isEmpty())
            url += "&cursor=" + QUrl::toPercentEncoding(QString::fromLatin1(cursor));
        const auto response = m_client.call({}, "GET", url);
        QCOMPARE(response.status, 200);
        const QJsonArray items = valueIn(response, "items").toArray();
        QVERIFY(items.size() <= 2);
        for (const QJsonValue item : items) {
            const QJsonObject product = item.toObject();
            seen.append(product.value(QStringLiteral("id")).toString());
            prices.append(product.value(QStringLiteral("price")).toString().toDouble());
            published.append(QDateTime::fromString(product.value(QStringLiteral("published_at")).toString(),
                                                   Qt::ISODateWithMs));
            QVERIFY(published.last().isValid());
        }
        // A product goes on sale between two page fetches.
        if (!arriving.isEmpty())
            QVERIFY(
                !m_client.createActive(seller, QStringLiteral("Arrived"), arriving.takeFirst()).isEmpty());
        const QJsonValue next = valueIn(response, "next_cursor");
        if (next.isNull())
            break;
        cursor = next.toString().toLatin1();
    }
    QVERIFY(arriving.isEmpty()); // seven rows make at least four pages of two: every arrival happened
    QCOMPARE(setOf(seen).size(), seen.size()); // nothing repeated
    for (const QString &id : before)
        QVERIFY2(seen.count(id) == 1, qPrintable(id)); // nothing skipped
    for (qsizetype i = 1; i < seen.size(); ++i) {
        if (sort == "new")
            QVERIFY(published.at(i) <= published.at(i - 1));
        else if (sort == "price_asc")
            QVERIFY(prices.at(i) >= prices.at(i - 1));
        else
            QVERIFY(prices.at(i) <= prices.at(i - 1));
    }
}

void CatalogBrowseTest::sellerListsOwnProductsNewestFirst()
{
    const Account seller = m_client.newSeller(QStringLiteral("lister"), false);
    const QString draft = m_client.createDraft(seller, QStringLiteral("First"));
    const QString pending = m_client.createPending(seller, QStringLiteral("Second"));
    const QString active = m_client.createActive(seller, QStringLiteral("Third"));
    QVERIFY(!draft.isEmpty() && !pending.isEmpty() && !active.isEmpty());

    const auto listing = m_client.call(seller, "GET", "/api/v1/seller/products");
    QCOMPARE(listing.status, 200);
    QCOMPARE(idsOf(listing), (QStringList{active, pending, draft}));
    for (const QJsonValue item : valueIn(listing, "items").toArray())
        QVERIFY(item.toObject().contains(QStringLiteral("rejection_reason"))); // the full view
    const QByteArray path = "/api/v1/seller/products";
    QCOMPARE(m_client.pageThrough(seller, path, 1), (QStringList{active, pending, draft}));
    QCOMPARE(m_client.pageThrough(seller, path + "?status=DRAFT", 50), QStringList{draft});
    QCOMPARE(m_client.pageThrough(seller, path + "?status=ACTIVE", 50), QStringList{active});
    QCOMPARE(idsOf(m_client.call(seller, "GET", path + "?status=REJECTED")), QStringList{});
    for (const QByteArray &bad :
         {QByteArray("status=draft"), QByteArray("status=SOLD"), QByteArray("limit=0")})
        QVERIFY2(isProblem(m_client.call(seller, "GET", path + '?' + bad), 422, "validation_failed"),
                 bad.constData());
    QVERIFY(isProblem(m_client.call(m_buyer, "GET", path), 403, "forbidden"));
    QVERIFY(isProblem(m_client.call(m_moderator, "GET", path), 403, "forbidden"));
    QCOMPARE(m_client.call({}, "GET", path).status, 401);
    QVERIFY(!m_client.pageThrough(m_stranger, path, 50).contains(draft));
}

QTEST_GUILESS_MAIN(CatalogBrowseTest)
#include "tst_catalogbrowse.moc"
