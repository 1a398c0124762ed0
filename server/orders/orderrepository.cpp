#include "server/orders/orderrepository.h"

#include "common/money.h"
#include "server/infra/db/preparedqueries.h"
#include "server/infra/db/sqlsupport.h"

#include <QSqlQuery>
#include <QStringList>

namespace fd::orders {
namespace {

using infra::isoTimeSql;
using infra::sqlFailure;
using infra::uuidText;

// {a,b,c}: a list of ids as one PostgreSQL array literal (ids are UUIDs, so nothing needs quoting).
QString uuidArray(const QList<QUuid> &ids)
{
    QStringList texts;
    texts.reserve(ids.size());
    for (const QUuid &id : ids)
        texts.append(uuidText(id));
    return u'{' + texts.join(u',') + u'}';
}

QString orderColumns()
{
    return QStringLiteral("o.id, o.buyer_id, o.status, o.total_amount::text, o.shipping_address, ") +
           QStringList{
               isoTimeSql(QLatin1StringView("o.expires_at")),   isoTimeSql(QLatin1StringView("o.created_at")),
               isoTimeSql(QLatin1StringView("o.paid_at")),      isoTimeSql(QLatin1StringView("o.shipped_at")),
               isoTimeSql(QLatin1StringView("o.completed_at")), isoTimeSql(QLatin1StringView("o.closed_at"))}
               .join(QStringLiteral(", ")) +
           QStringLiteral(", o.version");
}

Order readOrder(const QSqlQuery &query)
{
    Order order;
    order.id = QUuid::fromString(query.value(0).toString());
    order.buyerId = QUuid::fromString(query.value(1).toString());
    order.status = statusFromName(query.value(2).toString()).value_or(OrderStatus::Pending);
    order.totalCents = money::parseCents(query.value(3).toString()).value_or(0);
    order.shippingAddress = query.value(4).toString();
    order.expiresAt = query.value(5).toString();
    order.createdAt = query.value(6).toString();
    order.paidAt = query.value(7).toString();
    order.shippedAt = query.value(8).toString();
    order.completedAt = query.value(9).toString();
    order.closedAt = query.value(10).toString();
    order.version = query.value(11).toInt();
    return order;
}

Result<QList<EndedHold>> endedHolds(QSqlQuery &query)
{
    if (!query.exec())
        return sqlFailure(query);
    QList<EndedHold> ended;
    while (query.next())
        ended.append(
            {QUuid::fromString(query.value(0).toString()), QUuid::fromString(query.value(1).toString())});
    return ended;
}

} // namespace

Result<std::optional<StoredAnswer>> OrderRepository::storedAnswer(const QByteArray &scope)
{
    auto prepared = infra::preparedQuery(
        m_db,
        QStringLiteral("SELECT fingerprint, status, content_type, headers, body FROM idempotency_records "
                       "WHERE scope = ? AND expires_at > now()"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(QString::fromLatin1(scope));
    if (!query.exec())
        return sqlFailure(query);
    if (!query.next())
        return std::optional<StoredAnswer>{};
    return std::optional<StoredAnswer>{StoredAnswer{
        query.value(0).toString().toLatin1(), query.value(1).toInt(), query.value(2).toString().toLatin1(),
        query.value(3).toString().toUtf8(), query.value(4).toByteArray()}};
}

Result<void> OrderRepository::storeAnswer(const QByteArray &scope, const StoredAnswer &answer,
                                          qint64 ttlSeconds)
{
    // An expired record under the same scope makes way: the key may be used afresh after its lifetime.
    auto prepared = infra::preparedQuery(
        m_db,
        QStringLiteral("INSERT INTO idempotency_records (scope, fingerprint, status, content_type, headers, "
                       "body, expires_at) VALUES (?, ?, ?, ?, ?, ?, now() + make_interval(secs => ?)) "
                       "ON CONFLICT (scope) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, "
                       "status = EXCLUDED.status, content_type = EXCLUDED.content_type, "
                       "headers = EXCLUDED.headers, body = EXCLUDED.body, created_at = now(), "
                       "expires_at = EXCLUDED.expires_at WHERE idempotency_records.expires_at <= now()"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(QString::fromLatin1(scope));
    query.addBindValue(QString::fromLatin1(answer.fingerprint));
    query.addBindValue(answer.status);
    query.addBindValue(QString::fromLatin1(answer.contentType));
    query.addBindValue(QString::fromUtf8(answer.headers));
    query.addBindValue(answer.body);
    query.addBindValue(ttlSeconds);
    if (!query.exec())
        return sqlFailure(query);
    if (query.numRowsAffected() != 1)
        return Error{ErrorCode::IdempotencyInProgress,
                     QStringLiteral("Another request with this key committed first")};
    return {};
}

Result<void> OrderRepository::pruneAnswers()
{
    auto prepared = infra::preparedQuery(
        m_db, QStringLiteral("DELETE FROM idempotency_records WHERE expires_at <= now()"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    if (!query.exec())
        return sqlFailure(query);
    return {};
}

Result<QList<HeldLine>> OrderRepository::lockHolds(const QList<QUuid> &ids, const QUuid &buyerId)
{
    auto prepared = infra::preparedQuery(
        m_db, QStringLiteral(
                  "SELECT r.id, r.product_id, p.seller_id, r.quantity, r.status, r.order_id IS NOT NULL, "
                  "r.expires_at > now(), p.name, p.price::text, ") +
                  isoTimeSql(QLatin1StringView("r.expires_at")) +
                  QStringLiteral(
                      " FROM reservations r JOIN products p ON p.id = r.product_id "
                      "WHERE r.id = ANY(?::uuid[]) AND r.user_id = ?::uuid ORDER BY r.id FOR UPDATE OF r"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(uuidArray(ids));
    query.addBindValue(uuidText(buyerId));
    if (!query.exec())
        return sqlFailure(query);
    QList<HeldLine> lines;
    while (query.next()) {
        HeldLine line;
        line.reservationId = QUuid::fromString(query.value(0).toString());
        line.productId = QUuid::fromString(query.value(1).toString());
        line.sellerId = QUuid::fromString(query.value(2).toString());
        line.quantity = query.value(3).toInt();
        line.status = query.value(4).toString();
        line.ordered = query.value(5).toBool();
        line.live = query.value(6).toBool();
        line.productName = query.value(7).toString();
        line.unitPriceCents = money::parseCents(query.value(8).toString()).value_or(0);
        line.expiresAt = query.value(9).toString();
        lines.append(line);
    }
    return lines;
}

Result<void> OrderRepository::insert(const Order &order)
{
    {
        auto prepared = infra::preparedQuery(
            m_db,
            QStringLiteral("INSERT INTO orders (id, buyer_id, total_amount, shipping_address, expires_at) "
                           "VALUES (?::uuid, ?::uuid, ?::numeric, ?, ?::timestamptz)"));
        if (!prepared)
            return prepared.error();
        QSqlQuery &query = **prepared;
        query.addBindValue(uuidText(order.id));
        query.addBindValue(uuidText(order.buyerId));
        query.addBindValue(money::formatCents(order.totalCents));
        query.addBindValue(order.shippingAddress);
        query.addBindValue(order.expiresAt);
        if (!query.exec())
            return sqlFailure(query);
    }
    for (const OrderItem &item : order.items) {
        auto prepared = infra::preparedQuery(
            m_db, QStringLiteral(
                      "INSERT INTO order_items (order_id, reservation_id, product_id, seller_id, "
                      "product_name, unit_price, quantity) VALUES (?::uuid, ?::uuid, ?::uuid, ?::uuid, ?, "
                      "?::numeric, ?)"));
        if (!prepared)
            return prepared.error();
        QSqlQuery &query = **prepared;
        query.addBindValue(uuidText(order.id));
        query.addBindValue(uuidText(item.reservationId));
        query.addBindValue(uuidText(item.productId));
        query.addBindValue(uuidText(item.sellerId));
        query.addBindValue(item.productName);
        query.addBindValue(money::formatCents(item.unitPriceCents));
        query.addBindValue(item.quantity);
        if (!query.exec())
            return sqlFailure(query);
    }
    auto prepared = infra::preparedQuery(
        m_db, QStringLiteral("UPDATE reservations SET order_id = ?::uuid WHERE id IN "
                             "(SELECT reservation_id FROM order_items WHERE order_id = ?::uuid)"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(uuidText(order.id));
    query.addBindValue(uuidText(order.id));
    if (!query.exec())
        return sqlFailure(query);
    return {};
}

Result<std::optional<Order>> OrderRepository::find(const QUuid &id, bool forUpdate)
{
    auto prepared = infra::preparedQuery(m_db, QStringLiteral("SELECT ") + orderColumns() +
                                                   QStringLiteral(" FROM orders o WHERE o.id = ?::uuid") +
                                                   (forUpdate ? QStringLiteral(" FOR UPDATE") : QString()));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(uuidText(id));
    if (!query.exec())
        return sqlFailure(query);
    if (!query.next())
        return std::optional<Order>{};
    Order order = readOrder(query);
    if (auto loaded = loadItems({&order}); !loaded)
        return loaded.error();
    return std::optional<Order>{order};
}

Result<void> OrderRepository::loadItems(QList<Order *> orders)
{
    if (orders.isEmpty())
        return {};
    QList<QUuid> ids;
    for (const Order *order : orders)
        ids.append(order->id);
    auto prepared = infra::preparedQuery(
        m_db,
        QStringLiteral(
            "SELECT order_id, reservation_id, product_id, seller_id, product_name, unit_price::text, "
            "quantity FROM order_items WHERE order_id = ANY(?::uuid[]) ORDER BY order_id, product_name, "
            "reservation_id"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(uuidArray(ids));
    if (!query.exec())
        return sqlFailure(query);
    while (query.next()) {
        const QUuid orderId = QUuid::fromString(query.value(0).toString());
        OrderItem item{QUuid::fromString(query.value(1).toString()),
                       QUuid::fromString(query.value(2).toString()),
                       QUuid::fromString(query.value(3).toString()),
                       query.value(4).toString(),
                       money::parseCents(query.value(5).toString()).value_or(0),
                       query.value(6).toInt()};
        for (Order *order : orders) {
            if (order->id == orderId)
                order->items.append(item);
        }
    }
    return {};
}

Result<bool> OrderRepository::lockLiveHolds(const QUuid &orderId)
{
    auto prepared = infra::preparedQuery(
        m_db, QStringLiteral(
                  "SELECT bool_and(status = 'PENDING' AND expires_at > now()) FROM "
                  "(SELECT status, expires_at FROM reservations WHERE order_id = ?::uuid FOR UPDATE) held"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(uuidText(orderId));
    if (!query.exec() || !query.next())
        return sqlFailure(query);
    return query.value(0).toBool();
}

Result<QList<EndedHold>> OrderRepository::endHolds(const QUuid &orderId, const QString &status)
{
    auto prepared = infra::preparedQuery(
        m_db, QStringLiteral("UPDATE reservations SET status = ?, closed_at = now() WHERE order_id = ?::uuid "
                             "AND status = 'PENDING' RETURNING id, product_id"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(status);
    query.addBindValue(uuidText(orderId));
    return endedHolds(query);
}

Result<void> OrderRepository::takeFromStock(const QUuid &orderId)
{
    auto moved = moveStock(orderId, false);
    if (!moved)
        return moved.error();
    return {};
}

Result<QList<QUuid>> OrderRepository::returnToStock(const QUuid &orderId)
{
    return moveStock(orderId, true);
}

// The order's units per product, out of stock (sold) or back into it (refunded: more can be held now, so
// the hold generation moves too).
Result<QList<QUuid>> OrderRepository::moveStock(const QUuid &orderId, bool back)
{
    const QString change = back ? QStringLiteral("stock = least(p.stock + units.n, 1000000), "
                                                 "hold_generation = p.hold_generation + 1")
                                : QStringLiteral("stock = p.stock - units.n");
    auto prepared = infra::preparedQuery(
        m_db,
        QStringLiteral("UPDATE products p SET %1, version = p.version + 1 FROM (SELECT product_id, "
                       "sum(quantity) AS n FROM order_items WHERE order_id = ?::uuid GROUP BY product_id) "
                       "units WHERE p.id = units.product_id RETURNING p.id")
            .arg(change));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(uuidText(orderId));
    if (!query.exec())
        return sqlFailure(query);
    QList<QUuid> products;
    while (query.next())
        products.append(QUuid::fromString(query.value(0).toString()));
    return products;
}

Result<void> OrderRepository::setStatus(const QUuid &orderId, OrderStatus status, QLatin1StringView stamp)
{
    auto prepared = infra::preparedQuery(
        m_db,
        QStringLiteral("UPDATE orders SET status = ?, %1 = now(), version = version + 1 WHERE id = ?::uuid")
            .arg(stamp));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(statusName(status));
    query.addBindValue(uuidText(orderId));
    if (!query.exec())
        return sqlFailure(query);
    return {};
}

Result<QList<ListedOrder>> OrderRepository::list(const OrderFilter &filter,
                                                 const std::optional<infra::TimeKey> &after, int limit)
{
    QString sql = QStringLiteral("SELECT ") + orderColumns() + QStringLiteral(", ") +
                  infra::timeKeySql(QLatin1StringView("o.created_at")) +
                  QStringLiteral(" FROM orders o WHERE true ");
    QVariantList values;
    if (filter.buyerId) {
        sql += QStringLiteral("AND o.buyer_id = ?::uuid ");
        values.append(uuidText(*filter.buyerId));
    }
    if (filter.sellerId) {
        sql += QStringLiteral(
            "AND EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id AND i.seller_id = ?::uuid) ");
        values.append(uuidText(*filter.sellerId));
    }
    if (filter.productId) {
        sql += QStringLiteral(
            "AND EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id AND i.product_id = ?::uuid) ");
        values.append(uuidText(*filter.productId));
    }
    if (filter.status) {
        sql += QStringLiteral("AND o.status = ? ");
        values.append(statusName(*filter.status));
    }
    if (!filter.from.isEmpty()) {
        sql += QStringLiteral("AND o.created_at >= ?::timestamptz ");
        values.append(filter.from);
    }
    if (!filter.to.isEmpty()) {
        sql += QStringLiteral("AND o.created_at < ?::timestamptz ");
        values.append(filter.to);
    }
    if (after) {
        sql += QStringLiteral("AND (o.created_at, o.id) < (?::timestamptz, ?::uuid) ");
        values.append(after->at);
        values.append(uuidText(after->id));
    }
    sql += QStringLiteral("ORDER BY o.created_at DESC, o.id DESC LIMIT ?");
    values.append(limit + 1);
    auto executed = infra::executedQuery(m_db, sql, values);
    if (!executed)
        return executed.error();
    QSqlQuery &query = **executed;
    QList<ListedOrder> rows;
    while (query.next())
        rows.append({readOrder(query), query.value(12).toString()});
    QList<Order *> orders;
    for (ListedOrder &row : rows)
        orders.append(&row.order);
    if (auto loaded = loadItems(orders); !loaded)
        return loaded.error();
    return rows;
}

Result<OrderRepository::BuyerTotals> OrderRepository::buyerTotals(const QUuid &buyerId)
{
    BuyerTotals totals;
    {
        auto prepared = infra::preparedQuery(
            m_db, QStringLiteral("SELECT status, count(*), COALESCE(sum(total_amount), 0)::text FROM orders "
                                 "WHERE buyer_id = ?::uuid GROUP BY status"));
        if (!prepared)
            return prepared.error();
        QSqlQuery &query = **prepared;
        query.addBindValue(uuidText(buyerId));
        if (!query.exec())
            return sqlFailure(query);
        while (query.next()) {
            const auto status = statusFromName(query.value(0).toString());
            if (!status)
                continue;
            totals.byStatus[*status] = query.value(1).toLongLong();
            if (*status == OrderStatus::Paid || *status == OrderStatus::Shipped ||
                *status == OrderStatus::Completed)
                totals.spentCents += money::parseCents(query.value(2).toString()).value_or(0);
        }
    }
    auto prepared = infra::preparedQuery(
        m_db, QStringLiteral("SELECT COALESCE(sum(quantity), 0) FROM reservations WHERE user_id = ?::uuid "
                             "AND status = 'PENDING' AND expires_at > now()"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(uuidText(buyerId));
    if (!query.exec() || !query.next())
        return sqlFailure(query);
    totals.heldUnits = query.value(0).toLongLong();
    return totals;
}

Result<QList<EndedHold>> OrderRepository::expireDue(int batch)
{
    auto prepared = infra::preparedQuery(
        m_db,
        QStringLiteral("WITH lapsed AS (UPDATE orders SET status = 'EXPIRED', closed_at = now(), "
                       "version = version + 1 WHERE id IN (SELECT id FROM orders WHERE status = 'PENDING' "
                       "AND expires_at <= now() ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED) "
                       "AND status = 'PENDING' RETURNING id) "
                       "UPDATE reservations r SET status = 'EXPIRED', closed_at = now() FROM lapsed "
                       "WHERE r.order_id = lapsed.id AND r.status = 'PENDING' RETURNING r.id, r.product_id"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(batch);
    return endedHolds(query);
}

} // namespace fd::orders
