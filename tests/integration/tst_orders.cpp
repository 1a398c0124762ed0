// Orders over HTTP against a real server, PostgreSQL and Redis: made from the buyer's holds with prices
// frozen, paid (units leave stock), cancelled (units return), shipped and completed by the right people,
// seen by the right people, and never made twice for one Idempotency-Key, not even when Redis forgot it.
#include "tests/support/catalogclient.h"
#include "tests/support/httpclient.h"
#include "tests/support/serverprocess.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTest>
#include <QUuid>

#include <thread>

using namespace fd::test;

namespace {

const QString kAddress = QStringLiteral("1 Drop Street, Springfield");

QByteArray orderPath(const QString &id, const QByteArray &action = {})
{
    return "/api/v1/orders/" + id.toUtf8() + (action.isEmpty() ? QByteArray() : '/' + action);
}

QJsonObject orderBody(const QStringList &holds, const QJsonValue &address = kAddress)
{
    return {{QStringLiteral("reservation_ids"), QJsonArray::fromStringList(holds)},
            {QStringLiteral("shipping_address"), address}};
}

Headers keyed(const QByteArray &key = {})
{
    return {{"Idempotency-Key", key.isEmpty() ? QUuid::createUuid().toByteArray(QUuid::WithoutBraces) : key}};
}

} // namespace

class OrdersTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void orderFreezesNamesAndPrices();
    void orderNeedsAKeyAndValidInput_data();
    void orderNeedsAKeyAndValidInput();
    void onlyOwnLiveUnorderedHoldsCanBeOrdered();
    void payingSellsTheUnits();
    void buyerCancelsPendingAdminRefundsPaid();
    void sellersShipAndComplete();
    void ordersAreSeenByTheRightPeople();
    void listsAndStats();
    void oneOrderPerKeyEvenWithoutRedis();
    void partnersWorkUnderTheSameRules();

private:
    QString product(const Account &seller, int stock, const QString &price = QStringLiteral("10.00"));
    QString hold(const Account &buyer, const QString &productId, int quantity);
    HttpResponse order(const Account &buyer, const QStringList &holds, const QByteArray &key = {});
    QString orderOf(const Account &buyer, const QStringList &holds);
    HttpResponse act(const Account &as, const QString &orderId, const QByteArray &action,
                     const QByteArray &key = {});
    int stockOf(const QString &productId);

    DataDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
    CatalogClient m_client;
    Account m_seller;
    Account m_otherSeller;
    Account m_buyer;
    Account m_otherBuyer;
    Account m_moderator;
    int m_products = 0;
};

void OrdersTest::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(m_dir.path());
    QVERIFY(m_client.startServer(*m_server));
    m_seller = m_client.newSeller(QStringLiteral("orders"), true);
    m_otherSeller = m_client.newSeller(QStringLiteral("orders2"), true);
    m_buyer = m_client.signUp(QStringLiteral("buyer@orders.example"), QStringLiteral("buyer"));
    m_otherBuyer = m_client.signUp(QStringLiteral("other@orders.example"), QStringLiteral("buyer"));
    m_moderator = m_client.newModerator(QStringLiteral("orders"));
    for (const Account &account : {m_seller, m_otherSeller, m_buyer, m_otherBuyer, m_moderator})
        QVERIFY(!account.id.isEmpty());
}

void OrdersTest::cleanupTestCase()
{
    if (m_server)
        m_server->terminate();
}

QString OrdersTest::product(const Account &seller, int stock, const QString &price)
{
    const auto created =
        m_client.create(seller, productBody(QStringLiteral("Order item %1").arg(++m_products), price, stock));
    const QString id = valueIn(created, "id").toString();
    if (created.status != 201 || m_client.act(seller, id, "submit").status != 200 ||
        m_client.act(m_client.admin, id, "approve").status != 200)
        return {};
    return id;
}

QString OrdersTest::hold(const Account &buyer, const QString &productId, int quantity)
{
    const auto held = m_client.reserve(buyer, productId, quantity);
    if (held.status != 201)
        qWarning("hold failed: %d %s", held.status, held.body.constData());
    return valueIn(held, "id").toString();
}

