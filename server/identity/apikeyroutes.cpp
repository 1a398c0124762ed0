// Partner API keys: the caller's own (POST, GET /users/me/api-keys, DELETE /users/me/api-keys/{id}) and
// every key for admins (GET /admin/api-keys, POST /admin/api-keys/{id}/revoke).
#include "server/audit/auditentry.h"
#include "server/http/fieldreader.h"
#include "server/http/iocontext.h"
#include "server/http/jsonbody.h"
#include "server/http/pagination.h"
#include "server/http/router.h"
#include "server/identity/apikeycache.h"
#include "server/identity/apikeyservice.h"
#include "server/identity/identityroutes.h"
#include "server/infra/db/dbpool.h"
#include "server/infra/db/timekey.h"

#include <algorithm>

namespace fd::identity {
namespace {

Error invalidField(const QString &field, const QString &message)
{
    return Error{ErrorCode::ValidationFailed, QStringLiteral("Some fields are invalid"), {{field, message}}};
}

// Reads the JSON types; the rules (ApiKeyService::check) add what they find for the fields that were
// readable, so one 422 lists every problem.
Result<NewApiKey> readNewKey(const QJsonObject &body)
{
    http::FieldReader fields(body);
    NewApiKey key;
    key.name = fields.string(QStringLiteral("name"), true, ApiKeyService::kNameMaxLength).value_or(QString());
    const QJsonValue scopes = body.value(QStringLiteral("scopes"));
    if (scopes.isUndefined() || scopes.isNull()) {
        fields.fail(QStringLiteral("scopes"), QStringLiteral("is required"));
    } else if (!scopes.isArray()) {
        fields.fail(QStringLiteral("scopes"), QStringLiteral("must be an array of strings"));
    } else {
        for (const QJsonValue scope : scopes.toArray()) {
            if (!scope.isString()) {
                fields.fail(QStringLiteral("scopes"), QStringLiteral("must be an array of strings"));
                break;
            }
            key.scopes.append(scope.toString());
        }
    }
    if (const auto expires = fields.string(QStringLiteral("expires_at"), false, 64)) {
        key.expiresAt = QDateTime::fromString(*expires, Qt::ISODateWithMs);
        // Without an offset Qt would read local time; RFC 3339 requires one.
        if (!key.expiresAt.isValid() || key.expiresAt.timeSpec() == Qt::LocalTime)
            fields.fail(
                QStringLiteral("expires_at"),
                QStringLiteral("must be an RFC 3339 date-time with an offset, e.g. 2030-01-01T00:00:00Z"));
    }
    QList<FieldError> errors = fields.ok() ? QList<FieldError>{} : fields.error().fields;
    for (const FieldError &problem : ApiKeyService::check(key, QDateTime::currentDateTimeUtc())) {
        const bool known = std::any_of(errors.cbegin(), errors.cend(),
                                       [&](const FieldError &error) { return error.field == problem.field; });
        if (!known)
            errors.append(problem);
    }
    if (!errors.isEmpty())
        return Error{ErrorCode::ValidationFailed, QStringLiteral("Some fields are invalid"), errors};
    return key;
}

Result<ApiKeyFilter> readPage(const http::Request &request)
{
    auto page = http::readPageRequest(request.query);
    if (!page)
        return page.error();
    auto after = infra::timeKeyAfter(page->after);
    if (!after)
        return after.error();
    ApiKeyFilter filter;
    filter.limit = page->limit;
    filter.after = *after;
    return filter;
}

void respondPage(const http::ExchangePtr &exchange, const Result<ApiKeyPage> &page)
{
    if (!page) {
        exchange->respondProblem(page.error());
        return;
    }
    QJsonArray items;
    for (const ApiKeyRecord &key : page->items)
        items.append(key.toJson());
    const auto next = page->next ? std::optional<QJsonObject>(page->next->toJson()) : std::nullopt;
    exchange->respondJson(200, QJsonDocument(http::pageBody(items, next)));
}

void listKeys(const IdentityDeps &deps, const http::ExchangePtr &exchange, const ApiKeyFilter &filter)
{
    using Listed = Result<ApiKeyPage>;
    deps.db->run<Listed>(
        exchange->context(), [filter](QSqlDatabase &db) { return ApiKeyService().list(db, filter); },
        [exchange](Listed page) { respondPage(exchange, page); });
}

// A key that is not a UUID cannot exist: the same 404 as an unknown one.
std::optional<QUuid> keyIdOrAnswer(const http::ExchangePtr &exchange)
{
    const QUuid id = QUuid::fromString(exchange->request().pathParams.value(QStringLiteral("id")));
    if (id.isNull()) {
        exchange->respondProblem(Error{ErrorCode::NotFound, QStringLiteral("No such API key")});
        return std::nullopt;
    }
    return id;
}

using Revoked = Result<RevokedApiKey>;

// Answers only after Redis holds the revoked state, so the client's next request is refused on every node.
void publishThenAnswer(const http::ExchangePtr &exchange, const Revoked &revoked,
                       std::function<void(const RevokedApiKey &)> answer)
{
    if (!revoked) {
        exchange->respondProblem(revoked.error());
        return;
    }
    ApiKeyCache::publishRevoked(http::IoContext::of(*exchange)->redis(), revoked->record,
                                [revoked = *revoked, answer] { answer(revoked); });
}

void createKey(const IdentityDeps &deps, const http::ExchangePtr &exchange)
{
    const auto body = http::jsonObjectOrAnswer(*exchange);
    if (!body)
        return;
    auto key = readNewKey(*body);
    if (!key) {
        exchange->respondProblem(key.error());
        return;
    }
    const QUuid owner = exchange->principal().userId;
    const audit::Actor actor = actorOf(*exchange, deps.trustedProxies);
    using Created = Result<CreatedApiKey>;
    deps.db->run<Created>(
        exchange->context(),
        [owner, key = *key, actor](QSqlDatabase &db) {
            return ApiKeyService().create(db, owner, key, actor);
        },
        [exchange](Created created) {
            if (!created) {
                exchange->respondProblem(created.error());
                return;
            }
            const QByteArray location =
                "/api/v1/users/me/api-keys/" + created->record.id.toByteArray(QUuid::WithoutBraces);
            exchange->respondJson(201, QJsonDocument(created->toJson()),
                                  {{"Location", location}, {"Cache-Control", "no-store"}});
        });
}

void listOwnKeys(const IdentityDeps &deps, const http::ExchangePtr &exchange)
{
    auto filter = readPage(exchange->request());
    if (!filter) {
        exchange->respondProblem(filter.error());
        return;
    }
    filter->userId = exchange->principal().userId;
    filter->activeOnly = true; // a deleted key is gone for its owner; admins still see it
    listKeys(deps, exchange, *filter);
}

void deleteOwnKey(const IdentityDeps &deps, const http::ExchangePtr &exchange)
{
    const auto id = keyIdOrAnswer(exchange);
    if (!id)
        return;
    const QUuid owner = exchange->principal().userId;
    const audit::Actor actor = actorOf(*exchange, deps.trustedProxies);
    deps.db->run<Revoked>(
        exchange->context(),
        [owner, id = *id, actor](QSqlDatabase &db) {
            return ApiKeyService().revokeOwn(db, owner, id, actor);
        },
        [exchange](Revoked revoked) {
            publishThenAnswer(exchange, revoked,
                              [exchange](const RevokedApiKey &) { exchange->respondEmpty(204); });
        });
}

void listAllKeys(const IdentityDeps &deps, const http::ExchangePtr &exchange)
{
    auto filter = readPage(exchange->request());
    if (!filter) {
        exchange->respondProblem(filter.error());
        return;
    }
    const QUrlQuery &query = exchange->request().query;
    if (query.hasQueryItem(QStringLiteral("user_id"))) {
        const QUuid userId = QUuid::fromString(query.queryItemValue(QStringLiteral("user_id")));
        if (userId.isNull()) {
            exchange->respondProblem(
                invalidField(QStringLiteral("user_id"), QStringLiteral("must be a UUID")));
            return;
        }
        filter->userId = userId;
    }
    listKeys(deps, exchange, *filter);
}

void revokeAnyKey(const IdentityDeps &deps, const http::ExchangePtr &exchange)
{
    const auto id = keyIdOrAnswer(exchange);
    if (!id)
        return;
    const audit::Actor actor = actorOf(*exchange, deps.trustedProxies);
    deps.db->run<Revoked>(
        exchange->context(),
        [id = *id, actor](QSqlDatabase &db) { return ApiKeyService().revokeAny(db, id, actor); },
        [exchange](Revoked revoked) {
            publishThenAnswer(exchange, revoked, [exchange](const RevokedApiKey &done) {
                exchange->respondJson(200, QJsonDocument(done.record.toJson()));
            });
        });
}

} // namespace

void registerApiKeyRoutes(http::Router &router, const IdentityDeps &deps)
{
    // No API key scope on any of these: a key must never mint or revoke keys.
    const auto partners = http::AccessRule::rolesOnly(apiKeyHolderRoles());
    const auto admins = http::AccessRule::rolesOnly({Role::Admin});
    router.add("POST", QStringLiteral("/api/v1/users/me/api-keys"),
               [deps](const http::ExchangePtr &exchange) { createKey(deps, exchange); },
               {true, partners.asWrite(), http::IdempotencyUse::Ignored}); // the answer holds the secret
    router.add("GET", QStringLiteral("/api/v1/users/me/api-keys"),
               [deps](const http::ExchangePtr &exchange) { listOwnKeys(deps, exchange); }, {false, partners});
    router.add("DELETE", QStringLiteral("/api/v1/users/me/api-keys/{id}"),
               [deps](const http::ExchangePtr &exchange) { deleteOwnKey(deps, exchange); },
               {false, partners.asWrite()});
    router.add("GET", QStringLiteral("/api/v1/admin/api-keys"),
               [deps](const http::ExchangePtr &exchange) { listAllKeys(deps, exchange); }, {false, admins});
    router.add("POST", QStringLiteral("/api/v1/admin/api-keys/{id}/revoke"),
               [deps](const http::ExchangePtr &exchange) { revokeAnyKey(deps, exchange); },
               {true, admins.asWrite()});
}

} // namespace fd::identity
