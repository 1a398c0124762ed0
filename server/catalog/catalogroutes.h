#pragma once

#include "server/catalog/catalogmetrics.h"
#include "server/catalog/catalogservice.h"
#include "server/http/clientaddress.h"
#include "server/http/exchange.h"

#include <functional>

namespace fd::infra {
class DbPool;
}

namespace fd::http {
class Router;
class Exchange;
} // namespace fd::http

namespace fd::catalog {

struct CatalogDeps
{
    infra::DbPool *db = nullptr;
    http::Subnets trustedProxies;
    CatalogSettings settings;
    CatalogMetrics *metrics = nullptr; // optional
    // Called on the IO thread after a committed change that may change what can be held of a product
    // (stock, status, deletion), so state kept elsewhere can be dropped at once. Optional.
    std::function<void(QObject *ioContext, const QUuid &productId)> productChanged;
};

// /api/v1/inventory/...: products, the public catalog and each product's history; /moderation/queue and
// the moderators' decisions; /seller/products and /seller/stats.
void registerRoutes(http::Router &router, const CatalogDeps &deps);

// Shared by the route files of this module.
namespace detail {
audit::Actor actorOf(const http::Exchange &exchange, const CatalogDeps &deps);
Viewer viewerOf(const http::Exchange &exchange);
// Counts a committed change (when metrics are wired) and answers with the full view, or the problem.
void respondCommitted(const CatalogDeps &deps, const http::ExchangePtr &exchange, const QString &action,
                      const Result<ProductRecord> &changed);
// Reads ?limit and ?cursor (of the given order), fetches one page on a database thread and answers it.
using PageFetch =
    std::function<Result<QList<ListedProduct>>(QSqlDatabase &, const std::optional<CatalogKey> &, int)>;
void respondListing(const CatalogDeps &deps, const http::ExchangePtr &exchange, const QString &order,
                    ProductView view, PageFetch fetch);
void registerModerationRoutes(http::Router &router, const CatalogDeps &deps);
void registerSellerRoutes(http::Router &router, const CatalogDeps &deps);
} // namespace detail

} // namespace fd::catalog