HttpResponse OrdersTest::order(const Account &buyer, const QStringList &holds, const QByteArray &key)
{
    return m_client.call(buyer, "POST", "/api/v1/orders/", json(orderBody(holds)), keyed(key));
}

QString OrdersTest::orderOf(const Account &buyer, const QStringList &holds)
{
    const auto made = order(buyer, holds);
    if (made.status != 201)
        qWarning("order failed: %d %s", made.status, made.body.constData());
    return valueIn(made, "id").toString();
}

HttpResponse OrdersTest::act(const Account &as, const QString &orderId, const QByteArray &action,
                             const QByteArray &key)
{
    return m_client.call(as, "POST", orderPath(orderId, action), {}, keyed(key));
}

int OrdersTest::stockOf(const QString &productId)
{
    return int(m_client.product(productId).value(QStringLiteral("stock")).toInteger(-1));
}

void OrdersTest::orderFreezesNamesAndPrices()
{
    const QString cheap = product(m_seller, 5);
    const QString dear = product(m_otherSeller, 5, QStringLiteral("149.90"));
    const QString first = hold(m_buyer, cheap, 2);
    const QString second = hold(m_buyer, dear, 1);
    const auto made = order(m_buyer, {first, second});
    QCOMPARE(made.status, 201);
    const QJsonObject body = made.json().object();
    const QString id = body.value(QStringLiteral("id")).toString();
    QCOMPARE(made.header("location"), orderPath(id));
    QCOMPARE(body.value(QStringLiteral("status")).toString(), QStringLiteral("PENDING"));
    QCOMPARE(body.value(QStringLiteral("total_amount")).toString(), QStringLiteral("169.90"));
    QCOMPARE(body.value(QStringLiteral("shipping_address")).toString(), kAddress);
    QCOMPARE(body.value(QStringLiteral("buyer_id")).toString(), m_buyer.id);
    const QJsonArray items = body.value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), 2);
    QSet<QString> lines;
    for (const QJsonValue &item : items) {
        const QJsonObject line = item.toObject();
        lines.insert(line.value(QStringLiteral("reservation_id")).toString() + u' ' +
                     line.value(QStringLiteral("unit_price")).toString() + u' ' +
                     QString::number(line.value(QStringLiteral("quantity")).toInt()) + u' ' +
                     line.value(QStringLiteral("line_total")).toString());
    }
    QCOMPARE(lines, (QSet<QString>{first + QStringLiteral(" 10.00 2 20.00"),
                                   second + QStringLiteral(" 149.90 1 149.90")}));
    // The order lapses with its earliest hold.
    const QString holdExpiry =
        valueIn(m_client.call(m_buyer, "GET", "/api/v1/inventory/reservations/" + first.toUtf8()),
                "expires_at")
            .toString();
    QCOMPARE(body.value(QStringLiteral("expires_at")).toString(), holdExpiry);
    QCOMPARE(
        valueIn(m_client.call(m_buyer, "GET", "/api/v1/inventory/reservations/" + first.toUtf8()), "order_id")
            .toString(),
        id);

    // Renaming and repricing the product later changes nothing in the order.
    QCOMPARE(m_client
                 .patch(m_otherSeller, dear,
                        {{QStringLiteral("price"), QStringLiteral("5.00")},
                         {QStringLiteral("name"), QStringLiteral("Renamed")}})
                 .status,
             200);
    const auto reread = m_client.call(m_buyer, "GET", orderPath(id));
    QCOMPARE(reread.status, 200);
    QCOMPARE(reread.json().object(), body);
    QVERIFY(!reread.header("etag").isEmpty());
}

