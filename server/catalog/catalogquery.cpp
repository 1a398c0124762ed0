#include "server/catalog/catalogquery.h"

#include "common/money.h"
#include "server/infra/db/timekey.h"

#include <cmath>

namespace fd::catalog {

namespace {

constexpr int kSearchMax = 200;

Error invalidFilters(QList<FieldError> errors)
{
    return Error{ErrorCode::ValidationFailed, QStringLiteral("Some filters are invalid"), std::move(errors)};
}

std::optional<qint64> readPrice(const QUrlQuery &query, const QString &name, QList<FieldError> &errors)
{
    if (!query.hasQueryItem(name))
        return std::nullopt;
    const auto cents = money::parseCents(query.queryItemValue(name, QUrl::FullyDecoded));
    if (!cents || *cents > money::kMaxPriceCents) {
        errors.append({name, QStringLiteral("must be a price like 149.90, at most 1000000.00")});
        return std::nullopt;
    }
    return cents;
}

bool isTimeKeyText(const QString &value)
{
    return infra::TimeKey::fromJson(
               {{QStringLiteral("at"), value}, {QStringLiteral("id"), QUuid::createUuid().toString()}})
        .has_value();
}

bool validSortValue(const QString &order, const QString &value)
{
    if (order == QLatin1StringView("price_asc") || order == QLatin1StringView("price_desc"))
        return money::parseCents(value).has_value();
    if (order == QLatin1StringView("relevance")) {
        bool ok = false;
        const float rank = value.toFloat(&ok);
        return ok && std::isfinite(rank);
    }
    return isTimeKeyText(value); // new, seller, queue: a time
}

} // namespace

QString sortName(CatalogSort sort)
{
    switch (sort) {
    case CatalogSort::New:
        return QStringLiteral("new");
    case CatalogSort::PriceAscending:
        return QStringLiteral("price_asc");
    case CatalogSort::PriceDescending:
        return QStringLiteral("price_desc");
    case CatalogSort::Relevance:
        return QStringLiteral("relevance");
    }
    return QStringLiteral("new");
}

Result<CatalogFilter> CatalogFilter::fromQuery(const QUrlQuery &query)
{
    QList<FieldError> errors;
    CatalogFilter filter;
    if (query.hasQueryItem(QStringLiteral("q"))) {
        const QString search = query.queryItemValue(QStringLiteral("q"), QUrl::FullyDecoded).trimmed();
        if (search.isEmpty() || search.size() > kSearchMax)
            errors.append(
                {QStringLiteral("q"), QStringLiteral("must be 1 to %1 characters").arg(kSearchMax)});
        else if (search.contains(QChar(u'\0')))
            errors.append({QStringLiteral("q"), QStringLiteral("must not contain NUL characters")});
        else
            filter.search = search;
    }
    filter.minPriceCents = readPrice(query, QStringLiteral("min_price"), errors);
    filter.maxPriceCents = readPrice(query, QStringLiteral("max_price"), errors);
    if (filter.minPriceCents && filter.maxPriceCents && *filter.minPriceCents > *filter.maxPriceCents)
        errors.append({QStringLiteral("min_price"), QStringLiteral("must not exceed max_price")});
    if (query.hasQueryItem(QStringLiteral("seller_id"))) {
        const QUuid seller = QUuid::fromString(query.queryItemValue(QStringLiteral("seller_id")));
        if (seller.isNull())
            errors.append({QStringLiteral("seller_id"), QStringLiteral("must be a UUID")});
        else
            filter.sellerId = seller;
    }
    const bool searching = query.hasQueryItem(QStringLiteral("q"));
    filter.sort = searching ? CatalogSort::Relevance : CatalogSort::New;
    if (query.hasQueryItem(QStringLiteral("sort"))) {
        const QString sort = query.queryItemValue(QStringLiteral("sort"));
        bool known = false;
        for (CatalogSort candidate : {CatalogSort::New, CatalogSort::PriceAscending,
                                      CatalogSort::PriceDescending, CatalogSort::Relevance}) {
            if (sort == sortName(candidate)) {
                filter.sort = candidate;
                known = true;
            }
        }
        if (!known)
            errors.append(
                {QStringLiteral("sort"), QStringLiteral("must be new, price_asc, price_desc or relevance")});
        else if (filter.sort == CatalogSort::Relevance && !searching)
            errors.append({QStringLiteral("sort"), QStringLiteral("relevance needs a search (q)")});
    }
    if (!errors.isEmpty())
        return invalidFilters(errors);
    return filter;
}

QJsonObject CatalogKey::toJson(const QString &order) const
{
    return QJsonObject{{QStringLiteral("o"), order},
                       {QStringLiteral("v"), value},
                       {QStringLiteral("id"), id.toString(QUuid::WithoutBraces)}};
}

Result<std::optional<CatalogKey>> catalogKeyAfter(const std::optional<QJsonObject> &cursor,
                                                  const QString &order)
{
    if (!cursor)
        return std::optional<CatalogKey>{};
    const QString value = cursor->value(QStringLiteral("v")).toString();
    const QUuid id = QUuid::fromString(cursor->value(QStringLiteral("id")).toString());
    if (cursor->value(QStringLiteral("o")).toString() != order || id.isNull() ||
        !validSortValue(order, value))
        return Error{ErrorCode::ValidationFailed,
                     QStringLiteral("Invalid pagination"),
                     {{QStringLiteral("cursor"), QStringLiteral("is not a cursor of this list and order")}}};
    return std::optional<CatalogKey>(CatalogKey{value, id});
}

} // namespace fd::catalog
