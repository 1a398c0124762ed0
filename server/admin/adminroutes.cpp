// GET /admin/users, GET and PATCH /admin/users/{id}, GET /admin/upgrade-requests,
// POST /admin/upgrade-requests/{id}/approve and /reject, GET /admin/stats.
#include "server/admin/adminroutes.h"

#include "server/admin/adminservice.h"
#include "server/http/conditional.h"
#include "server/http/fieldreader.h"
#include "server/http/iocontext.h"
#include "server/http/jsonbody.h"
#include "server/http/pagination.h"
#include "server/http/router.h"
#include "server/identity/apikeycache.h"
#include "server/identity/identityroutes.h"
#include "server/identity/userstatecache.h"
#include "server/infra/db/dbpool.h"
#include "server/infra/redis/redisclient.h"

#include <QJsonArray>

namespace fd::admin {
namespace {

constexpr int kReasonMax = 2000;
constexpr int kSearchMax = 320; // the longest email

void respondNotFound(const http::ExchangePtr &exchange, const QString &what)
{
    exchange->respondProblem(Error{ErrorCode::NotFound, QStringLiteral("No such ") + what});
}

template <typename Row, typename ToJson>
void respondPage(const http::ExchangePtr &exchange, QList<Row> rows, int limit, ToJson toJson)
{
    const auto next = infra::trimToPage(rows, limit);
    QJsonArray items;
    for (const Row &row : std::as_const(rows))
        items.append(toJson(row));
    exchange->respondJson(200, QJsonDocument(http::pageBody(
                                   items, next ? std::optional<QJsonObject>(next->toJson()) : std::nullopt)));
}

void respondUser(const http::ExchangePtr &exchange, const AdminUserRecord &user)
{
    exchange->respondJson(200, QJsonDocument(user.toJson()), {{"ETag", user.etag()}});
}

// Revoked keys leave the key cache too, so a key stays dead even if its owner is reactivated within the
// cache's TTL. Replies come in order on one connection: the last one means every key is gone.
void forgetKeys(infra::RedisClient *redis, const QList<QUuid> &keys, std::function<void()> done)
{
    if (keys.isEmpty()) {
        done();
        return;
    }
    for (qsizetype i = 0; i < keys.size(); ++i) {
        const bool last = i == keys.size() - 1;
        redis->command({"DEL", identity::ApiKeyCache::keyFor(keys.at(i))},
                       [last, done](const infra::RedisReply &) {
                           if (last)
                               done();
                       });
    }
}

// The authenticator reads role and activity from Redis: write the committed state there before answering,
// so the user's very next request, on any node, sees it.
void publishThen(const http::ExchangePtr &exchange, const AdminUserRecord &user,
                 const QList<QUuid> &revokedKeys, std::function<void()> answer)
{
    infra::RedisClient *redis = http::IoContext::of(*exchange)->redis();
    const identity::UserState state{true, user.user.active, user.user.role, user.user.tokensValidAfter};
    identity::UserStateCache::publish(redis, user.user.id, state,
                                      [redis, revokedKeys, answer](bool published) {
                                          if (published)
                                              forgetKeys(redis, revokedKeys, answer);
                                          else
                                              answer();
                                      });
}

std::optional<bool> readBoolean(const QUrlQuery &query, const QString &name, QList<FieldError> &errors)
{
    if (!query.hasQueryItem(name))
        return std::nullopt;
    const QString value = query.queryItemValue(name);
    if (value == QLatin1StringView("true"))
        return true;
    if (value == QLatin1StringView("false"))
        return false;
    errors.append({name, QStringLiteral("must be true or false")});
    return std::nullopt;
}

Result<UserFilter> readUserFilter(const QUrlQuery &query)
{
    QList<FieldError> errors;
    UserFilter filter;
    const QString search = query.queryItemValue(QStringLiteral("q"), QUrl::FullyDecoded).trimmed();
    if (search.size() > kSearchMax)
        errors.append({QStringLiteral("q"), QStringLiteral("must be at most %1 characters").arg(kSearchMax)});
    else if (search.contains(QChar(u'\0')))
        errors.append({QStringLiteral("q"), QStringLiteral("must not contain NUL characters")});
    else
        filter.emailContains = search;
    if (query.hasQueryItem(QStringLiteral("role"))) {
        filter.role = roleFromName(query.queryItemValue(QStringLiteral("role")));
        if (!filter.role)
            errors.append(
                {QStringLiteral("role"),
                 QStringLiteral("must be admin, moderator, seller, buyer, user_b2b or seller_b2b")});
    }
    filter.active = readBoolean(query, QStringLiteral("is_active"), errors);
    filter.verified = readBoolean(query, QStringLiteral("is_verified"), errors);
    if (!errors.isEmpty())
        return Error{ErrorCode::ValidationFailed, QStringLiteral("Some filters are invalid"), errors};
    return filter;
}

Result<UserChange> readUserChange(const QJsonObject &body)
{
    static const QStringList kFields{QStringLiteral("role"), QStringLiteral("is_active"),
                                     QStringLiteral("is_verified")};
    if (body.isEmpty())
        return Error{ErrorCode::ValidationFailed,
                     QStringLiteral("Send at least one of role, is_active, is_verified")};
    http::FieldReader fields(body);
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (!kFields.contains(it.key()))
            fields.fail(it.key(), QStringLiteral("is not a field admins change"));
        else if (it.value().isNull())
            fields.fail(it.key(), QStringLiteral("must not be null"));
    }
    UserChange change;
    if (const auto role = fields.string(QStringLiteral("role"), false, 20)) {
        change.role = roleFromName(*role);
        if (!change.role)
            fields.fail(QStringLiteral("role"),
                        QStringLiteral("must be admin, moderator, seller, buyer, user_b2b or seller_b2b"));
    }
    change.active = fields.boolean(QStringLiteral("is_active"));
    change.verified = fields.boolean(QStringLiteral("is_verified"));
    if (!fields.ok())
        return fields.error();
    return change;
}

void listUsers(const AdminDeps &deps, const http::ExchangePtr &exchange)
{
    const auto filter = readUserFilter(exchange->request().query);
    const auto page = http::readPageRequest(exchange->request().query);
    const auto after =
        page ? infra::timeKeyAfter(page->after) : Result<std::optional<infra::TimeKey>>(page.error());
    if (!filter || !after) {
        exchange->respondProblem(!filter ? filter.error() : after.error());
        return;
    }
    using Listed = Result<QList<AdminUserRecord>>;
    const int limit = page->limit;
    deps.db->run<Listed>(
        exchange->context(),
        [filter = *filter, after = *after, limit](QSqlDatabase &db) {
            return AdminService().listUsers(db, filter, after, limit);
        },
        [exchange, limit](Listed rows) {
            if (!rows) {
                exchange->respondProblem(rows.error());
                return;
            }
            respondPage(exchange, *rows, limit, [](const AdminUserRecord &row) { return row.toJson(); });
        });
}

void getUser(const AdminDeps &deps, const http::ExchangePtr &exchange)
{
    const auto id = http::pathUuid(*exchange);
    if (!id) {
        respondNotFound(exchange, QStringLiteral("user"));
        return;
    }
    using Found = Result<std::optional<AdminUserRecord>>;
    deps.db->run<Found>(
        exchange->context(), [id = *id](QSqlDatabase &db) { return AdminService().findUser(db, id); },
        [exchange](Found user) {
            if (!user)
                exchange->respondProblem(user.error());
            else if (!*user)
                respondNotFound(exchange, QStringLiteral("user"));
            else
                respondUser(exchange, **user);
        });
}

void updateUser(const AdminDeps &deps, const http::ExchangePtr &exchange)
{
    const auto id = http::pathUuid(*exchange);
    if (!id) {
        respondNotFound(exchange, QStringLiteral("user"));
        return;
    }
    const auto body = http::jsonObjectOrAnswer(*exchange);
    if (!body)
        return;
    const auto change = readUserChange(*body);
    if (!change) {
        exchange->respondProblem(change.error());
        return;
    }
    const QByteArrayList ifMatch = http::ifMatchTags(exchange->request());
    const audit::Actor actor = identity::actorOf(*exchange, deps.trustedProxies);
    using Updated = Result<UserUpdate>;
    deps.db->run<Updated>(
        exchange->context(),
        [id = *id, change = *change, ifMatch, actor](QSqlDatabase &db) {
            return AdminService().updateUser(db, id, change, ifMatch, actor);
        },
        [exchange](Updated updated) {
            if (!updated) {
                exchange->respondProblem(updated.error());
                return;
            }
            publishThen(exchange, updated->user, updated->revokedApiKeys,
                        [exchange, user = updated->user] { respondUser(exchange, user); });
        });
}

void listUpgradeRequests(const AdminDeps &deps, const http::ExchangePtr &exchange)
{
    const http::Request &request = exchange->request();
    std::optional<QString> status;
    if (request.query.hasQueryItem(QStringLiteral("status"))) {
        status = request.query.queryItemValue(QStringLiteral("status"));
        if (*status != QLatin1StringView("PENDING") && *status != QLatin1StringView("APPROVED") &&
            *status != QLatin1StringView("REJECTED")) {
            exchange->respondProblem(
                Error{ErrorCode::ValidationFailed,
                      QStringLiteral("Some filters are invalid"),
                      {{QStringLiteral("status"), QStringLiteral("must be PENDING, APPROVED or REJECTED")}}});
            return;
        }
    }
    const auto page = http::readPageRequest(request.query);
    const auto after =
        page ? infra::timeKeyAfter(page->after) : Result<std::optional<infra::TimeKey>>(page.error());
    if (!after) {
        exchange->respondProblem(after.error());
        return;
    }
    using Listed = Result<QList<identity::UpgradeRequestRecord>>;
    const int limit = page->limit;
    deps.db->run<Listed>(
        exchange->context(),
        [status, after = *after, limit](QSqlDatabase &db) {
            return AdminService().listUpgradeRequests(db, status, after, limit);
        },
        [exchange, limit](Listed rows) {
            if (!rows) {
                exchange->respondProblem(rows.error());
                return;
            }
            respondPage(exchange, *rows, limit,
                        [](const identity::UpgradeRequestRecord &row) { return row.toJson(true); });
        });
}

void approveUpgrade(const AdminDeps &deps, const http::ExchangePtr &exchange)
{
    const auto id = http::pathUuid(*exchange);
    if (!id) {
        respondNotFound(exchange, QStringLiteral("upgrade request"));
        return;
    }
    const audit::Actor actor = identity::actorOf(*exchange, deps.trustedProxies);
    using Approved = Result<ApprovedUpgrade>;
    deps.db->run<Approved>(
        exchange->context(),
        [id = *id, actor](QSqlDatabase &db) { return AdminService().approveUpgrade(db, id, actor); },
        [exchange](Approved approved) {
            if (!approved) {
                exchange->respondProblem(approved.error());
                return;
            }
            publishThen(exchange, approved->user, {}, [exchange, request = approved->request] {
                exchange->respondJson(200, QJsonDocument(request.toJson(true)));
            });
        });
}

void rejectUpgrade(const AdminDeps &deps, const http::ExchangePtr &exchange)
{
    const auto id = http::pathUuid(*exchange);
    if (!id) {
        respondNotFound(exchange, QStringLiteral("upgrade request"));
        return;
    }
    const auto body = http::jsonObjectOrAnswer(*exchange);
    if (!body)
        return;
    http::FieldReader fields(*body);
    auto reason = fields.string(QStringLiteral("reason"), true, kReasonMax);
    if (reason) {
        reason = reason->trimmed();
        if (reason->isEmpty())
            fields.fail(QStringLiteral("reason"), QStringLiteral("is required"));
        else if (reason->contains(QChar(u'\0')))
            fields.fail(QStringLiteral("reason"), QStringLiteral("must not contain NUL characters"));
    }
    if (!fields.ok()) {
        exchange->respondProblem(fields.error());
        return;
    }
    const audit::Actor actor = identity::actorOf(*exchange, deps.trustedProxies);
    using Rejected = Result<identity::UpgradeRequestRecord>;
    deps.db->run<Rejected>(
        exchange->context(),
        [id = *id, reason = *reason, actor](QSqlDatabase &db) {
            return AdminService().rejectUpgrade(db, id, reason, actor);
        },
        [exchange](Rejected rejected) {
            if (!rejected)
                exchange->respondProblem(rejected.error());
            else
                exchange->respondJson(200, QJsonDocument(rejected->toJson(true)));
        });
}

void stats(const AdminDeps &deps, const http::ExchangePtr &exchange)
{
    using Counted = Result<AdminStats>;
    deps.db->run<Counted>(
        exchange->context(), [](QSqlDatabase &db) { return AdminService().stats(db); },
        [exchange](Counted counted) {
            if (!counted)
                exchange->respondProblem(counted.error());
            else
                exchange->respondJson(200, QJsonDocument(counted->toJson()));
        });
}

} // namespace

