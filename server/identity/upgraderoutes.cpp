// POST and GET /users/me/upgrade-requests, GET /users/me/upgrade-requests/latest.
#include "server/audit/auditentry.h"
#include "server/http/fieldreader.h"
#include "server/http/jsonbody.h"
#include "server/http/pagination.h"
#include "server/http/router.h"
#include "server/identity/identityroutes.h"
#include "server/identity/upgradeservice.h"
#include "server/infra/db/dbpool.h"

namespace fd::identity {
namespace {

constexpr int kMessageMax = 2000;

void create(const IdentityDeps &deps, const http::ExchangePtr &exchange)
{
    const auto body = http::jsonObjectOrAnswer(*exchange);
    if (!body)
        return;
    http::FieldReader fields(*body);
    const auto requested = fields.string(QStringLiteral("requested_role"), true, 20);
    const auto message = fields.string(QStringLiteral("message"), false, kMessageMax);
    std::optional<Role> role;
    if (requested) {
        role = roleFromName(*requested);
        if (role != Role::Seller && role != Role::SellerB2b && role != Role::UserB2b)
            fields.fail(QStringLiteral("requested_role"),
                        QStringLiteral("must be seller, seller_b2b or user_b2b"));
    }
    // PostgreSQL text cannot hold NUL; refuse it here rather than fail in the database.
    if (message && message->contains(QChar(u'\0')))
        fields.fail(QStringLiteral("message"), QStringLiteral("must not contain NUL characters"));
    if (!fields.ok()) {
        exchange->respondProblem(fields.error());
        return;
    }
    const QUuid userId = exchange->principal().userId;
    const audit::Actor actor = actorOf(*exchange, deps.trustedProxies);
    using Created = Result<UpgradeRequestRecord>;
    deps.db->run<Created>(
        exchange->context(),
        [userId, role = *role, message = message.value_or(QString()).trimmed(), actor](QSqlDatabase &db) {
            return UpgradeService().request(db, userId, role, message, actor);
        },
        [exchange](Created created) {
            if (!created) {
                exchange->respondProblem(created.error());
                return;
            }
            exchange->respondJson(201, QJsonDocument(created->toJson(false)),
                                  {{"Location", "/api/v1/users/me/upgrade-requests/latest"}});
        });
}

void listOwn(const IdentityDeps &deps, const http::ExchangePtr &exchange)
{
    const auto page = http::readPageRequest(exchange->request().query);
    if (!page) {
        exchange->respondProblem(page.error());
        return;
    }
    const auto after = infra::timeKeyAfter(page->after);
    if (!after) {
        exchange->respondProblem(after.error());
        return;
    }
    const QUuid userId = exchange->principal().userId;
    const int limit = page->limit;
    using Listed = Result<QList<UpgradeRequestRecord>>;
    deps.db->run<Listed>(
        exchange->context(),
        [userId, after = *after, limit](QSqlDatabase &db) {
            return UpgradeService().listOwn(db, userId, after, limit);
        },
        [exchange, limit](Listed rows) {
            if (!rows) {
                exchange->respondProblem(rows.error());
                return;
            }
            const auto next = infra::trimToPage(*rows, limit);
            QJsonArray items;
            for (const UpgradeRequestRecord &row : std::as_const(*rows))
                items.append(row.toJson(false));
            exchange->respondJson(
                200, QJsonDocument(http::pageBody(items, next ? std::optional<QJsonObject>(next->toJson())
                                                              : std::nullopt)));
        });
}

void latest(const IdentityDeps &deps, const http::ExchangePtr &exchange)
{
    const QUuid userId = exchange->principal().userId;
    using Found = Result<std::optional<UpgradeRequestRecord>>;
    deps.db->run<Found>(
        exchange->context(), [userId](QSqlDatabase &db) { return UpgradeService().latestOwn(db, userId); },
        [exchange](Found found) {
            if (!found) {
                exchange->respondProblem(found.error());
                return;
            }
            if (!*found) {
                exchange->respondProblem(
                    Error{ErrorCode::NotFound, QStringLiteral("You have not asked for an upgrade yet")});
                return;
            }
            exchange->respondJson(200, QJsonDocument((*found)->toJson(false)));
        });
}

} // namespace

void registerUpgradeRoutes(http::Router &router, const IdentityDeps &deps)
{
    router.add("POST", QStringLiteral("/api/v1/users/me/upgrade-requests"),
               [deps](const http::ExchangePtr &exchange) { create(deps, exchange); },
               {true, http::AccessRule::signedIn().asWrite()});
    router.add("GET", QStringLiteral("/api/v1/users/me/upgrade-requests"),
               [deps](const http::ExchangePtr &exchange) { listOwn(deps, exchange); },
               {false, http::AccessRule::signedIn()});
    router.add("GET", QStringLiteral("/api/v1/users/me/upgrade-requests/latest"),
               [deps](const http::ExchangePtr &exchange) { latest(deps, exchange); },
               {false, http::AccessRule::signedIn()});
}

} // namespace fd::identity
