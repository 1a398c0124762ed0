// Holds over HTTP against a real server, PostgreSQL and Redis: who may hold what, how many, the answers
// to every refusal, release, idempotent retries, and Redis losing a product's state. The oversell runs
// with many clients and two nodes live in tst_oversell; expiry in tst_holdexpiry.
#include "tests/support/catalogclient.h"
#include "tests/support/httpclient.h"
#include "tests/support/serverprocess.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTest>
#include <QUuid>

#include <thread>

using namespace fd::test;

namespace {

QByteArray reservationPath(const QString &id)
{
    return "/api/v1/inventory/reservations/" + id.toUtf8();
}

QByteArray reserveBody(const QString &productId, const QJsonValue &quantity)
{
    return json({{QStringLiteral("product_id"), productId}, {QStringLiteral("quantity"), quantity}});
}

} // namespace

class ReservationsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void reserveAnswersTheHold();
    void reserveNeedsAnIdempotencyKey();
    void reserveRejectsBadInput_data();
    void reserveRejectsBadInput();
    void unknownAndHiddenProductsAre404();
    void sellersCannotHoldTheirOwn();
    void soldOutAnswersInsufficientStock();
    void oneBuyerHoldsAtMostTen();
    void releaseReturnsUnitsAtOnce();
    void holdsAreTheirOwnersBusiness();
    void sameKeyReplaysTheFirstAnswer();
    void concurrentDuplicatesMakeOneHold();
    void catalogChangesReachHoldsAtOnce();
    void reservedProductsCannotBeDeleted();
    void stockCannotDropBelowHeldUnits();
    void lostRedisStateIsRebuiltFromTheLedger();
    void staffListEveryHold();
    void decisionsAreCounted();

private:
    QString product(int stock); // an ACTIVE product of m_seller
    qint64 heldUnits(const Account &buyer, const QString &productId);
    bool redisCommand(const QStringList &arguments);
    double rebuildCount(); // fairdrop_hold_state_rebuilds_total

    DataDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
    CatalogClient m_client;
    Account m_seller;
    Account m_buyer;
    Account m_other;
    Account m_moderator;
    int m_products = 0;
};

void ReservationsTest::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(m_dir.path());
    QVERIFY(m_client.startServer(*m_server));
    m_seller = m_client.newSeller(QStringLiteral("holds"), true);
    m_buyer = m_client.signUp(QStringLiteral("buyer@holds.example"), QStringLiteral("buyer"));
    m_other = m_client.signUp(QStringLiteral("other@holds.example"), QStringLiteral("buyer"));
    m_moderator = m_client.newModerator(QStringLiteral("holds"));
    QVERIFY(!m_seller.id.isEmpty() && !m_buyer.id.isEmpty() && !m_other.id.isEmpty() &&
            !m_moderator.id.isEmpty());
}

void ReservationsTest::cleanupTestCase()
{
    if (m_server)
        m_server->terminate();
}

QString ReservationsTest::product(int stock)
{
    return m_client.createStocked(m_seller, QStringLiteral("Drop item %1").arg(++m_products), stock);
}

// Units of the product in the buyer's PENDING holds, from the buyer's own list.
qint64 ReservationsTest::heldUnits(const Account &buyer, const QString &productId)
{
    qint64 units = 0;
    const auto listed = m_client.call(buyer, "GET", "/api/v1/inventory/reservations?limit=200");
    const QJsonArray items = listed.json().object().value(QStringLiteral("items")).toArray();
    for (const QJsonValue &item : items) {
        const QJsonObject hold = item.toObject();
        if (hold.value(QStringLiteral("product_id")).toString() == productId &&
            hold.value(QStringLiteral("status")).toString() == QLatin1StringView("PENDING"))
            units += hold.value(QStringLiteral("quantity")).toInteger();
    }
    return units;
}

double ReservationsTest::rebuildCount()
{
    const QByteArray page = request(m_client.port, "GET", "/metrics").body;
    const QByteArray series = "\nfairdrop_hold_state_rebuilds_total ";
    const qsizetype at = page.indexOf(series);
    return at < 0 ? -1 : page.mid(at + series.size()).split('\n').constFirst().toDouble();
}

