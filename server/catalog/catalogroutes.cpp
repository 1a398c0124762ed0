// Products: create, read, edit, submit, archive, delete, history; the public catalog.
#include "server/catalog/catalogroutes.h"

#include "server/audit/auditquery.h"
#include "server/catalog/productinput.h"
#include "server/catalog/productresponse.h"
#include "server/http/conditional.h"
#include "server/http/jsonbody.h"
#include "server/http/pagination.h"
#include "server/http/router.h"
#include "server/identity/identityroutes.h"
#include "server/infra/db/dbpool.h"

namespace fd::catalog {

namespace detail {

audit::Actor actorOf(const http::Exchange &exchange, const CatalogDeps &deps)
{
    return identity::actorOf(exchange, deps.trustedProxies);
}

Viewer viewerOf(const http::Exchange &exchange)
{
    Viewer viewer;
    if (exchange.hasPrincipal()) {
        viewer.userId = exchange.principal().userId;
        viewer.role = exchange.principal().role;
    }
    return viewer;
}

void respondCommitted(const CatalogDeps &deps, const http::ExchangePtr &exchange, const QString &action,
                      const Result<ProductRecord> &changed)
{
    if (changed && deps.metrics)
        deps.metrics->committed(action);
    if (changed && deps.productChanged)
        deps.productChanged(exchange->context(), changed->id);
    respondChanged(exchange, changed);
}

void respondListing(const CatalogDeps &deps, const http::ExchangePtr &exchange, const QString &order,
                    ProductView view, PageFetch fetch)
{
    const auto page = http::readPageRequest(exchange->request().query);
    const auto after =
        page ? catalogKeyAfter(page->after, order) : Result<std::optional<CatalogKey>>(page.error());
    if (!after) {
        exchange->respondProblem(after.error());
        return;
    }
    using Listed = Result<QList<ListedProduct>>;
    const int limit = page->limit;
    deps.db->run<Listed>(
        exchange->context(),
        [fetch = std::move(fetch), after = *after, limit](QSqlDatabase &db) {
            return fetch(db, after, limit);
        },
        [exchange, limit, order, view](Listed rows) {
            if (!rows)
                exchange->respondProblem(rows.error());
            else
                respondProductPage(exchange, *rows, limit, order, view);
        });
}

} // namespace detail

namespace {

using detail::actorOf;
using Changed = Result<ProductRecord>;

void respondNotFound(const http::ExchangePtr &exchange)
{
    exchange->respondProblem(Error{ErrorCode::NotFound, QStringLiteral("No such product")});
}

void create(const CatalogDeps &deps, const http::ExchangePtr &exchange)
{
    const auto body = http::jsonObjectOrAnswer(*exchange);
    if (!body)
        return;
    auto content = readNewProduct(*body);
    if (!content) {
        exchange->respondProblem(content.error());
        return;
    }
    const audit::Actor actor = actorOf(*exchange, deps);
    deps.db->run<Changed>(
        exchange->context(),
        [settings = deps.settings, content = *content, actor](QSqlDatabase &db) {
            return CatalogService(settings).create(db, content, actor);
        },
        [deps, exchange](Changed created) {
            if (created && deps.metrics)
                deps.metrics->committed(QStringLiteral("create"));
            if (!created) {
                exchange->respondProblem(created.error());
                return;
            }
            const QByteArray location = "/api/v1/inventory/" + created->id.toByteArray(QUuid::WithoutBraces);
            respondProduct(exchange, *created, ProductView::Full, 201, {{"Location", location}});
        });
}

void read(const CatalogDeps &deps, const http::ExchangePtr &exchange)
{
    const auto id = http::pathUuid(*exchange);
    if (!id) {
        respondNotFound(exchange);
        return;
    }
    const Viewer viewer = detail::viewerOf(*exchange);
    deps.db->run<Changed>(
        exchange->context(),
        [settings = deps.settings, id = *id, viewer](QSqlDatabase &db) {
            return CatalogService(settings).find(db, id, viewer);
        },
        [exchange, viewer](Changed found) {
            if (!found)
                exchange->respondProblem(found.error());
            else
                respondProduct(exchange, *found, *viewer.viewOf(*found));
        });
}

void edit(const CatalogDeps &deps, const http::ExchangePtr &exchange)
{
    const auto id = http::pathUuid(*exchange);
    if (!id) {
        respondNotFound(exchange);
        return;
    }
    const auto body = http::jsonObjectOrAnswer(*exchange);
    if (!body)
        return;
    auto change = readProductChange(*body);
    if (!change) {
        exchange->respondProblem(change.error());
        return;
    }
    const QByteArrayList ifMatch = http::ifMatchTags(exchange->request());
    const audit::Actor actor = actorOf(*exchange, deps);
    deps.db->run<Changed>(
        exchange->context(),
        [settings = deps.settings, id = *id, change = *change, ifMatch, actor](QSqlDatabase &db) {
            return CatalogService(settings).update(db, id, change, ifMatch, actor);
        },
        [deps, exchange](Changed updated) {
            detail::respondCommitted(deps, exchange, QStringLiteral("update"), updated);
        });
}

// POST /inventory/{id}/<action> without a body: submit, claim, approve, archive.
using Action = Changed (CatalogService::*)(QSqlDatabase &, const QUuid &, const audit::Actor &);

void runAction(const CatalogDeps &deps, const http::ExchangePtr &exchange, Action action, const QString &name)
{
    const auto id = http::pathUuid(*exchange);
    if (!id) {
        respondNotFound(exchange);
        return;
    }
    const audit::Actor actor = actorOf(*exchange, deps);
    deps.db->run<Changed>(
        exchange->context(),
        [settings = deps.settings, id = *id, actor, action](QSqlDatabase &db) {
            CatalogService service(settings);
            return (service.*action)(db, id, actor);
        },
        [deps, exchange, name](Changed changed) { detail::respondCommitted(deps, exchange, name, changed); });
}

void remove(const CatalogDeps &deps, const http::ExchangePtr &exchange)
{
    const auto id = http::pathUuid(*exchange);
    if (!id) {
        respondNotFound(exchange);
        return;
    }
    const audit::Actor actor = actorOf(*exchange, deps);
    deps.db->run<Result<void>>(
        exchange->context(),
        [settings = deps.settings, id = *id, actor](QSqlDatabase &db) {
            return CatalogService(settings).remove(db, id, actor);
        },
        [deps, exchange, id = *id](Result<void> removed) {
            if (removed && deps.metrics)
                deps.metrics->committed(QStringLiteral("delete"));
            if (removed && deps.productChanged)
                deps.productChanged(exchange->context(), id);
            if (!removed)
                exchange->respondProblem(removed.error());
            else
                exchange->respondEmpty(204);
        });
}

void history(const CatalogDeps &deps, const http::ExchangePtr &exchange)
{
    const auto id = http::pathUuid(*exchange);
    if (!id) {
        respondNotFound(exchange);
        return;
    }
    auto filter = audit::AuditFilter::fromQuery(exchange->request().query);
    if (!filter) {
        exchange->respondProblem(filter.error());
        return;
    }
    filter->targetType = QStringLiteral("product");
    filter->targetId = id->toString(QUuid::WithoutBraces);
    const Viewer viewer = detail::viewerOf(*exchange);
    using Page = Result<audit::AuditPage>;
    deps.db->run<Page>(
        exchange->context(),
        [settings = deps.settings, id = *id, viewer, filter = *filter](QSqlDatabase &db) -> Page {
            if (auto allowed = CatalogService(settings).checkHistoryAccess(db, id, viewer); !allowed)
                return allowed.error();
            return audit::readAuditLog(db, filter);
        },
        [exchange](Page page) {
            if (!page) {
                exchange->respondProblem(page.error());
                return;
            }
            const auto next =
                page->lastId ? std::optional<QJsonObject>(QJsonObject{{QStringLiteral("id"), *page->lastId}})
                             : std::nullopt;
            exchange->respondJson(200, QJsonDocument(http::pageBody(page->items, next)));
        });
}

void listPublic(const CatalogDeps &deps, const http::ExchangePtr &exchange)
{
    const auto filter = CatalogFilter::fromQuery(exchange->request().query);
    if (!filter) {
        exchange->respondProblem(filter.error());
        return;
    }
    detail::respondListing(
        deps, exchange, sortName(filter->sort), ProductView::Public,
        [filter = *filter](QSqlDatabase &db, const std::optional<CatalogKey> &after, int limit) {
            return ProductRepository(db).listPublic(filter, after, limit);
        });
}

} // namespace

void registerRoutes(http::Router &router, const CatalogDeps &deps)
{
    auto route = [deps](void (*handler)(const CatalogDeps &, const http::ExchangePtr &)) {
        return [deps, handler](const http::ExchangePtr &exchange) { handler(deps, exchange); };
    };
    auto action = [deps](Action act, const QString &name) {
        return [deps, act, name](const http::ExchangePtr &exchange) { runAction(deps, exchange, act, name); };
    };
    // Reads are public; a signed-in caller (or a partner key with catalog:read) may see more.
    const http::AccessRule readers =
        http::AccessRule::anyoneIdentified().withApiKeyScope(QStringLiteral("catalog:read"));
    const http::AccessRule sellers = http::AccessRule::rolesOnly({Role::Seller, Role::SellerB2b}).asWrite();
    const http::AccessRule signedInWrite = http::AccessRule::signedIn().asWrite();
    const http::AccessRule admins = http::AccessRule::rolesOnly({Role::Admin}).asWrite();

    router.add("GET", QStringLiteral("/api/v1/inventory/"), route(listPublic), {false, readers});
    router.add("GET", QStringLiteral("/api/v1/external/catalog"), route(listPublic),
               {false, http::AccessRule::partner(QStringLiteral("catalog:read"))});
    router.add("POST", QStringLiteral("/api/v1/inventory/"), route(create), {true, sellers});
    router.add("GET", QStringLiteral("/api/v1/inventory/{id}"), route(read), {false, readers});
    router.add("PATCH", QStringLiteral("/api/v1/inventory/{id}"), route(edit), {true, signedInWrite});
    router.add("DELETE", QStringLiteral("/api/v1/inventory/{id}"), route(remove), {false, admins});
    router.add("POST", QStringLiteral("/api/v1/inventory/{id}/submit"),
               action(&CatalogService::submit, QStringLiteral("submit")), {true, signedInWrite});
    router.add("POST", QStringLiteral("/api/v1/inventory/{id}/archive"),
               action(&CatalogService::archive, QStringLiteral("archive")), {true, signedInWrite});
    router.add("GET", QStringLiteral("/api/v1/inventory/{id}/history"), route(history),
               {false, http::AccessRule::signedIn()});
    detail::registerModerationRoutes(router, deps);
    detail::registerSellerRoutes(router, deps);
}

} // namespace fd::catalog