void OrdersTest::orderNeedsAKeyAndValidInput_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    const QString some = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QStringList many;
    for (int i = 0; i < 21; ++i)
        many.append(QUuid::createUuid().toString(QUuid::WithoutBraces));
    const QString invalid = QStringLiteral("validation_failed");
    QTest::newRow("malformed") << QByteArray("{\"reservation_ids\": [") << 400
                               << QStringLiteral("malformed_json");
    QTest::newRow("no holds") << json(orderBody({})) << 422 << invalid;
    QTest::newRow("21 holds") << json(orderBody(many)) << 422 << invalid;
    QTest::newRow("twice") << json(orderBody({some, some})) << 422 << invalid;
    QTest::newRow("not ids") << json(orderBody({QStringLiteral("abc")})) << 422 << invalid;
    QTest::newRow("ids as numbers") << QByteArray("{\"reservation_ids\":[1],\"shipping_address\":\"x\"}")
                                    << 422 << invalid;
    QTest::newRow("ids not a list") << json({{QStringLiteral("reservation_ids"), some},
                                             {QStringLiteral("shipping_address"), kAddress}})
                                    << 422 << invalid;
    QTest::newRow("no address") << json({{QStringLiteral("reservation_ids"), QJsonArray{some}}}) << 422
                                << invalid;
    QTest::newRow("blank address") << json(orderBody({some}, QStringLiteral("   "))) << 422 << invalid;
    QTest::newRow("long address") << json(orderBody({some}, QString(501, u'a'))) << 422 << invalid;
    QTest::newRow("address as number") << json(orderBody({some}, 42)) << 422 << invalid;
    QTest::newRow("unknown member") << QByteArray("{\"reservation_ids\":[\"" + some.toUtf8() +
                                                  "\"],\"shipping_address\":\"x\",\"coupon\":1}")
                                    << 422 << invalid;
    QTest::newRow("unknown hold") << json(orderBody({some})) << 404 << QStringLiteral("not_found");
}

void OrdersTest::orderNeedsAKeyAndValidInput()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    QVERIFY(
        isProblem(m_client.call(m_buyer, "POST", "/api/v1/orders/", body), 428, "idempotency_key_required"));
    QVERIFY(isProblem(m_client.call(m_buyer, "POST", "/api/v1/orders/", body, keyed()), status,
                      code.toLatin1().constData()));
}

void OrdersTest::onlyOwnLiveUnorderedHoldsCanBeOrdered()
{
    const QString id = product(m_seller, 10);
    const QString mine = hold(m_buyer, id, 1);
    const QString theirs = hold(m_otherBuyer, id, 1);
    QVERIFY(isProblem(order(m_buyer, {mine, theirs}), 404, "not_found"));
    QVERIFY(isProblem(order(m_otherBuyer, {mine}), 404, "not_found"));
    const QString released = hold(m_buyer, id, 1);
    QCOMPARE(m_client.call(m_buyer, "DELETE", "/api/v1/inventory/reservations/" + released.toUtf8()).status,
             204);
    QVERIFY(isProblem(order(m_buyer, {mine, released}), 409, "hold_not_pending"));
    QVERIFY(!orderOf(m_buyer, {mine}).isEmpty());
    QVERIFY(isProblem(order(m_buyer, {mine}), 409, "invalid_state"));
    // A hold in an order is released by cancelling the order, not on its own.
    QVERIFY(isProblem(m_client.call(m_buyer, "DELETE", "/api/v1/inventory/reservations/" + mine.toUtf8()),
                      409, "invalid_state"));
    QVERIFY(isProblem(m_client.call({}, "POST", "/api/v1/orders/", json(orderBody({mine})), keyed()), 401,
                      "unauthorized"));
}