bool ReservationsTest::redisCommand(const QStringList &arguments)
{
    QProcess cli;
    cli.start(QStringLiteral("redis-cli"),
              QStringList{QStringLiteral("-s"), m_dir.path() + QStringLiteral("/run/redis.sock")} +
                  arguments);
    return cli.waitForFinished(10'000) && cli.exitCode() == 0;
}

void ReservationsTest::reserveAnswersTheHold()
{
    const QString id = product(5);
    QVERIFY(!id.isEmpty());
    const QDateTime before = QDateTime::currentDateTimeUtc();
    const auto held = m_client.reserve(m_buyer, id, 2);
    QCOMPARE(held.status, 201);
    const QJsonObject hold = held.json().object();
    QCOMPARE(hold.value(QStringLiteral("product_id")).toString(), id);
    QCOMPARE(hold.value(QStringLiteral("quantity")).toInt(), 2);
    QCOMPARE(hold.value(QStringLiteral("status")).toString(), QStringLiteral("PENDING"));
    const QString holdId = hold.value(QStringLiteral("id")).toString();
    QVERIFY(!QUuid::fromString(holdId).isNull());
    QCOMPARE(held.header("location"), reservationPath(holdId));
    // 15 minutes from now, by the database clock (a few seconds of slack for a slow machine).
    const QDateTime expires =
        QDateTime::fromString(hold.value(QStringLiteral("expires_at")).toString(), Qt::ISODateWithMs);
    QVERIFY2(qAbs(before.secsTo(expires) - 900) < 10, qPrintable(expires.toString(Qt::ISODate)));

    const auto read = m_client.call(m_buyer, "GET", reservationPath(holdId));
    QCOMPARE(read.status, 200);
    QCOMPARE(read.json().object(), hold);
    QCOMPARE(heldUnits(m_buyer, id), 2);
    // The list is newest first and paginates.
    QVERIFY(m_client.reserve(m_buyer, id, 1).status == 201);
    QCOMPARE(m_client.pageThrough(m_buyer, "/api/v1/inventory/reservations", 1).size(), 2);
}

void ReservationsTest::reserveNeedsAnIdempotencyKey()
{
    const QString id = product(1);
    const auto missing = m_client.call(m_buyer, "POST", "/api/v1/inventory/reserve", reserveBody(id, 1));
    QVERIFY(isProblem(missing, 428, "idempotency_key_required"));
    for (const QByteArray &bad : {QByteArray(256, 'k'), QByteArray("caf\xc3\xa9"), QByteArray("tab\there")}) {
        const auto refused = m_client.call(m_buyer, "POST", "/api/v1/inventory/reserve", reserveBody(id, 1),
                                           {{"Idempotency-Key", bad}});
        QVERIFY2(isProblem(refused, 400, "bad_request"), bad.constData());
    }
    // The other spelling is honoured too, and nothing above took a unit.
    const auto taken = m_client.call(m_buyer, "POST", "/api/v1/inventory/reserve", reserveBody(id, 1),
                                     {{"X-Idempotency-Key", "x-spelling"}});
    QCOMPARE(taken.status, 201);
}

void ReservationsTest::reserveRejectsBadInput_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    const QString some = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QByteArray unprocessable = "validation_failed";
    QTest::newRow("malformed json") << QByteArray("{\"product_id\": ") << 400
                                    << QStringLiteral("malformed_json");
    QTest::newRow("array") << QByteArray("[1]") << 400 << QStringLiteral("malformed_json");
    QTest::newRow("zero") << reserveBody(some, 0) << 422 << QString::fromLatin1(unprocessable);
    QTest::newRow("eleven") << reserveBody(some, 11) << 422 << QString::fromLatin1(unprocessable);
    QTest::newRow("negative") << reserveBody(some, -1) << 422 << QString::fromLatin1(unprocessable);
    QTest::newRow("fraction") << reserveBody(some, 1.5) << 422 << QString::fromLatin1(unprocessable);
    QTest::newRow("string quantity") << reserveBody(some, QStringLiteral("2")) << 422
                                     << QString::fromLatin1(unprocessable);
    QTest::newRow("huge") << QByteArray("{\"product_id\":\"" + some.toUtf8() + "\",\"quantity\":1e400}")
                          << 400 << QStringLiteral("malformed_json");
    QTest::newRow("overflowing") << reserveBody(some, 9007199254740993.0) << 422
                                 << QString::fromLatin1(unprocessable);
    QTest::newRow("not an id") << reserveBody(QStringLiteral("abc"), 1) << 422
                               << QString::fromLatin1(unprocessable);
    QTest::newRow("id as number") << QByteArray("{\"product_id\":42,\"quantity\":1}") << 422
                                  << QString::fromLatin1(unprocessable);
    QTest::newRow("missing") << QByteArray("{}") << 422 << QString::fromLatin1(unprocessable);
    QTest::newRow("unknown member") << json({{QStringLiteral("product_id"), some},
                                             {QStringLiteral("quantity"), 1},
                                             {QStringLiteral("qty"), 1}})
                                    << 422 << QString::fromLatin1(unprocessable);
}

