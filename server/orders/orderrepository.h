#pragma once

#include "common/result.h"
#include "server/infra/db/timekey.h"
#include "server/orders/orderrecord.h"
#include "server/reservations/reservationrepository.h"

#include <QSqlDatabase>

#include <optional>

namespace fd::orders {

// One of the buyer's holds, locked, with what ordering it needs.
struct HeldLine
{
    QUuid reservationId;
    QUuid productId;
    QUuid sellerId;
    int quantity = 0;
    QString status;
    bool ordered = false; // already part of an order
    bool live = false;    // before its deadline, by the database clock
    QString productName;
    qint64 unitPriceCents = 0;
    QString expiresAt;
};

// An answer kept for an Idempotency-Key (see sql/0007_orders.sql).
struct StoredAnswer
{
    QByteArray fingerprint;
    int status = 0;
    QByteArray contentType;
    QByteArray headers; // "name: value" per line
    QByteArray body;
};

struct OrderFilter
{
    std::optional<QUuid> buyerId;
    std::optional<QUuid> sellerId; // orders with at least one of this seller's items
    std::optional<QUuid> productId;
    std::optional<OrderStatus> status;
    QString from; // created at or after (RFC 3339), empty: no bound
    QString to;   // created before
};

struct ListedOrder
{
    Order order;
    QString createdKey; // created_at to the microsecond
    infra::TimeKey key() const { return {createdKey, order.id}; }
};

// A hold that leaves PENDING with an order, and where its units go.
using EndedHold = reservations::ExpiredHold;

// SQL for orders and their lines.
class OrderRepository
{
public:
    explicit OrderRepository(QSqlDatabase &db) : m_db(db) {}

    Result<std::optional<StoredAnswer>> storedAnswer(const QByteArray &scope);
    Result<void> storeAnswer(const QByteArray &scope, const StoredAnswer &answer, qint64 ttlSeconds);
    // Drops answers past their lifetime.
    Result<void> pruneAnswers();

    // Locks the buyer's holds among ids (others' and unknown ones are simply absent).
    Result<QList<HeldLine>> lockHolds(const QList<QUuid> &ids, const QUuid &buyerId);
    Result<void> insert(const Order &order);

    Result<std::optional<Order>> find(const QUuid &id, bool forUpdate = false);
    // Locks the order's holds; false when one of them is no longer PENDING or its deadline passed.
    Result<bool> lockLiveHolds(const QUuid &orderId);
    // Moves the order's PENDING holds to `status` and answers them.
    Result<QList<EndedHold>> endHolds(const QUuid &orderId, const QString &status);
    // Sold units leave stock (the holds' units leave with them, so what can be held is unchanged); a
    // refund puts them back and moves the hold generation, since more can now be held.
    Result<void> takeFromStock(const QUuid &orderId);
    Result<QList<QUuid>> returnToStock(const QUuid &orderId);
    // Sets the status; `stamp` names the time column to set now (a constant, never input).
    Result<void> setStatus(const QUuid &orderId, OrderStatus status, QLatin1StringView stamp);

    Result<QList<ListedOrder>> list(const OrderFilter &filter, const std::optional<infra::TimeKey> &after,
                                    int limit);
    // Orders of one buyer by status, with what their paid ones cost.
    struct BuyerTotals
    {
        QMap<OrderStatus, qint64> byStatus;
        qint64 spentCents = 0;
        qint64 heldUnits = 0;
    };
    Result<BuyerTotals> buyerTotals(const QUuid &buyerId);

    // Marks unpaid orders whose first hold lapsed EXPIRED, with their holds (skipping rows another sweeper
    // holds), and answers those holds.
    Result<QList<EndedHold>> expireDue(int batch);

private:
    Result<void> loadItems(QList<Order *> orders);
    Result<QList<QUuid>> moveStock(const QUuid &orderId, bool back);

    QSqlDatabase &m_db;
};

} // namespace fd::orders
