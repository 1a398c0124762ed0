#include "console/orders/orderstatuses.h"

namespace fd::console {

QStringList OrderStatuses::all()
{
    return {QStringLiteral("PENDING"),   QStringLiteral("PAID"),      QStringLiteral("SHIPPED"),
            QStringLiteral("COMPLETED"), QStringLiteral("CANCELLED"), QStringLiteral("REFUND_PENDING"),
            QStringLiteral("EXPIRED")};
}

QString OrderStatuses::name(const QString &apiStatus)
{
    if (apiStatus == QLatin1StringView("PENDING"))
        return tr("Awaiting payment");
    if (apiStatus == QLatin1StringView("PAID"))
        return tr("Paid");
    if (apiStatus == QLatin1StringView("SHIPPED"))
        return tr("Shipped");
    if (apiStatus == QLatin1StringView("COMPLETED"))
        return tr("Completed");
    if (apiStatus == QLatin1StringView("CANCELLED"))
        return tr("Cancelled");
    if (apiStatus == QLatin1StringView("REFUND_PENDING"))
        return tr("Refund pending");
    if (apiStatus == QLatin1StringView("EXPIRED"))
        return tr("Expired");
    return apiStatus;
}

} // namespace fd::console
