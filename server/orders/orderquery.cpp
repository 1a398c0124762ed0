#include "server/orders/orderquery.h"

#include "server/http/querytime.h"

namespace fd::orders {

Result<OrderFilter> orderFilterFrom(const QUrlQuery &query, bool staffFilters)
{
    OrderFilter filter;
    QList<FieldError> errors;
    const auto value = [&](const char *name) {
        return query.queryItemValue(QLatin1StringView(name), QUrl::FullyDecoded);
    };
    if (query.hasQueryItem(QStringLiteral("status"))) {
        filter.status = statusFromName(value("status"));
        if (!filter.status)
            errors.append(
                {QStringLiteral("status"), QStringLiteral("must be PENDING, PAID, SHIPPED, COMPLETED, "
                                                          "CANCELLED, REFUND_PENDING or EXPIRED")});
    }
    if (staffFilters) {
        for (const char *name : {"user_id", "product_id"}) {
            if (!query.hasQueryItem(QLatin1StringView(name)))
                continue;
            const QUuid id = QUuid::fromString(value(name));
            if (id.isNull())
                errors.append({QLatin1StringView(name), QStringLiteral("must be a UUID")});
            else
                (qstrcmp(name, "user_id") == 0 ? filter.buyerId : filter.productId) = id;
        }
        for (const char *name : {"from", "to"}) {
            if (!query.hasQueryItem(QLatin1StringView(name)))
                continue;
            const auto time = http::parseQueryTime(value(name));
            if (!time)
                errors.append(
                    {QLatin1StringView(name), QStringLiteral("must be an RFC 3339 time with a zone")});
            else
                (qstrcmp(name, "from") == 0 ? filter.from : filter.to) = time->toString(Qt::ISODateWithMs);
        }
    }
    if (!errors.isEmpty())
        return Error{ErrorCode::ValidationFailed, QStringLiteral("Invalid filter"), errors};
    return filter;
}

} // namespace fd::orders
