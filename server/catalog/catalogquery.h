#pragma once

#include "common/result.h"

#include <QJsonObject>
#include <QString>
#include <QUrlQuery>
#include <QUuid>

#include <optional>

namespace fd::catalog {

enum class CatalogSort { New, PriceAscending, PriceDescending, Relevance };

// Filters and order of the public catalog (GET /inventory/), validated from the query string.
struct CatalogFilter
{
    QString search; // full text; empty: none
    std::optional<qint64> minPriceCents;
    std::optional<qint64> maxPriceCents;
    std::optional<QUuid> sellerId;
    CatalogSort sort = CatalogSort::New;

    static Result<CatalogFilter> fromQuery(const QUrlQuery &query);
};

// A keyset position: the sort value of the last row seen, as the database renders it, and its id. The
// cursor names its order too, so a cursor from one order is refused by another.
struct CatalogKey
{
    QString value;
    QUuid id;

    QJsonObject toJson(const QString &order) const;
};

// The position a decoded cursor names for the given order ("new", "price_asc", "price_desc",
// "relevance", "seller", "queue"); ValidationFailed for anything this server did not write, so casting
// the value in SQL cannot fail.
Result<std::optional<CatalogKey>> catalogKeyAfter(const std::optional<QJsonObject> &cursor,
                                                  const QString &order);
QString sortName(CatalogSort sort);

} // namespace fd::catalog
