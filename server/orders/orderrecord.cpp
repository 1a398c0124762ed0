#include "server/orders/orderrecord.h"

#include "common/money.h"

#include <QJsonArray>

#include <array>

namespace fd::orders {
namespace {

constexpr std::array kNames{
    std::pair{OrderStatus::Pending, "PENDING"},     std::pair{OrderStatus::Paid, "PAID"},
    std::pair{OrderStatus::Shipped, "SHIPPED"},     std::pair{OrderStatus::Completed, "COMPLETED"},
    std::pair{OrderStatus::Cancelled, "CANCELLED"}, std::pair{OrderStatus::RefundPending, "REFUND_PENDING"},
    std::pair{OrderStatus::Expired, "EXPIRED"},
};

QJsonValue timeOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QString idText(const QUuid &id)
{
    return id.toString(QUuid::WithoutBraces);
}

} // namespace

QString statusName(OrderStatus status)
{
    for (const auto &[value, name] : kNames) {
        if (value == status)
            return QString::fromLatin1(name);
    }
    return {};
}

std::optional<OrderStatus> statusFromName(QStringView name)
{
    for (const auto &[value, text] : kNames) {
        if (name == QLatin1StringView(text))
            return value;
    }
    return std::nullopt;
}

QJsonObject OrderItem::toJson() const
{
    return {{QStringLiteral("reservation_id"), idText(reservationId)},
            {QStringLiteral("product_id"), idText(productId)},
            {QStringLiteral("seller_id"), idText(sellerId)},
            {QStringLiteral("name"), productName},
            {QStringLiteral("unit_price"), money::formatCents(unitPriceCents)},
            {QStringLiteral("quantity"), quantity},
            {QStringLiteral("line_total"), money::formatCents(lineCents())}};
}

bool Order::soldBy(const QUuid &sellerId) const
{
    return std::any_of(items.cbegin(), items.cend(),
                       [&](const OrderItem &item) { return item.sellerId == sellerId; });
}

QJsonObject Order::toJson(OrderView view, const QUuid &seller) const
{
    QJsonArray lines;
    qint64 shownCents = 0;
    for (const OrderItem &item : items) {
        if (view == OrderView::Seller && item.sellerId != seller)
            continue;
        lines.append(item.toJson());
        shownCents += item.lineCents();
    }
    // A seller ships only once paid, and needs the address only then.
    const bool addressShown =
        view == OrderView::Buyer || (status != OrderStatus::Pending && status != OrderStatus::Expired &&
                                     status != OrderStatus::Cancelled);
    QJsonObject json{
        {QStringLiteral("id"), idText(id)},
        {QStringLiteral("buyer_id"), idText(buyerId)},
        {QStringLiteral("status"), statusName(status)},
        {QStringLiteral("total_amount"),
         money::formatCents(view == OrderView::Buyer ? totalCents : shownCents)},
        {QStringLiteral("shipping_address"), addressShown ? QJsonValue(shippingAddress) : QJsonValue()},
        {QStringLiteral("items"), lines},
        {QStringLiteral("expires_at"), expiresAt},
        {QStringLiteral("created_at"), createdAt},
        {QStringLiteral("paid_at"), timeOrNull(paidAt)},
        {QStringLiteral("shipped_at"), timeOrNull(shippedAt)},
        {QStringLiteral("completed_at"), timeOrNull(completedAt)},
        {QStringLiteral("closed_at"), timeOrNull(closedAt)}};
    return json;
}

QJsonObject Order::auditState() const
{
    return {{QStringLiteral("status"), statusName(status)},
            {QStringLiteral("total_amount"), money::formatCents(totalCents)},
            {QStringLiteral("items"), int(items.size())}};
}

} // namespace fd::orders
