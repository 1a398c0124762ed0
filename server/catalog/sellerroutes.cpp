// The seller's own catalog: every product in any state, and the counts of the seller dashboard.
#include "server/catalog/catalogroutes.h"
#include "server/catalog/productresponse.h"
#include "server/http/pagination.h"
#include "server/http/router.h"
#include "server/infra/db/dbpool.h"

namespace fd::catalog::detail {

namespace {

struct SellerStats
{
    QMap<ProductStatus, qint64> byStatus;
    SellerLimit limit;

    QJsonObject toJson() const
    {
        QJsonObject statuses;
        qint64 total = 0;
        for (auto it = byStatus.cbegin(); it != byStatus.cend(); ++it) {
            statuses.insert(statusName(it.key()), it.value());
            total += it.value();
        }
        return QJsonObject{
            {QStringLiteral("products"),
             QJsonObject{{QStringLiteral("total"), total}, {QStringLiteral("by_status"), statuses}}},
            {QStringLiteral("product_limit"),
             QJsonObject{{QStringLiteral("max"), limit.max},
                         {QStringLiteral("used"), limit.used},
                         {QStringLiteral("remaining"), qMax<qint64>(0, limit.max - limit.used)}}}};
    }
};

void products(const CatalogDeps &deps, const http::ExchangePtr &exchange)
{
    const QUrlQuery &query = exchange->request().query;
    std::optional<ProductStatus> status;
    if (query.hasQueryItem(QStringLiteral("status"))) {
        status = statusFromName(query.queryItemValue(QStringLiteral("status")));
        if (!status) {
            exchange->respondProblem(Error{
                ErrorCode::ValidationFailed,
                QStringLiteral("Some filters are invalid"),
                {{QStringLiteral("status"), QStringLiteral("must be DRAFT, PENDING_MODERATION, "
                                                           "MODERATION_IN_PROGRESS, ACTIVE, REJECTED or "
                                                           "ARCHIVED")}}});
            return;
        }
    }
    respondListing(deps, exchange, QStringLiteral("seller"), ProductView::Full,
                   [seller = exchange->principal().userId,
                    status](QSqlDatabase &db, const std::optional<CatalogKey> &after, int limit) {
                       return ProductRepository(db).listBySeller(seller, status, after, limit);
                   });
}

void stats(const CatalogDeps &deps, const http::ExchangePtr &exchange)
{
    using Counted = Result<SellerStats>;
    deps.db->run<Counted>(
        exchange->context(),
        [settings = deps.settings, seller = exchange->principal().userId](QSqlDatabase &db) -> Counted {
            auto counts = ProductRepository(db).countByStatus(seller);
            if (!counts)
                return counts.error();
            auto limit = CatalogService(settings).sellerLimit(db, seller);
            if (!limit)
                return limit.error();
            return SellerStats{*counts, *limit};
        },
        [exchange](Counted counted) {
            if (!counted)
                exchange->respondProblem(counted.error());
            else
                exchange->respondJson(200, QJsonDocument(counted->toJson()));
        });
}

} // namespace

void registerSellerRoutes(http::Router &router, const CatalogDeps &deps)
{
    const http::AccessRule sellers = http::AccessRule::rolesOnly({Role::Seller, Role::SellerB2b});
    router.add("GET", QStringLiteral("/api/v1/seller/products"),
               [deps](const http::ExchangePtr &exchange) { products(deps, exchange); }, {false, sellers});
    router.add("GET", QStringLiteral("/api/v1/seller/stats"),
               [deps](const http::ExchangePtr &exchange) { stats(deps, exchange); }, {false, sellers});
}

} // namespace fd::catalog::detail