void ReservationsTest::reserveRejectsBadInput()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    const auto refused = m_client.call(m_buyer, "POST", "/api/v1/inventory/reserve", body,
                                       {{"Idempotency-Key", QUuid::createUuid().toByteArray()}});
    QVERIFY(isProblem(refused, status, code.toLatin1().constData()));
}

void ReservationsTest::unknownAndHiddenProductsAre404()
{
    const auto unknown = m_client.reserve(m_buyer, QUuid::createUuid().toString(QUuid::WithoutBraces), 1);
    QVERIFY(isProblem(unknown, 404, "not_found"));
    const QString draft = m_client.createDraft(m_seller, QStringLiteral("Not yet on sale"));
    QVERIFY(isProblem(m_client.reserve(m_buyer, draft, 1), 404, "not_found"));
    // Staff see the product, so they learn why.
    QVERIFY(isProblem(m_client.reserve(m_moderator, draft, 1), 409, "invalid_state"));
    QVERIFY(isProblem(m_client.reserve({}, draft, 1), 401, "unauthorized"));
}

void ReservationsTest::sellersCannotHoldTheirOwn()
{
    const QString id = product(3);
    QVERIFY(isProblem(m_client.reserve(m_seller, id, 1), 403, "own_product"));
    const QString draft = m_client.createDraft(m_seller, QStringLiteral("Own draft"));
    QVERIFY(isProblem(m_client.reserve(m_seller, draft, 1), 403, "own_product"));
}

void ReservationsTest::soldOutAnswersInsufficientStock()
{
    const QString id = product(3);
    QCOMPARE(m_client.reserve(m_buyer, id, 2).status, 201);
    const auto tooMany = m_client.reserve(m_other, id, 2);
    QVERIFY(isProblem(tooMany, 409, "insufficient_stock"));
    QVERIFY(valueIn(tooMany, "detail").toString().contains(QLatin1StringView("1")));
    QCOMPARE(m_client.reserve(m_other, id, 1).status, 201);
    QVERIFY(isProblem(m_client.reserve(m_other, id, 1), 409, "insufficient_stock"));
    QCOMPARE(heldUnits(m_buyer, id) + heldUnits(m_other, id), 3);
}

void ReservationsTest::oneBuyerHoldsAtMostTen()
{
    const QString id = product(50);
    QCOMPARE(m_client.reserve(m_buyer, id, 6).status, 201);
    QVERIFY(isProblem(m_client.reserve(m_buyer, id, 5), 409, "hold_limit_reached"));
    QCOMPARE(m_client.reserve(m_buyer, id, 4).status, 201);
    QVERIFY(isProblem(m_client.reserve(m_buyer, id, 1), 409, "hold_limit_reached"));
    // Another buyer has a limit of their own.
    QCOMPARE(m_client.reserve(m_other, id, 10).status, 201);
    QCOMPARE(heldUnits(m_buyer, id), 10);
}

