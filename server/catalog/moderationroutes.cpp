// Moderation: the queue, claims and decisions.
#include "server/catalog/catalogroutes.h"
#include "server/catalog/productinput.h"
#include "server/catalog/productresponse.h"
#include "server/http/conditional.h"
#include "server/http/jsonbody.h"
#include "server/http/pagination.h"
#include "server/http/router.h"
#include "server/infra/db/dbpool.h"

namespace fd::catalog::detail {

namespace {

using Changed = Result<ProductRecord>;

void decide(const CatalogDeps &deps, const http::ExchangePtr &exchange, bool approving)
{
    const auto id = http::pathUuid(*exchange);
    if (!id) {
        exchange->respondProblem(Error{ErrorCode::NotFound, QStringLiteral("No such product")});
        return;
    }
    QString reason;
    if (!approving) {
        const auto body = http::jsonObjectOrAnswer(*exchange);
        if (!body)
            return;
        auto rejection = readRejection(*body);
        if (!rejection) {
            exchange->respondProblem(rejection.error());
            return;
        }
        reason = *rejection;
    }
    const audit::Actor actor = actorOf(*exchange, deps);
    deps.db->run<Changed>(
        exchange->context(),
        [settings = deps.settings, id = *id, approving, reason, actor](QSqlDatabase &db) {
            CatalogService service(settings);
            return approving ? service.approve(db, id, actor) : service.reject(db, id, reason, actor);
        },
        [deps, exchange, approving](Changed decided) {
            respondCommitted(deps, exchange, approving ? QStringLiteral("approve") : QStringLiteral("reject"),
                             decided);
        });
}

void claim(const CatalogDeps &deps, const http::ExchangePtr &exchange)
{
    const auto id = http::pathUuid(*exchange);
    if (!id) {
        exchange->respondProblem(Error{ErrorCode::NotFound, QStringLiteral("No such product")});
        return;
    }
    const audit::Actor actor = actorOf(*exchange, deps);
    deps.db->run<Changed>(
        exchange->context(),
        [settings = deps.settings, id = *id, actor](QSqlDatabase &db) {
            return CatalogService(settings).claim(db, id, actor);
        },
        [deps, exchange](Changed claimed) {
            respondCommitted(deps, exchange, QStringLiteral("claim"), claimed);
        });
}

void queue(const CatalogDeps &deps, const http::ExchangePtr &exchange)
{
    respondListing(deps, exchange, QStringLiteral("queue"), ProductView::Full,
                   [moderator = exchange->principal().userId](
                       QSqlDatabase &db, const std::optional<CatalogKey> &after, int limit) {
                       return ProductRepository(db).moderationQueue(moderator, after, limit);
                   });
}

} // namespace

void registerModerationRoutes(http::Router &router, const CatalogDeps &deps)
{
    const http::AccessRule moderators = http::AccessRule::rolesOnly({Role::Moderator});
    router.add("GET", QStringLiteral("/api/v1/moderation/queue"),
               [deps](const http::ExchangePtr &exchange) { queue(deps, exchange); }, {false, moderators});
    router.add("POST", QStringLiteral("/api/v1/inventory/{id}/claim"),
               [deps](const http::ExchangePtr &exchange) { claim(deps, exchange); },
               {true, moderators.asWrite()});
    router.add("POST", QStringLiteral("/api/v1/inventory/{id}/approve"),
               [deps](const http::ExchangePtr &exchange) { decide(deps, exchange, true); },
               {true, moderators.asWrite()});
    router.add("POST", QStringLiteral("/api/v1/inventory/{id}/reject"),
               [deps](const http::ExchangePtr &exchange) { decide(deps, exchange, false); },
               {true, moderators.asWrite()});
}

} // namespace fd::catalog::detail
