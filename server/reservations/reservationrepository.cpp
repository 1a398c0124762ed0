#include "server/reservations/reservationrepository.h"

#include "server/infra/db/preparedqueries.h"
#include "server/infra/db/sqlsupport.h"
#include "server/infra/db/transaction.h"

#include <QSqlQuery>

namespace fd::reservations {
namespace {

using infra::uuidText;

// The columns every reservation read selects, in the order readReservation() takes them.
QString reservationColumns()
{
    return QStringLiteral("r.id, r.product_id, r.user_id, r.quantity, r.status, ") +
           infra::isoTimeSql(QLatin1StringView("r.expires_at")) + QStringLiteral(", ") +
           infra::isoTimeSql(QLatin1StringView("r.created_at")) + QStringLiteral(", r.order_id");
}

Reservation readReservation(const QSqlQuery &query, int first = 0)
{
    Reservation row;
    row.id = QUuid::fromString(query.value(first).toString());
    row.productId = QUuid::fromString(query.value(first + 1).toString());
    row.userId = QUuid::fromString(query.value(first + 2).toString());
    row.quantity = query.value(first + 3).toInt();
    row.status = query.value(first + 4).toString();
    row.expiresAt = query.value(first + 5).toString();
    row.createdAt = query.value(first + 6).toString();
    row.orderId = QUuid::fromString(query.value(first + 7).toString());
    return row;
}

Result<std::optional<Reservation>> oneReservation(QSqlQuery &query)
{
    if (!query.exec())
        return infra::sqlFailure(query);
    if (!query.next())
        return std::optional<Reservation>{};
    return std::optional<Reservation>{readReservation(query)};
}

} // namespace

Result<std::optional<Reservation>> ReservationRepository::record(const HoldRequest &hold, qint64 generation,
                                                                 qint64 ttlSeconds)
{
    auto prepared = infra::preparedQuery(
        m_db,
        QStringLiteral("WITH product AS (SELECT id FROM products WHERE id = ?::uuid AND status = 'ACTIVE' "
                       "AND hold_generation = ? AND seller_id <> ?::uuid FOR SHARE) "
                       "INSERT INTO reservations AS r (id, product_id, user_id, quantity, expires_at) "
                       "SELECT ?::uuid, product.id, ?::uuid, ?, now() + make_interval(secs => ?) "
                       "FROM product RETURNING ") +
            reservationColumns());
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(uuidText(hold.productId));
    query.addBindValue(generation);
    query.addBindValue(uuidText(hold.userId));
    query.addBindValue(uuidText(hold.holdId));
    query.addBindValue(uuidText(hold.userId));
    query.addBindValue(hold.quantity);
    query.addBindValue(ttlSeconds);
    return oneReservation(query);
}

Result<HoldSnapshot> ReservationRepository::rebuild(const QUuid &productId)
{
    return infra::inTransaction(m_db, [&]() -> Result<HoldSnapshot> {
        HoldSnapshot snapshot;
        {
            auto prepared = infra::preparedQuery(
                m_db,
                QStringLiteral("UPDATE products SET hold_generation = hold_generation + 1 WHERE id = ?::uuid "
                               "RETURNING status = 'ACTIVE', seller_id, stock, hold_generation"));
            if (!prepared)
                return prepared.error();
            QSqlQuery &query = **prepared;
            query.addBindValue(uuidText(productId));
            if (!query.exec())
                return infra::sqlFailure(query);
            if (!query.next())
                return snapshot; // no such product
            snapshot.exists = true;
            snapshot.sellable = query.value(0).toBool();
            snapshot.sellerId = QUuid::fromString(query.value(1).toString());
            snapshot.available = query.value(2).toLongLong();
            snapshot.generation = query.value(3).toLongLong();
        }
        // A new statement sees every hold committed before the update above took the row; holds waiting
        // on that row lock find the generation moved and record nothing.
        auto prepared =
            infra::preparedQuery(m_db, QStringLiteral("SELECT id, user_id, quantity FROM reservations "
                                                      "WHERE product_id = ?::uuid AND status = 'PENDING'"));
        if (!prepared)
            return prepared.error();
        QSqlQuery &query = **prepared;
        query.addBindValue(uuidText(productId));
        if (!query.exec())
            return infra::sqlFailure(query);
        while (query.next()) {
            PendingHold hold{QUuid::fromString(query.value(0).toString()),
                             QUuid::fromString(query.value(1).toString()), query.value(2).toInt()};
            snapshot.available -= hold.quantity;
            snapshot.holds.append(hold);
        }
        // Below zero only if stock was lowered under the units held; nothing more can be held then.
        snapshot.available = qMax<qint64>(0, snapshot.available);
        return snapshot;
    });
}

Result<QList<ListedReservation>> ReservationRepository::list(const ReservationFilter &filter,
                                                             const std::optional<infra::TimeKey> &after,
                                                             int limit)
{
    QString sql = QStringLiteral("SELECT ") + reservationColumns() + QStringLiteral(", ") +
                  infra::timeKeySql(QLatin1StringView("r.created_at")) +
                  QStringLiteral(" FROM reservations r WHERE true ");
    QVariantList values;
    const auto where = [&](const QString &condition, const QVariant &value) {
        sql += QStringLiteral("AND ") + condition + u' ';
        values.append(value);
    };
    if (filter.userId)
        where(QStringLiteral("r.user_id = ?::uuid"), uuidText(*filter.userId));
    if (filter.productId)
        where(QStringLiteral("r.product_id = ?::uuid"), uuidText(*filter.productId));
    if (!filter.status.isEmpty())
        where(QStringLiteral("r.status = ?"), filter.status);
    if (!filter.from.isEmpty())
        where(QStringLiteral("r.created_at >= ?::timestamptz"), filter.from);
    if (!filter.to.isEmpty())
        where(QStringLiteral("r.created_at < ?::timestamptz"), filter.to);
    if (after) {
        sql += QStringLiteral("AND (r.created_at, r.id) < (?::timestamptz, ?::uuid) ");
        values << after->at << uuidText(after->id);
    }
    sql += QStringLiteral("ORDER BY r.created_at DESC, r.id DESC LIMIT ?");
    values.append(limit + 1);
    auto executed = infra::executedQuery(m_db, sql, values);
    if (!executed)
        return executed.error();
    QSqlQuery &query = **executed;
    QList<ListedReservation> rows;
    while (query.next())
        rows.append({readReservation(query), query.value(8).toString()});
    return rows;
}

Result<std::optional<Reservation>> ReservationRepository::find(const QUuid &id)
{
    auto prepared =
        infra::preparedQuery(m_db, QStringLiteral("SELECT ") + reservationColumns() +
                                       QStringLiteral(" FROM reservations r WHERE r.id = ?::uuid"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(uuidText(id));
    return oneReservation(query);
}

Result<std::optional<Reservation>> ReservationRepository::release(const QUuid &id, const QUuid &ownerId)
{
    auto prepared = infra::preparedQuery(
        m_db,
        QStringLiteral(
            "UPDATE reservations r SET status = 'RELEASED', closed_at = now() "
            "WHERE r.id = ?::uuid AND r.user_id = ?::uuid AND r.status = 'PENDING' AND r.order_id IS NULL "
            "RETURNING ") +
            reservationColumns());
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(uuidText(id));
    query.addBindValue(uuidText(ownerId));
    return oneReservation(query);
}

Result<QList<ExpiredHold>> ReservationRepository::expireDue(int batch)
{
    auto prepared = infra::preparedQuery(
        m_db, QStringLiteral("UPDATE reservations SET status = 'EXPIRED', closed_at = now() WHERE id IN ("
                             "SELECT id FROM reservations WHERE status = 'PENDING' AND expires_at <= now() "
                             "AND order_id IS NULL "
                             "ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED) "
                             "AND status = 'PENDING' AND order_id IS NULL RETURNING id, product_id"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(batch);
    if (!query.exec())
        return infra::sqlFailure(query);
    QList<ExpiredHold> expired;
    while (query.next())
        expired.append(
            {QUuid::fromString(query.value(0).toString()), QUuid::fromString(query.value(1).toString())});
    return expired;
}

} // namespace fd::reservations