void ReservationsTest::releaseReturnsUnitsAtOnce()
{
    const QString id = product(2);
    const auto held = m_client.reserve(m_buyer, id, 2);
    QCOMPARE(held.status, 201);
    const QString holdId = valueIn(held, "id").toString();
    QVERIFY(isProblem(m_client.reserve(m_other, id, 2), 409, "insufficient_stock"));

    QCOMPARE(m_client.call(m_buyer, "DELETE", reservationPath(holdId)).status, 204);
    QCOMPARE(valueIn(m_client.call(m_buyer, "GET", reservationPath(holdId)), "status").toString(),
             QStringLiteral("RELEASED"));
    QCOMPARE(m_client.reserve(m_other, id, 2).status, 201);
    // Releasing again changes nothing, and gives nothing back twice.
    QCOMPARE(m_client.call(m_buyer, "DELETE", reservationPath(holdId)).status, 204);
    QVERIFY(isProblem(m_client.reserve(m_buyer, id, 1), 409, "insufficient_stock"));
    // The released hold no longer counts toward the buyer's ten.
    QCOMPARE(heldUnits(m_buyer, id), 0);
}

void ReservationsTest::holdsAreTheirOwnersBusiness()
{
    const QString id = product(2);
    const QString holdId = valueIn(m_client.reserve(m_buyer, id, 1), "id").toString();
    QVERIFY(!holdId.isEmpty());
    QVERIFY(isProblem(m_client.call(m_other, "GET", reservationPath(holdId)), 404, "not_found"));
    QVERIFY(isProblem(m_client.call(m_other, "DELETE", reservationPath(holdId)), 404, "not_found"));
    QVERIFY(isProblem(m_client.call(m_other, "DELETE", "/api/v1/inventory/reservations/nonsense"), 404,
                      "not_found"));
    QVERIFY(isProblem(
        m_client.call(m_buyer, "GET", reservationPath(QUuid::createUuid().toString(QUuid::WithoutBraces))),
        404, "not_found"));
    QVERIFY(isProblem(m_client.call({}, "GET", "/api/v1/inventory/reservations"), 401, "unauthorized"));
    // Still held: the stranger's attempts changed nothing.
    QCOMPARE(valueIn(m_client.call(m_buyer, "GET", reservationPath(holdId)), "status").toString(),
             QStringLiteral("PENDING"));
    QVERIFY(!m_client.pageThrough(m_other, "/api/v1/inventory/reservations", 50).contains(holdId));
}

void ReservationsTest::sameKeyReplaysTheFirstAnswer()
{
    const QString id = product(5);
    const auto first = m_client.reserve(m_buyer, id, 2, "replay-key-1");
    QCOMPARE(first.status, 201);
    QVERIFY(first.header("idempotent-replayed").isEmpty());
    const auto again = m_client.reserve(m_buyer, id, 2, "replay-key-1");
    QCOMPARE(again.status, 201);
    QCOMPARE(again.body, first.body); // byte for byte
    QCOMPARE(again.header("location"), first.header("location"));
    QCOMPARE(again.header("idempotent-replayed"), QByteArray("true"));
    QCOMPARE(heldUnits(m_buyer, id), 2);

    const auto otherBody = m_client.reserve(m_buyer, id, 3, "replay-key-1");
    QVERIFY(isProblem(otherBody, 422, "idempotency_key_reused"));
    // Keys belong to their caller: another buyer's same key is a new request.
    QCOMPARE(m_client.reserve(m_other, id, 2, "replay-key-1").status, 201);
    // Refusals that changed nothing are not kept: the key is free for a corrected retry.
    const auto invalid = m_client.call(m_buyer, "POST", "/api/v1/inventory/reserve", reserveBody(id, 0),
                                       {{"Idempotency-Key", "replay-key-2"}});
    QVERIFY(isProblem(invalid, 422, "validation_failed"));
    QCOMPARE(m_client.reserve(m_buyer, id, 1, "replay-key-2").status, 201);
    // A decision is kept, a sold-out answer included.
    const auto soldOut = m_client.reserve(m_buyer, id, 1, "replay-key-3");
    QVERIFY(isProblem(soldOut, 409, "insufficient_stock"));
    QCOMPARE(m_client.reserve(m_buyer, id, 1, "replay-key-3").body, soldOut.body);
}

