#include "server/orders/orderservice.h"

#include "server/audit/auditwriter.h"
#include "server/infra/db/preparedqueries.h"
#include "server/infra/db/sqlsupport.h"
#include "server/infra/db/transaction.h"

#include <QSqlQuery>

namespace fd::orders {
namespace {

using infra::uuidText;

Error notFound()
{
    return Error{ErrorCode::NotFound, QStringLiteral("No such order")};
}

Result<void> audit(QSqlDatabase &db, const audit::Actor &actor, const QString &action, const QUuid &id,
                   const QJsonObject &before, const QJsonObject &after)
{
    return audit::AuditWriter(db).write(
        {actor, QStringLiteral("order.") + action, QStringLiteral("order"), uuidText(id), before, after});
}

bool isStaff(Role role)
{
    return role == Role::Admin || role == Role::Moderator;
}

// Requests with the same key take turns from here to commit, so the second sees the first's answer.
Result<void> serializeKey(QSqlDatabase &db, const QByteArray &scope)
{
    auto prepared =
        infra::preparedQuery(db, QStringLiteral("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(QString::fromLatin1(scope));
    if (!query.exec())
        return infra::sqlFailure(query);
    return {};
}

Result<Order> lockedOrder(OrderRepository &orders, const QUuid &id)
{
    auto found = orders.find(id, true);
    if (!found)
        return found.error();
    if (!*found)
        return notFound();
    return **found;
}

Error wrongState(const Order &order, const QString &wanted)
{
    return Error{ErrorCode::InvalidState,
                 QStringLiteral("The order is %1; it cannot be %2").arg(statusName(order.status), wanted)};
}

} // namespace

Result<CreatedOrder> OrderService::create(QSqlDatabase &db, const NewOrder &input, const audit::Actor &actor,
                                          const std::optional<http::IdempotencyClaim> &claim,
                                          qint64 claimTtlSeconds, const Render &render)
{
    return infra::inTransaction(db, [&]() -> Result<CreatedOrder> {
        OrderRepository orders(db);
        if (claim) {
            if (auto turn = serializeKey(db, claim->scope); !turn)
                return turn.error();
            auto stored = orders.storedAnswer(claim->scope);
            if (!stored)
                return stored.error();
            if (*stored) {
                if ((*stored)->fingerprint != claim->fingerprint)
                    return Error{ErrorCode::IdempotencyKeyReused,
                                 QStringLiteral("This key was sent with a different body")};
                return CreatedOrder{std::nullopt, **stored};
            }
        }
        auto lines = orders.lockHolds(input.reservationIds, actor.userId);
        if (!lines)
            return lines.error();
        if (lines->size() != input.reservationIds.size())
            return Error{
                ErrorCode::NotFound,
                QStringLiteral("No such reservation"),
                {{QStringLiteral("reservation_ids"), QStringLiteral("names a reservation you do not hold")}}};
        Order order;
        order.id = QUuid::createUuid();
        order.buyerId = actor.userId;
        order.shippingAddress = input.shippingAddress;
        for (const HeldLine &line : std::as_const(*lines)) {
            if (line.status != QLatin1StringView("PENDING"))
                return Error{ErrorCode::HoldNotPending,
                             QStringLiteral("A reservation is already %1").arg(line.status)};
            if (line.ordered)
                return Error{ErrorCode::InvalidState,
                             QStringLiteral("A reservation already belongs to an order")};
            if (!line.live)
                return Error{ErrorCode::HoldExpired, QStringLiteral("A reservation has expired")};
            order.items.append({line.reservationId, line.productId, line.sellerId, line.productName,
                                line.unitPriceCents, line.quantity});
            order.totalCents += line.unitPriceCents * line.quantity;
            // RFC 3339 UTC text of one format compares like the times it names.
            if (order.expiresAt.isEmpty() || line.expiresAt < order.expiresAt)
                order.expiresAt = line.expiresAt;
        }
        if (auto inserted = orders.insert(order); !inserted)
            return inserted.error();
        auto created = lockedOrder(orders, order.id);
        if (!created)
            return created.error();
        if (auto written = audit(db, actor, QStringLiteral("create"), order.id, {}, created->auditState());
            !written)
            return written.error();
        if (claim) {
            StoredAnswer answer = render(*created);
            answer.fingerprint = claim->fingerprint;
            if (auto stored = orders.storeAnswer(claim->scope, answer, claimTtlSeconds); !stored)
                return stored.error();
        }
        return CreatedOrder{*created, std::nullopt};
    });
}

Result<Order> OrderService::read(QSqlDatabase &db, const QUuid &id, const audit::Actor &actor, Role role)
{
    return infra::inTransaction(db, [&]() -> Result<Order> {
        OrderRepository orders(db);
        auto found = orders.find(id);
        if (!found)
            return found.error();
        if (!*found)
            return notFound();
        const Order &order = **found;
        if (order.buyerId == actor.userId || order.soldBy(actor.userId))
            return order;
        if (!isStaff(role))
            return notFound();
        // Staff reading someone's order see their address: that access is recorded.
        if (auto written = audit(db, actor, QStringLiteral("read"), id, {}, {}); !written)
            return written.error();
        return order;
    });
}

Result<OrderChange> OrderService::pay(QSqlDatabase &db, const QUuid &id, const audit::Actor &actor)
{
    return infra::inTransaction(db, [&]() -> Result<OrderChange> {
        OrderRepository orders(db);
        auto before = lockedOrder(orders, id);
        if (!before)
            return before.error();
        if (before->buyerId != actor.userId)
            return notFound();
        if (before->status != OrderStatus::Pending)
            return wrongState(*before, QStringLiteral("paid"));
        auto live = orders.lockLiveHolds(id);
        if (!live)
            return live.error();
        if (!*live)
            return Error{ErrorCode::HoldExpired,
                         QStringLiteral("A hold of the order expired; reserve again")};
        auto sold = orders.endHolds(id, QStringLiteral("SOLD"));
        if (!sold)
            return sold.error();
        if (auto taken = orders.takeFromStock(id); !taken)
            return taken.error();
        if (auto set = orders.setStatus(id, OrderStatus::Paid, QLatin1StringView("paid_at")); !set)
            return set.error();
        auto after = lockedOrder(orders, id);
        if (!after)
            return after.error();
        if (auto written =
                audit(db, actor, QStringLiteral("pay"), id, before->auditState(), after->auditState());
            !written)
            return written.error();
        return OrderChange{*after, *sold, {}, {}};
    });
}

Result<OrderChange> OrderService::cancel(QSqlDatabase &db, const QUuid &id, const audit::Actor &actor,
                                         Role role)
{
    return infra::inTransaction(db, [&]() -> Result<OrderChange> {
        OrderRepository orders(db);
        auto before = lockedOrder(orders, id);
        if (!before)
            return before.error();
        const bool admin = role == Role::Admin;
        if (before->buyerId != actor.userId && !admin)
            return isStaff(role)
                       ? Error{ErrorCode::Forbidden, QStringLiteral("Moderators do not change orders")}
                       : notFound();
        OrderChange change;
        if (before->status == OrderStatus::Pending) {
            auto returned = orders.endHolds(id, QStringLiteral("RELEASED"));
            if (!returned)
                return returned.error();
            change.returned = *returned;
            if (auto set = orders.setStatus(id, OrderStatus::Cancelled, QLatin1StringView("closed_at")); !set)
                return set.error();
        } else if (before->status == OrderStatus::Paid && admin) {
            // Paid money goes back by hand (refund pending); the units go back on sale now.
            auto restocked = orders.returnToStock(id);
            if (!restocked)
                return restocked.error();
            change.restocked = *restocked;
            if (auto set = orders.setStatus(id, OrderStatus::RefundPending, QLatin1StringView("closed_at"));
                !set)
                return set.error();
        } else if (before->status == OrderStatus::Paid) {
            return Error{ErrorCode::InvalidState, QStringLiteral("A paid order is cancelled by an admin")};
        } else {
            return wrongState(*before, QStringLiteral("cancelled"));
        }
        auto after = lockedOrder(orders, id);
        if (!after)
            return after.error();
        if (auto written =
                audit(db, actor, QStringLiteral("cancel"), id, before->auditState(), after->auditState());
            !written)
            return written.error();
        change.order = *after;
        return change;
    });
}

Result<OrderChange> OrderService::ship(QSqlDatabase &db, const QUuid &id, const audit::Actor &actor,
                                       Role role)
{
    return fulfil(db, id, actor, role, OrderStatus::Paid, OrderStatus::Shipped,
                  QLatin1StringView("shipped_at"), QStringLiteral("ship"));
}

Result<OrderChange> OrderService::complete(QSqlDatabase &db, const QUuid &id, const audit::Actor &actor,
                                           Role role)
{
    return fulfil(db, id, actor, role, OrderStatus::Shipped, OrderStatus::Completed,
                  QLatin1StringView("completed_at"), QStringLiteral("complete"));
}

// Shipping and completing: the seller of every item, or an admin.
Result<OrderChange> OrderService::fulfil(QSqlDatabase &db, const QUuid &id, const audit::Actor &actor,
                                         Role role, OrderStatus from, OrderStatus to, QLatin1StringView stamp,
                                         const QString &action)
{
    return infra::inTransaction(db, [&]() -> Result<OrderChange> {
        OrderRepository orders(db);
        auto before = lockedOrder(orders, id);
        if (!before)
            return before.error();
        const bool sellsAll =
            !before->items.isEmpty() &&
            std::all_of(before->items.cbegin(), before->items.cend(),
                        [&](const OrderItem &item) { return item.sellerId == actor.userId; });
        if (role != Role::Admin && !sellsAll) {
            if (before->buyerId == actor.userId || before->soldBy(actor.userId) || isStaff(role))
                return Error{ErrorCode::Forbidden,
                             QStringLiteral("Only the seller of every item, or an admin, may")};
            return notFound();
        }
        if (before->status != from)
            return wrongState(*before, action == QLatin1StringView("ship") ? QStringLiteral("shipped")
                                                                           : QStringLiteral("completed"));
        if (auto set = orders.setStatus(id, to, stamp); !set)
            return set.error();
        auto after = lockedOrder(orders, id);
        if (!after)
            return after.error();
        if (auto written = audit(db, actor, action, id, before->auditState(), after->auditState()); !written)
            return written.error();
        return OrderChange{*after, {}, {}, {}};
    });
}

} // namespace fd::orders
