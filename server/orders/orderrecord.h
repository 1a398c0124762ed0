#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUuid>

#include <optional>

namespace fd::orders {

enum class OrderStatus { Pending, Paid, Shipped, Completed, Cancelled, RefundPending, Expired };

QString statusName(OrderStatus status);
std::optional<OrderStatus> statusFromName(QStringView name);

struct OrderItem
{
    QUuid reservationId;
    QUuid productId;
    QUuid sellerId;
    QString productName; // as it was when ordered
    qint64 unitPriceCents = 0;
    int quantity = 0;

    qint64 lineCents() const { return unitPriceCents * quantity; }
    QJsonObject toJson() const;
};

// Who reads an order decides what of it they see.
enum class OrderView {
    Buyer,  // the buyer and staff: everything
    Seller, // a seller of some items: their items only, the address once the order is paid
};

// Times are RFC 3339 UTC text rendered by PostgreSQL; empty when not reached.
struct Order
{
    QUuid id;
    QUuid buyerId;
    OrderStatus status = OrderStatus::Pending;
    qint64 totalCents = 0;
    QString shippingAddress;
    QString expiresAt;
    QString createdAt;
    QString paidAt;
    QString shippedAt;
    QString completedAt;
    QString closedAt;
    int version = 1;
    QList<OrderItem> items;

    bool soldBy(const QUuid &sellerId) const;
    // The seller view needs the seller it is for.
    QJsonObject toJson(OrderView view, const QUuid &seller = {}) const;
    QJsonObject auditState() const;
};

} // namespace fd::orders