void ReservationsTest::concurrentDuplicatesMakeOneHold()
{
    const QString id = product(10);
    constexpr int kParallel = 10;
    QList<HttpResponse> answers(kParallel);
    std::vector<std::thread> threads;
    for (int i = 0; i < kParallel; ++i)
        threads.emplace_back(
            [&, i] { answers[i] = m_client.reserve(m_buyer, id, 1, "same-key-everywhere"); });
    for (std::thread &thread : threads)
        thread.join();
    QByteArray created;
    for (const HttpResponse &answer : std::as_const(answers)) {
        if (answer.status == 201) {
            // The first answer, or a replay of it.
            if (created.isEmpty())
                created = answer.body;
            QCOMPARE(answer.body, created);
        } else {
            QVERIFY(isProblem(answer, 409, "idempotency_in_progress"));
            QCOMPARE(answer.header("retry-after"), QByteArray("1"));
        }
    }
    QVERIFY(!created.isEmpty());
    QCOMPARE(heldUnits(m_buyer, id), 1);
}

void ReservationsTest::catalogChangesReachHoldsAtOnce()
{
    const QString id = product(1);
    QCOMPARE(m_client.reserve(m_buyer, id, 1).status, 201);
    QVERIFY(isProblem(m_client.reserve(m_other, id, 1), 409, "insufficient_stock"));
    // More stock is on sale the moment the edit commits.
    QCOMPARE(m_client.patch(m_seller, id, {{QStringLiteral("stock"), 2}}).status, 200);
    QCOMPARE(m_client.reserve(m_other, id, 1).status, 201);
    // Archived: off sale for everyone at once; strangers no longer see it.
    QCOMPARE(m_client.act(m_seller, id, "archive").status, 200);
    QCOMPARE(m_client.patch(m_seller, id, {{QStringLiteral("stock"), 5}}).status, 409);
    QVERIFY(isProblem(m_client.reserve(m_other, id, 1), 404, "not_found"));
    QVERIFY(isProblem(m_client.reserve(m_client.admin, id, 1), 409, "invalid_state"));
    // Redis remembers that it is off sale: asking again costs PostgreSQL nothing.
    const double rebuilds = rebuildCount();
    for (int i = 0; i < 5; ++i)
        QVERIFY(isProblem(m_client.reserve(m_other, id, 1), 404, "not_found"));
    QVERIFY(isProblem(m_client.reserve(m_seller, id, 1), 403, "own_product"));
    QCOMPARE(rebuildCount(), rebuilds);
    // Back in moderation after a content edit: not on sale until approved again.
    const QString live = product(4);
    QCOMPARE(m_client.reserve(m_buyer, live, 1).status, 201);
    QCOMPARE(m_client.patch(m_seller, live, {{QStringLiteral("name"), QStringLiteral("Renamed")}}).status,
             200);
    QVERIFY(isProblem(m_client.reserve(m_buyer, live, 1), 404, "not_found"));
    QCOMPARE(m_client.act(m_client.admin, live, "approve").status, 200);
    // The earlier hold still counts: 3 of 4 left.
    QVERIFY(isProblem(m_client.reserve(m_other, live, 4), 409, "insufficient_stock"));
    QCOMPARE(m_client.reserve(m_other, live, 3).status, 201);
}

void ReservationsTest::reservedProductsCannotBeDeleted()
{
    const QString id = product(2);
    const QString holdId = valueIn(m_client.reserve(m_buyer, id, 1), "id").toString();
    QCOMPARE(m_client.call(m_buyer, "DELETE", reservationPath(holdId)).status, 204);
    // Released or not, the ledger remembers the hold: the product stays, archived at most.
    QVERIFY(isProblem(m_client.call(m_client.admin, "DELETE", productPath(id)), 409, "product_reserved"));
    QCOMPARE(m_client.act(m_seller, id, "archive").status, 200);
    QCOMPARE(m_client
                 .call(m_client.admin, "DELETE",
                       productPath(m_client.createDraft(m_seller, QStringLiteral("Never held"))))
                 .status,
             204);
}

void ReservationsTest::stockCannotDropBelowHeldUnits()
{
    const QString id = product(5);
    QCOMPARE(m_client.reserve(m_buyer, id, 3).status, 201);
    const auto below = m_client.patch(m_seller, id, {{QStringLiteral("stock"), 2}});
    QVERIFY(isProblem(below, 409, "invalid_state"));
    QCOMPARE(errorFields(below), QStringList{QStringLiteral("stock")});
    QCOMPARE(m_client.patch(m_seller, id, {{QStringLiteral("stock"), 3}}).status, 200);
    QVERIFY(isProblem(m_client.reserve(m_other, id, 1), 409, "insufficient_stock"));
}