void OrdersTest::payingSellsTheUnits()
{
    const QString id = product(m_seller, 12);
    const QString first = hold(m_buyer, id, 10);
    const QString orderId = orderOf(m_buyer, {first});
    QVERIFY(isProblem(m_client.reserve(m_buyer, id, 1), 409, "hold_limit_reached"));
    QVERIFY(isProblem(m_client.call(m_buyer, "POST", orderPath(orderId, "pay")), 428,
                      "idempotency_key_required"));
    QVERIFY(isProblem(act(m_otherBuyer, orderId, "pay"), 404, "not_found"));
    QVERIFY(isProblem(act(m_client.admin, orderId, "pay"), 404, "not_found"));

    const auto paid = act(m_buyer, orderId, "pay", "pay-once");
    QCOMPARE(paid.status, 200);
    QCOMPARE(valueIn(paid, "status").toString(), QStringLiteral("PAID"));
    QVERIFY(!valueIn(paid, "paid_at").toString().isEmpty());
    QCOMPARE(stockOf(id), 2);
    QCOMPARE(
        valueIn(m_client.call(m_buyer, "GET", "/api/v1/inventory/reservations/" + first.toUtf8()), "status")
            .toString(),
        QStringLiteral("SOLD"));
    // Bought units no longer count as held: the buyer may hold the two left.
    QCOMPARE(m_client.reserve(m_buyer, id, 2).status, 201);
    QVERIFY(isProblem(m_client.reserve(m_otherBuyer, id, 1), 409, "insufficient_stock"));
    // A retry of the same payment replays it; a new payment is refused.
    const auto again = act(m_buyer, orderId, "pay", "pay-once");
    QCOMPARE(again.status, 200);
    QCOMPARE(again.body, paid.body);
    QCOMPARE(again.header("idempotent-replayed"), QByteArray("true"));
    QVERIFY(isProblem(act(m_buyer, orderId, "pay"), 409, "invalid_state"));
    QCOMPARE(stockOf(id), 2);
}

void OrdersTest::buyerCancelsPendingAdminRefundsPaid()
{
    const QString id = product(m_seller, 3);
    const QString orderId = orderOf(m_buyer, {hold(m_buyer, id, 3)});
    QVERIFY(isProblem(m_client.reserve(m_otherBuyer, id, 1), 409, "insufficient_stock"));
    QVERIFY(isProblem(act(m_moderator, orderId, "cancel"), 403, "forbidden"));
    QVERIFY(isProblem(act(m_otherBuyer, orderId, "cancel"), 404, "not_found"));
    const auto cancelled = act(m_buyer, orderId, "cancel");
    QCOMPARE(cancelled.status, 200);
    QCOMPARE(valueIn(cancelled, "status").toString(), QStringLiteral("CANCELLED"));
    QVERIFY(isProblem(act(m_buyer, orderId, "pay"), 409, "invalid_state"));
    // The units are on sale again at once, and only once.
    QCOMPARE(m_client.reserve(m_otherBuyer, id, 3).status, 201);
    QVERIFY(isProblem(m_client.reserve(m_buyer, id, 1), 409, "insufficient_stock"));

    const QString refunded = product(m_seller, 2);
    const QString paidOrder = orderOf(m_buyer, {hold(m_buyer, refunded, 2)});
    QCOMPARE(act(m_buyer, paidOrder, "pay").status, 200);
    QCOMPARE(stockOf(refunded), 0);
    QVERIFY(isProblem(act(m_buyer, paidOrder, "cancel"), 409, "invalid_state"));
    const auto refund = act(m_client.admin, paidOrder, "cancel");
    QCOMPARE(refund.status, 200);
    QCOMPARE(valueIn(refund, "status").toString(), QStringLiteral("REFUND_PENDING"));
    QCOMPARE(stockOf(refunded), 2);
    QCOMPARE(m_client.reserve(m_otherBuyer, refunded, 2).status, 201);
    QVERIFY(isProblem(act(m_client.admin, paidOrder, "cancel"), 409, "invalid_state"));
}

