#include "server/audit/auditroutes.h"

#include "server/audit/auditquery.h"
#include "server/http/pagination.h"
#include "server/http/router.h"
#include "server/infra/db/dbpool.h"

namespace fd::audit {

void registerRoutes(http::Router &router, infra::DbPool *db)
{
    router.add(
        "GET", QStringLiteral("/api/v1/admin/audit-log"),
        [db](const http::ExchangePtr &exchange) {
            auto filter = AuditFilter::fromQuery(exchange->request().query);
            if (!filter) {
                exchange->respondProblem(filter.error());
                return;
            }
            using Page = Result<AuditPage>;
            db->run<Page>(
                exchange->context(),
                [filter = *filter](QSqlDatabase &connection) { return readAuditLog(connection, filter); },
                [exchange](Page page) {
                    if (!page) {
                        exchange->respondProblem(page.error());
                        return;
                    }
                    const auto next =
                        page->lastId
                            ? std::optional<QJsonObject>(QJsonObject{{QStringLiteral("id"), *page->lastId}})
                            : std::nullopt;
                    exchange->respondJson(200, QJsonDocument(http::pageBody(page->items, next)));
                });
        },
        {false, http::AccessRule::rolesOnly({Role::Admin, Role::Moderator})});
}

} // namespace fd::audit