void registerRoutes(http::Router &router, const AdminDeps &deps)
{
    // Moderators read accounts and the counts; everything else is the admin's (who passes every check).
    const http::AccessRule staff = http::AccessRule::rolesOnly({Role::Moderator});
    const http::AccessRule admins = http::AccessRule::rolesOnly({Role::Admin});
    auto route = [deps](void (*handler)(const AdminDeps &, const http::ExchangePtr &)) {
        return [deps, handler](const http::ExchangePtr &exchange) { handler(deps, exchange); };
    };
    router.add("GET", QStringLiteral("/api/v1/admin/users"), route(listUsers), {false, staff});
    router.add("GET", QStringLiteral("/api/v1/admin/users/{id}"), route(getUser), {false, staff});
    router.add("PATCH", QStringLiteral("/api/v1/admin/users/{id}"), route(updateUser),
               {true, admins.asWrite()});
    router.add("GET", QStringLiteral("/api/v1/admin/upgrade-requests"), route(listUpgradeRequests),
               {false, admins});
    router.add("POST", QStringLiteral("/api/v1/admin/upgrade-requests/{id}/approve"), route(approveUpgrade),
               {true, admins.asWrite()});
    router.add("POST", QStringLiteral("/api/v1/admin/upgrade-requests/{id}/reject"), route(rejectUpgrade),
               {true, admins.asWrite()});
    router.add("GET", QStringLiteral("/api/v1/admin/stats"), route(stats), {false, staff});
}

} // namespace fd::admin