void OrdersTest::sellersShipAndComplete()
{
    const QString id = product(m_seller, 5);
    const QString orderId = orderOf(m_buyer, {hold(m_buyer, id, 1)});
    QVERIFY(isProblem(act(m_seller, orderId, "ship"), 409, "invalid_state")); // not paid yet
    QCOMPARE(act(m_buyer, orderId, "pay").status, 200);
    QVERIFY(isProblem(act(m_buyer, orderId, "ship"), 403, "forbidden"));
    QVERIFY(isProblem(act(m_moderator, orderId, "ship"), 403, "forbidden"));
    QVERIFY(isProblem(act(m_otherSeller, orderId, "ship"), 404, "not_found"));
    QVERIFY(isProblem(act(m_seller, orderId, "complete"), 409, "invalid_state"));
    const auto shipped = act(m_seller, orderId, "ship");
    QCOMPARE(shipped.status, 200);
    QCOMPARE(valueIn(shipped, "status").toString(), QStringLiteral("SHIPPED"));
    QVERIFY(!valueIn(shipped, "shipped_at").toString().isEmpty());
    const auto completed = act(m_seller, orderId, "complete");
    QCOMPARE(valueIn(completed, "status").toString(), QStringLiteral("COMPLETED"));
    QVERIFY(isProblem(act(m_client.admin, orderId, "cancel"), 409, "invalid_state"));

    // An order with another seller's item is shipped by an admin only.
    const QString mixed = orderOf(
        m_buyer, {hold(m_buyer, product(m_seller, 1), 1), hold(m_buyer, product(m_otherSeller, 1), 1)});
    QCOMPARE(act(m_buyer, mixed, "pay").status, 200);
    QVERIFY(isProblem(act(m_seller, mixed, "ship"), 403, "forbidden"));
    QCOMPARE(valueIn(act(m_client.admin, mixed, "ship"), "status").toString(), QStringLiteral("SHIPPED"));
}

void OrdersTest::ordersAreSeenByTheRightPeople()
{
    const QString mine = product(m_seller, 5);
    const QString theirs = product(m_otherSeller, 5);
    const QString orderId = orderOf(m_buyer, {hold(m_buyer, mine, 1), hold(m_buyer, theirs, 2)});
    QVERIFY(isProblem(m_client.call(m_otherBuyer, "GET", orderPath(orderId)), 404, "not_found"));
    QVERIFY(
        isProblem(m_client.call(m_buyer, "GET", orderPath(QStringLiteral("nonsense"))), 404, "not_found"));
    QVERIFY(isProblem(m_client.call({}, "GET", orderPath(orderId)), 401, "unauthorized"));

    // A seller sees their own lines, and the address only once the order is paid.
    const QJsonObject unpaid = m_client.call(m_seller, "GET", orderPath(orderId)).json().object();
    QCOMPARE(unpaid.value(QStringLiteral("items")).toArray().size(), 1);
    QCOMPARE(unpaid.value(QStringLiteral("total_amount")).toString(), QStringLiteral("10.00"));
    QVERIFY(unpaid.value(QStringLiteral("shipping_address")).isNull());
    QCOMPARE(act(m_buyer, orderId, "pay").status, 200);
    const QJsonObject paid = m_client.call(m_seller, "GET", orderPath(orderId)).json().object();
    QCOMPARE(paid.value(QStringLiteral("shipping_address")).toString(), kAddress);

    // Staff read everything, and that reading is on the record.
    const auto staffRead = m_client.call(m_moderator, "GET", orderPath(orderId));
    QCOMPARE(staffRead.status, 200);
    QCOMPARE(valueIn(staffRead, "items").toArray().size(), 2);
    const auto audit = m_client.call(
        m_client.admin, "GET",
        "/api/v1/admin/audit-log?target_type=order&action=order.read&target_id=" + orderId.toUtf8());
    QCOMPARE(audit.status, 200);
    const QJsonArray entries = valueIn(audit, "items").toArray();
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().toObject().value(QStringLiteral("actor_id")).toString(), m_moderator.id);
}