void ReservationsTest::lostRedisStateIsRebuiltFromTheLedger()
{
    const QString id = product(3);
    QCOMPARE(m_client.reserve(m_buyer, id, 2).status, 201);
    // Redis forgets everything; PostgreSQL still knows the hold, so only one unit may be held.
    QVERIFY(redisCommand({QStringLiteral("FLUSHALL")}));
    QVERIFY(isProblem(m_client.reserve(m_other, id, 2), 409, "insufficient_stock"));
    QCOMPARE(m_client.reserve(m_other, id, 1).status, 201);
    QVERIFY(isProblem(m_client.reserve(m_other, id, 1), 409, "insufficient_stock"));
    // The buyer's own count survived too: 2 held, so 9 more is over the ten.
    const QString more = product(20);
    QCOMPARE(m_client.reserve(m_buyer, more, 8).status, 201);
    QVERIFY(redisCommand({QStringLiteral("FLUSHALL")}));
    QVERIFY(isProblem(m_client.reserve(m_buyer, more, 3), 409, "hold_limit_reached"));
    QCOMPARE(m_client.reserve(m_buyer, more, 2).status, 201);
}

void ReservationsTest::staffListEveryHold()
{
    const QString id = product(4);
    const QString first = valueIn(m_client.reserve(m_buyer, id, 1), "id").toString();
    const QString second = valueIn(m_client.reserve(m_other, id, 2), "id").toString();
    const QByteArray byProduct = "/api/v1/admin/reservations?product_id=" + id.toUtf8();
    const auto listed = m_client.call(m_moderator, "GET", byProduct);
    QCOMPARE(idsOf(listed), (QStringList{second, first}));
    QCOMPARE(
        valueIn(listed, "items").toArray().first().toObject().value(QStringLiteral("user_id")).toString(),
        m_other.id);
    QCOMPARE(idsOf(m_client.call(m_client.admin, "GET", byProduct + "&user_id=" + m_buyer.id.toUtf8())),
             QStringList{first});
    QCOMPARE(idsOf(m_client.call(m_client.admin, "GET", byProduct + "&status=RELEASED")), QStringList{});
    QCOMPARE(idsOf(m_client.call(m_client.admin, "GET", byProduct + "&to=2000-01-01T00:00:00Z")),
             QStringList{});
    QVERIFY(isProblem(m_client.call(m_client.admin, "GET", byProduct + "&status=GONE&from=soon"), 422,
                      "validation_failed"));
    QVERIFY(isProblem(m_client.call(m_buyer, "GET", byProduct), 403, "forbidden"));
    // An owner's own list filters by status too, and never shows whose it is (it is theirs).
    const auto own = m_client.call(m_buyer, "GET", "/api/v1/inventory/reservations?status=PENDING&limit=200");
    QVERIFY(idsOf(own).contains(first));
    QVERIFY(!valueIn(own, "items").toArray().first().toObject().contains(QStringLiteral("user_id")));
}

void ReservationsTest::decisionsAreCounted()
{
    const auto metrics = request(m_client.port, "GET", "/metrics");
    QCOMPARE(metrics.status, 200);
    for (const char *line :
         {"fairdrop_reservation_decisions_total{outcome=\"granted\"}",
          "fairdrop_reservation_decisions_total{outcome=\"insufficient\"}",
          "fairdrop_reservation_decisions_total{outcome=\"user_limit\"}",
          "fairdrop_hold_state_rebuilds_total ", "fairdrop_held_units_returned_total{reason=\"released\"}"}) {
        const qsizetype at = metrics.body.indexOf(QByteArray('\n' + QByteArray(line))); // a sample, not HELP
        QVERIFY2(at >= 0, line);
        const QByteArray value = metrics.body.mid(at + 1 + qstrlen(line)).split('\n').constFirst().trimmed();
        QVERIFY2(value.toDouble() > 0, line);
    }
}

QTEST_GUILESS_MAIN(ReservationsTest)
#include "tst_reservations.moc"
