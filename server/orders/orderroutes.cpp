// Orders: made from the buyer's holds, then paid, cancelled, shipped and completed; and the order lists of
// buyers, sellers and staff.
#include "server/orders/orderroutes.h"

#include "common/money.h"
#include "server/http/conditional.h"
#include "server/http/fieldreader.h"
#include "server/http/iocontext.h"
#include "server/http/jsonbody.h"
#include "server/http/pagination.h"
#include "server/http/router.h"
#include "server/http/timekeypage.h"
#include "server/identity/identityroutes.h"
#include "server/infra/db/dbpool.h"
#include "server/orders/orderquery.h"
#include "server/orders/orderservice.h"
#include "server/reservations/holdmetrics.h"
#include "server/reservations/holdstore.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <memory>

namespace fd::orders {
namespace {

constexpr int kMaxLines = 20;
constexpr int kMaxAddress = 500;

using Changed = Result<OrderChange>;

QByteArray locationOf(const QUuid &id)
{
    return "/api/v1/orders/" + id.toByteArray(QUuid::WithoutBraces);
}

QByteArray etagOf(const Order &order)
{
    return "\"o" + QByteArray::number(order.version) + '"';
}

// The buyer and staff see the whole order; a seller (who is neither) sees their lines.
QJsonObject viewFor(const Order &order, const http::Principal &caller)
{
    const bool whole =
        order.buyerId == caller.userId || caller.role == Role::Admin || caller.role == Role::Moderator;
    return whole ? order.toJson(OrderView::Buyer) : order.toJson(OrderView::Seller, caller.userId);
}

http::HeaderList headersOf(const StoredAnswer &answer)
{
    http::HeaderList headers;
    for (const QByteArray &line : answer.headers.split('\n')) {
        const qsizetype colon = line.indexOf(": ");
        if (colon > 0)
            headers.append(std::pair(line.left(colon), line.mid(colon + 2)));
    }
    return headers;
}

void respondNotFound(const http::ExchangePtr &exchange)
{
    exchange->respondProblem(Error{ErrorCode::NotFound, QStringLiteral("No such order")});
}

Result<NewOrder> readNewOrder(const QJsonObject &body)
{
    http::FieldReader reader(body);
    reader.onlyMembers({QStringLiteral("reservation_ids"), QStringLiteral("shipping_address")});
    NewOrder order;
    const auto address = reader.string(QStringLiteral("shipping_address"), true, kMaxAddress);
    if (address && address->trimmed().isEmpty())
        reader.fail(QStringLiteral("shipping_address"), QStringLiteral("must not be blank"));
    else if (address)
        order.shippingAddress = address->trimmed();
    const QJsonValue ids = body.value(QStringLiteral("reservation_ids"));
    const QString field = QStringLiteral("reservation_ids");
    if (!ids.isArray()) {
        reader.fail(field,
                    ids.isUndefined() ? QStringLiteral("is required") : QStringLiteral("must be an array"));
    } else if (ids.toArray().isEmpty() || ids.toArray().size() > kMaxLines) {
        reader.fail(field, QStringLiteral("must name 1 to %1 reservations").arg(kMaxLines));
    } else {
        for (const QJsonValue &id : ids.toArray()) {
            const QUuid parsed = id.isString() ? QUuid::fromString(id.toString()) : QUuid();
            if (parsed.isNull()) {
                reader.fail(field, QStringLiteral("must hold reservation ids"));
                break;
            }
            if (order.reservationIds.contains(parsed)) {
                reader.fail(field, QStringLiteral("names a reservation twice"));
                break;
            }
            order.reservationIds.append(parsed);
        }
    }
    if (!reader.ok())
        return reader.error();
    return order;
}

// Redis learns what the committed change did to holds: sold ones leave, returned ones go back on sale,
// restocked products are rebuilt on their next reserve. Failures leave units unsold, never oversold.
void tellRedis(const OrdersDeps &deps, const http::ExchangePtr &exchange, const OrderChange &change)
{
    infra::RedisClient *redis = http::IoContext::of(*exchange)->redis();
    auto *metrics = deps.holds.metrics;
    for (const EndedHold &hold : change.sold)
        reservations::HoldStore::end(redis, hold.productId, hold.holdId, false, [](Result<qint64>) {});
    for (const EndedHold &hold : change.returned)
        reservations::HoldStore::end(redis, hold.productId, hold.holdId, true,
                                     [metrics](Result<qint64> returned) {
                                         if (returned && metrics)
                                             metrics->returned(false, double(*returned));
                                     });
    for (const QUuid &product : change.restocked)
        reservations::HoldStore::forget(redis, product);
}

void create(const OrdersDeps &deps, const http::ExchangePtr &exchange)
{
    const auto body = http::jsonObjectOrAnswer(*exchange);
    if (!body)
        return;
    auto input = readNewOrder(*body);
    if (!input) {
        exchange->respondProblem(input.error());
        return;
    }
    const audit::Actor actor = identity::actorOf(*exchange, deps.trustedProxies);
    const auto claim = exchange->idempotencyClaim();
    // The answer is made inside the transaction, so the same bytes are committed and sent.
    OrderService::Render render = [](const Order &order) {
        return StoredAnswer{{},
                            201,
                            QByteArrayLiteral("application/json"),
                            "Location: " + locationOf(order.id) + "\nETag: " + etagOf(order) + '\n',
                            QJsonDocument(order.toJson(OrderView::Buyer)).toJson(QJsonDocument::Compact)};
    };
    using Created = Result<CreatedOrder>;
    deps.holds.db->run<Created>(
        exchange->context(),
        [input = *input, actor, claim, ttl = deps.idempotencyTtlSeconds, render](QSqlDatabase &db) {
            return OrderService().create(db, input, actor, claim, ttl, render);
        },
        [exchange, render](Created created) {
            if (!created) {
                exchange->respondProblem(created.error());
                return;
            }
            const bool replayed = created->replay.has_value();
            const StoredAnswer answer = replayed ? *created->replay : render(*created->order);
            http::HeaderList headers = headersOf(answer);
            if (replayed)
                headers.append(std::pair<QByteArray, QByteArray>("Idempotent-Replayed", "true"));
            exchange->respond(answer.status, answer.body, answer.contentType, headers);
        });
}

void read(const OrdersDeps &deps, const http::ExchangePtr &exchange)
{
    const auto id = http::pathUuid(*exchange);
    if (!id) {
        respondNotFound(exchange);
        return;
    }
    const audit::Actor actor = identity::actorOf(*exchange, deps.trustedProxies);
    const Role role = exchange->principal().role;
    deps.holds.db->run<Result<Order>>(
        exchange->context(),
        [id = *id, actor, role](QSqlDatabase &db) { return OrderService().read(db, id, actor, role); },
        [exchange](Result<Order> order) {
            if (!order)
                exchange->respondProblem(order.error());
            else
                exchange->respondJson(200, QJsonDocument(viewFor(*order, exchange->principal())),
                                      {{"ETag", etagOf(*order)}});
        });
}

// What a partner's systems poll: the order's state, nothing personal.
void partnerStatus(const OrdersDeps &deps, const http::ExchangePtr &exchange)
{
    const auto id = http::pathUuid(*exchange);
    if (!id) {
        respondNotFound(exchange);
        return;
    }
    using Found = Result<std::optional<Order>>;
    deps.holds.db->run<Found>(
        exchange->context(), [id = *id](QSqlDatabase &db) { return OrderRepository(db).find(id); },
        [exchange](Found found) {
            if (!found) {
                exchange->respondProblem(found.error());
                return;
            }
            if (!*found || (*found)->buyerId != exchange->principal().userId) {
                respondNotFound(exchange);
                return;
            }
            const Order &order = **found;
            const QJsonObject full = order.toJson(OrderView::Buyer);
            QJsonObject status{{QStringLiteral("id"), full.value(QStringLiteral("id"))},
                               {QStringLiteral("status"), statusName(order.status)}};
            for (const char *member :
                 {"total_amount", "expires_at", "paid_at", "shipped_at", "completed_at", "closed_at"})
                status.insert(QLatin1StringView(member), full.value(QLatin1StringView(member)));
            exchange->respondJson(200, QJsonDocument(status), {{"ETag", etagOf(order)}});
        });
}

// POST /orders/{id}/<action>, no body.
using Action =
    std::function<Changed(OrderService &, QSqlDatabase &, const QUuid &, const audit::Actor &, Role)>;

void runAction(const OrdersDeps &deps, const http::ExchangePtr &exchange, Action action)
{
    const auto id = http::pathUuid(*exchange);
    if (!id) {
        respondNotFound(exchange);
        return;
    }
    const audit::Actor actor = identity::actorOf(*exchange, deps.trustedProxies);
    const Role role = exchange->principal().role;
    deps.holds.db->run<Changed>(
        exchange->context(),
        [id = *id, actor, role, action](QSqlDatabase &db) {
            OrderService service;
            return action(service, db, id, actor, role);
        },
        [deps, exchange](Changed changed) {
            if (!changed) {
                exchange->respondProblem(changed.error());
                return;
            }
            tellRedis(deps, exchange, *changed);
            exchange->respondJson(200, QJsonDocument(viewFor(changed->order, exchange->principal())),
                                  {{"ETag", etagOf(changed->order)}});
        });
}

void respondOrders(const OrdersDeps &deps, const http::ExchangePtr &exchange, Result<OrderFilter> filter)
{
    http::respondTimeKeyPage<ListedOrder, OrderFilter>(
        *deps.holds.db, exchange, filter,
        [](QSqlDatabase &db, const OrderFilter &f, const std::optional<infra::TimeKey> &after, int limit) {
            return OrderRepository(db).list(f, after, limit);
        },
        [exchange](const ListedOrder &row) { return viewFor(row.order, exchange->principal()); });
}

void listOwn(const OrdersDeps &deps, const http::ExchangePtr &exchange)
{
    auto filter = orderFilterFrom(exchange->request().query, false);
    if (filter)
        filter->buyerId = exchange->principal().userId;
    respondOrders(deps, exchange, filter);
}

void listSold(const OrdersDeps &deps, const http::ExchangePtr &exchange)
{
    auto filter = orderFilterFrom(exchange->request().query, false);
    if (filter)
        filter->sellerId = exchange->principal().userId;
    respondOrders(deps, exchange, filter);
}

void listAll(const OrdersDeps &deps, const http::ExchangePtr &exchange)
{
    respondOrders(deps, exchange, orderFilterFrom(exchange->request().query, true));
}

void buyerStats(const OrdersDeps &deps, const http::ExchangePtr &exchange)
{
    using Totals = Result<OrderRepository::BuyerTotals>;
    deps.holds.db->run<Totals>(
        exchange->context(),
        [buyer = exchange->principal().userId](QSqlDatabase &db) {
            return OrderRepository(db).buyerTotals(buyer);
        },
        [exchange](Totals totals) {
            if (!totals) {
                exchange->respondProblem(totals.error());
                return;
            }
            QJsonObject byStatus;
            qint64 count = 0;
            for (OrderStatus status :
                 {OrderStatus::Pending, OrderStatus::Paid, OrderStatus::Shipped, OrderStatus::Completed,
                  OrderStatus::Cancelled, OrderStatus::RefundPending, OrderStatus::Expired}) {
                byStatus.insert(statusName(status), totals->byStatus.value(status));
                count += totals->byStatus.value(status);
            }
            exchange->respondJson(
                200, QJsonDocument(QJsonObject{
                         {QStringLiteral("orders"), QJsonObject{{QStringLiteral("total"), count},
                                                                {QStringLiteral("by_status"), byStatus}}},
                         {QStringLiteral("spent"), money::formatCents(totals->spentCents)},
                         {QStringLiteral("units_held"), totals->heldUnits}}));
        });
}

} // namespace

void registerRoutes(http::Router &router, const OrdersDeps &deps)
{
    using http::AccessRule;
    using http::IdempotencyUse;
    const auto reads = AccessRule::signedIn().withApiKeyScope(QStringLiteral("orders:read"));
    const auto writes = AccessRule::signedIn().withApiKeyScope(QStringLiteral("orders:write")).asWrite();
    const auto add = [&](const QByteArray &method, const QString &path, auto handler,
                         http::RouteOptions options) {
        router.add(
            method, path, [deps, handler](const http::ExchangePtr &exchange) { handler(deps, exchange); },
            options);
    };
    add("POST", QStringLiteral("/api/v1/orders/"), create, {true, writes, IdempotencyUse::Required});
    add("GET", QStringLiteral("/api/v1/orders/"), listOwn, {false, reads});
    add("GET", QStringLiteral("/api/v1/orders/{id}"), read, {false, reads});
    const auto action = [&](const char *name, Action run, IdempotencyUse use) {
        add("POST", QStringLiteral("/api/v1/orders/{id}/") + QLatin1StringView(name),
            [run](const OrdersDeps &d, const http::ExchangePtr &e) { runAction(d, e, run); },
            {false, writes, use});
    };
    action(
        "pay",
        [](OrderService &s, QSqlDatabase &db, const QUuid &id, const audit::Actor &a, Role) {
            return s.pay(db, id, a);
        },
        IdempotencyUse::Required);
    action(
        "cancel",
        [](OrderService &s, QSqlDatabase &db, const QUuid &id, const audit::Actor &a, Role r) {
            return s.cancel(db, id, a, r);
        },
        IdempotencyUse::Required);
    action(
        "ship",
        [](OrderService &s, QSqlDatabase &db, const QUuid &id, const audit::Actor &a, Role r) {
            return s.ship(db, id, a, r);
        },
        IdempotencyUse::Accepted);
    action(
        "complete",
        [](OrderService &s, QSqlDatabase &db, const QUuid &id, const audit::Actor &a, Role r) {
            return s.complete(db, id, a, r);
        },
        IdempotencyUse::Accepted);

    add("POST", QStringLiteral("/api/v1/external/orders"), create,
        {true, AccessRule::partner(QStringLiteral("orders:write")).asWrite(), IdempotencyUse::Required});
    add("GET", QStringLiteral("/api/v1/external/orders/{id}/status"), partnerStatus,
        {false, AccessRule::partner(QStringLiteral("orders:read"))});

    const auto buyers =
        AccessRule::rolesOnly({Role::Buyer, Role::UserB2b}).withApiKeyScope(QStringLiteral("orders:read"));
    add("GET", QStringLiteral("/api/v1/buyer/orders"), listOwn, {false, buyers});
    add("GET", QStringLiteral("/api/v1/buyer/stats"), buyerStats, {false, buyers});
    const auto sellers =
        AccessRule::rolesOnly({Role::Seller, Role::SellerB2b}).withApiKeyScope(QStringLiteral("orders:read"));
    add("GET", QStringLiteral("/api/v1/seller/orders"), listSold, {false, sellers});
    add("GET", QStringLiteral("/api/v1/admin/orders"), listAll,
        {false, AccessRule::rolesOnly({Role::Admin, Role::Moderator})});
}

} // namespace fd::orders