void OrdersTest::listsAndStats()
{
    const Account buyer = m_client.signUp(QStringLiteral("lists@orders.example"), QStringLiteral("buyer"));
    const QString id = product(m_otherSeller, 10);
    const QString first = orderOf(buyer, {hold(buyer, id, 1)});
    const QString second = orderOf(buyer, {hold(buyer, id, 2)});
    QCOMPARE(act(buyer, second, "pay").status, 200);
    hold(buyer, id, 3); // held, not ordered

    QCOMPARE(m_client.pageThrough(buyer, "/api/v1/orders/", 1), (QStringList{second, first}));
    QCOMPARE(m_client.pageThrough(buyer, "/api/v1/buyer/orders", 50), (QStringList{second, first}));
    QCOMPARE(idsOf(m_client.call(buyer, "GET", "/api/v1/buyer/orders?status=PAID")), QStringList{second});
    QVERIFY(isProblem(m_client.call(buyer, "GET", "/api/v1/orders/?status=LOST"), 422, "validation_failed"));
    const QJsonObject stats = m_client.call(buyer, "GET", "/api/v1/buyer/stats").json().object();
    const QJsonObject counts = stats.value(QStringLiteral("orders")).toObject();
    QCOMPARE(counts.value(QStringLiteral("total")).toInt(), 2);
    QCOMPARE(counts.value(QStringLiteral("by_status")).toObject().value(QStringLiteral("PAID")).toInt(), 1);
    QCOMPARE(counts.value(QStringLiteral("by_status")).toObject().value(QStringLiteral("PENDING")).toInt(),
             1);
    QCOMPARE(stats.value(QStringLiteral("spent")).toString(), QStringLiteral("20.00"));
    QCOMPARE(stats.value(QStringLiteral("units_held")).toInt(), 4); // 1 in the unpaid order, 3 loose

    QVERIFY(m_client.pageThrough(m_otherSeller, "/api/v1/seller/orders", 50).contains(second));
    QVERIFY(!m_client.pageThrough(m_seller, "/api/v1/seller/orders", 50).contains(second));
    QVERIFY(isProblem(m_client.call(buyer, "GET", "/api/v1/seller/orders"), 403, "forbidden"));
    QVERIFY(isProblem(m_client.call(m_seller, "GET", "/api/v1/buyer/orders"), 403, "forbidden"));

    QCOMPARE(idsOf(m_client.call(m_moderator, "GET", "/api/v1/admin/orders?user_id=" + buyer.id.toUtf8())),
             (QStringList{second, first}));
    QCOMPARE(idsOf(m_client.call(m_client.admin, "GET",
                                 "/api/v1/admin/orders?status=PENDING&user_id=" + buyer.id.toUtf8())),
             QStringList{first});
    QCOMPARE(idsOf(m_client.call(m_client.admin, "GET", "/api/v1/admin/orders?from=2999-01-01T00:00:00Z")),
             QStringList{});
    QVERIFY(isProblem(m_client.call(m_client.admin, "GET", "/api/v1/admin/orders?from=yesterday&user_id=x"),
                      422, "validation_failed"));
    QVERIFY(isProblem(m_client.call(buyer, "GET", "/api/v1/admin/orders"), 403, "forbidden"));
}

