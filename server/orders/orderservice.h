#pragma once

#include "common/result.h"
#include "common/role.h"
#include "server/audit/auditentry.h"
#include "server/http/exchange.h"
#include "server/orders/orderrepository.h"

#include <QSqlDatabase>

#include <functional>
#include <optional>

namespace fd::orders {

struct NewOrder
{
    QList<QUuid> reservationIds;
    QString shippingAddress;
};

// What a committed change leaves for Redis to learn: holds sold or given back, and products whose state
// must be rebuilt because their stock grew.
struct OrderChange
{
    Order order;
    QList<EndedHold> sold;
    QList<EndedHold> returned;
    QList<QUuid> restocked;
};

struct CreatedOrder
{
    std::optional<Order> order;         // made by this request
    std::optional<StoredAnswer> replay; // or the answer a request with the same key committed before
};

// The rules of orders. Every method runs on a database thread; every change runs in one transaction with
// its audit entry (target type "order"). Other users' orders are NotFound; staff may read every order
// (the read is audited, since it shows a buyer's address) but never change one, except an admin.
class OrderService
{
public:
    using Render = std::function<StoredAnswer(const Order &)>;

    // With a claim, the answer render() makes is committed with the order, and a request whose key
    // already has one gets that instead (after waiting for a concurrent one with the same key).
    Result<CreatedOrder> create(QSqlDatabase &db, const NewOrder &input, const audit::Actor &actor,
                                const std::optional<http::IdempotencyClaim> &claim, qint64 claimTtlSeconds,
                                const Render &render);
    Result<Order> read(QSqlDatabase &db, const QUuid &id, const audit::Actor &actor, Role role);

    Result<OrderChange> pay(QSqlDatabase &db, const QUuid &id, const audit::Actor &actor);
    Result<OrderChange> cancel(QSqlDatabase &db, const QUuid &id, const audit::Actor &actor, Role role);
    Result<OrderChange> ship(QSqlDatabase &db, const QUuid &id, const audit::Actor &actor, Role role);
    Result<OrderChange> complete(QSqlDatabase &db, const QUuid &id, const audit::Actor &actor, Role role);

private:
    Result<OrderChange> fulfil(QSqlDatabase &db, const QUuid &id, const audit::Actor &actor, Role role,
                               OrderStatus from, OrderStatus to, QLatin1StringView stamp,
                               const QString &action);
};

} // namespace fd::orders