void OrdersTest::oneOrderPerKeyEvenWithoutRedis()
{
    const QString id = product(m_seller, 10);
    const QString held = hold(m_otherBuyer, id, 1);
    constexpr int kParallel = 10;
    std::vector<HttpResponse> answers(kParallel);
    std::vector<std::thread> threads;
    for (int i = 0; i < kParallel; ++i)
        threads.emplace_back([&, i] { answers[i] = order(m_otherBuyer, {held}, "order-key-1"); });
    for (std::thread &thread : threads)
        thread.join();
    QByteArray created;
    for (const HttpResponse &answer : answers) {
        if (answer.status == 201) {
            if (created.isEmpty())
                created = answer.body;
            QCOMPARE(answer.body, created);
        } else {
            QVERIFY(isProblem(answer, 409, "idempotency_in_progress"));
        }
    }
    QVERIFY(!created.isEmpty());
    // Redis forgets every idempotency record; the order's own record, committed with it, still answers.
    QProcess cli;
    cli.start(
        QStringLiteral("redis-cli"),
        {QStringLiteral("-s"), m_dir.path() + QStringLiteral("/run/redis.sock"), QStringLiteral("FLUSHALL")});
    QVERIFY(cli.waitForFinished(10'000) && cli.exitCode() == 0);
    const auto replay = order(m_otherBuyer, {held}, "order-key-1");
    QCOMPARE(replay.status, 201);
    QCOMPARE(replay.body, created);
    QCOMPARE(replay.header("idempotent-replayed"), QByteArray("true"));
    QVERIFY(
        isProblem(m_client.call(m_otherBuyer, "POST", "/api/v1/orders/",
                                json(orderBody({held}, QStringLiteral("Elsewhere"))), keyed("order-key-1")),
                  422, "idempotency_key_reused"));
    QCOMPARE(m_client.pageThrough(m_otherBuyer, "/api/v1/orders/?status=PENDING", 50)
                 .count(valueIn(HttpResponse{201, {}, created}, "id").toString()),
             1);
}

void OrdersTest::partnersWorkUnderTheSameRules()
{
    const Account partner =
        m_client.signUp(QStringLiteral("partner@orders.example"), QStringLiteral("buyer"));
    QVERIFY(m_client.change(partner, {{QStringLiteral("role"), QStringLiteral("user_b2b")},
                                      {QStringLiteral("is_verified"), true}}));
    const Account b2b = m_client.signIn(QStringLiteral("partner@orders.example"));
    const auto keyFor = [&](const QStringList &scopes) {
        const auto created =
            m_client.call(b2b, "POST", "/api/v1/users/me/api-keys",
                          json({{QStringLiteral("name"), scopes.join(u' ')},
                                {QStringLiteral("scopes"), QJsonArray::fromStringList(scopes)}}));
        return valueIn(created, "key").toString().toLatin1();
    };
    const QByteArray writer = keyFor(
        {QStringLiteral("orders:write"), QStringLiteral("orders:read"), QStringLiteral("catalog:read")});
    const QByteArray reader = keyFor({QStringLiteral("catalog:read")});
    QVERIFY(!writer.isEmpty() && !reader.isEmpty());
    const auto withKey = [&](const QByteArray &key, const QByteArray &method, const QByteArray &path,
                             const QByteArray &body = {}, Headers extra = {}) {
        extra.append({"X-API-Key", key});
        return request(m_client.port, method, path, body, extra);
    };

    const QString id = product(m_seller, 3);
    QVERIFY(idsOf(withKey(reader, "GET", "/api/v1/external/catalog?limit=200")).contains(id));
    // The partner API takes keys only, with the matching scope.
    QVERIFY(isProblem(m_client.call(b2b, "GET", "/api/v1/external/catalog"), 403, "forbidden"));
    const QByteArray reserve = json({{QStringLiteral("product_id"), id}, {QStringLiteral("quantity"), 2}});
    QVERIFY(isProblem(withKey(reader, "POST", "/api/v1/external/reservations", reserve, keyed()), 403,
                      "forbidden"));
    QVERIFY(isProblem(withKey(writer, "POST", "/api/v1/external/reservations", reserve), 428,
                      "idempotency_key_required"));
    const auto held = withKey(writer, "POST", "/api/v1/external/reservations", reserve, keyed());
    QCOMPARE(held.status, 201);
    QVERIFY(isProblem(withKey(writer, "POST", "/api/v1/external/reservations",
                              json({{QStringLiteral("product_id"), id}, {QStringLiteral("quantity"), 2}}),
                              keyed()),
                      409, "insufficient_stock"));
    const auto made = withKey(writer, "POST", "/api/v1/external/orders",
                              json(orderBody({valueIn(held, "id").toString()})), keyed());
    QCOMPARE(made.status, 201);
    const QString orderId = valueIn(made, "id").toString();
    const auto status = withKey(writer, "GET", "/api/v1/external/orders/" + orderId.toUtf8() + "/status");
    QCOMPARE(status.status, 200);
    QCOMPARE(valueIn(status, "status").toString(), QStringLiteral("PENDING"));
    QCOMPARE(valueIn(status, "total_amount").toString(), QStringLiteral("20.00"));
    QVERIFY(!status.json().object().contains(QStringLiteral("shipping_address")));
    // Somebody else's order is unknown to the partner.
    const QString foreign = orderOf(m_buyer, {hold(m_buyer, id, 1)});
    QVERIFY(isProblem(withKey(writer, "GET", "/api/v1/external/orders/" + foreign.toUtf8() + "/status"), 404,
                      "not_found"));
    QVERIFY(isProblem(withKey(reader, "GET", "/api/v1/external/orders/" + orderId.toUtf8() + "/status"), 403,
                      "forbidden"));
}

QTEST_GUILESS_MAIN(OrdersTest)
#include "tst_orders.moc"
