// POST /users (signup), GET /users/me, PATCH /users/me/password.
#include "server/audit/auditentry.h"
#include "server/http/fieldreader.h"
#include "server/http/iocontext.h"
#include "server/http/jsonbody.h"
#include "server/http/router.h"
#include "server/identity/identityroutes.h"
#include "server/identity/identityservice.h"
#include "server/infra/crypto/hashingpool.h"
#include "server/infra/db/dbpool.h"

#include "common/validation/emailrule.h"
#include "common/validation/passwordrule.h"

namespace fd::identity {

audit::Actor actorOf(const http::Exchange &exchange, const http::Subnets &trustedProxies)
{
    audit::Actor actor;
    if (exchange.hasPrincipal()) {
        actor.userId = exchange.principal().userId;
        actor.role = roleName(exchange.principal().role);
    }
    actor.ip = http::clientAddress(exchange.request(), trustedProxies);
    actor.requestId = exchange.request().requestId;
    return actor;
}

namespace {

void signup(const IdentityDeps &deps, const http::ExchangePtr &exchange)
{
    const auto body = http::jsonObjectOrAnswer(*exchange);
    if (!body)
        return;
    http::FieldReader fields(*body);
    const auto email = fields.string(QStringLiteral("email"), true, 320);
    const auto password = fields.string(QStringLiteral("password"), true, 1024);
    const auto accountType = fields.string(QStringLiteral("account_type"), true, 20);
    if (email)
        if (auto problem = validation::checkEmail(email->trimmed()))
            fields.fail(QStringLiteral("email"), *problem);
    if (password)
        if (auto problem = validation::checkPassword(*password))
            fields.fail(QStringLiteral("password"), *problem);
    if (accountType && *accountType != QLatin1StringView("buyer") &&
        *accountType != QLatin1StringView("seller"))
        fields.fail(QStringLiteral("account_type"), QStringLiteral("must be buyer or seller"));
    if (!fields.ok()) {
        exchange->respondProblem(fields.error());
        return;
    }
    const audit::Actor actor = actorOf(*exchange, deps.trustedProxies);
    const Role role = *accountType == QLatin1StringView("seller") ? Role::Seller : Role::Buyer;
    const QString normalized = validation::normalizedEmail(*email);

    infra::RateLimiter::check(
        http::IoContext::of(*exchange)->redis(), deps.limits.signupPerIp, actor.ip.toString().toLatin1(),
        [deps, exchange, actor, role, normalized, password = *password](infra::RateLimitDecision limit) {
            const http::HeaderList limitHeaders = limit.headers(deps.limits.signupPerIp);
            if (!limit.allowed) {
                exchange->respondProblem(
                    limit.unchecked
                        ? Error{ErrorCode::ServiceUnavailable, QStringLiteral("Try again shortly")}
                        : Error{ErrorCode::RateLimited, QStringLiteral("Too many signups from here")},
                    limitHeaders);
                return;
            }
            deps.hashing->hash(
                exchange->context(), password,
                [deps, exchange, actor, role, normalized, limitHeaders](Result<QString> hashed) {
                    if (!hashed) {
                        exchange->respondProblem(hashed.error(), limitHeaders);
                        return;
                    }
                    using Created = Result<UserRecord>;
                    deps.db->run<Created>(
                        exchange->context(),
                        [deps, actor, role, normalized, hash = *hashed](QSqlDatabase &db) {
                            return deps.service->signup(db, normalized, hash, role, actor);
                        },
                        [exchange, limitHeaders](Created created) {
                            if (!created) {
                                exchange->respondProblem(created.error(), limitHeaders);
                                return;
                            }
                            http::HeaderList headers = limitHeaders;
                            headers.append(std::pair<QByteArray, QByteArray>("Location", "/api/v1/users/me"));
                            exchange->respondJson(201, QJsonDocument(created->toJson()), headers);
                        });
                });
        });
}

void me(const IdentityDeps &deps, const http::ExchangePtr &exchange)
{
    using Found = Result<std::optional<UserRecord>>;
    const QUuid userId = exchange->principal().userId;
    deps.db->run<Found>(
        exchange->context(), [deps, userId](QSqlDatabase &db) { return deps.service->findById(db, userId); },
        [exchange](Found user) {
            if (!user) {
                exchange->respondProblem(user.error());
                return;
            }
            if (!*user) {
                exchange->respondProblem(Error{ErrorCode::NotFound, QStringLiteral("No such account")});
                return;
            }
            exchange->respondJson(200, QJsonDocument((*user)->toJson()));
        });
}

void changePassword(const IdentityDeps &deps, const http::ExchangePtr &exchange)
{
    const auto body = http::jsonObjectOrAnswer(*exchange);
    if (!body)
        return;
    http::FieldReader fields(*body);
    const auto current = fields.string(QStringLiteral("current_password"), true, 1024);
    const auto next = fields.string(QStringLiteral("new_password"), true, 1024);
    if (next)
        if (auto problem = validation::checkPassword(*next))
            fields.fail(QStringLiteral("new_password"), *problem);
    if (!fields.ok()) {
        exchange->respondProblem(fields.error());
        return;
    }
    const http::Principal principal = exchange->principal();
    const audit::Actor actor = actorOf(*exchange, deps.trustedProxies);
    using Found = Result<std::optional<UserRecord>>;
    deps.db->run<Found>(
        exchange->context(),
        [deps, principal](QSqlDatabase &db) { return deps.service->findById(db, principal.userId); },
        [deps, exchange, principal, actor, current = *current, next = *next](Found user) {
            if (!user || !*user) {
                exchange->respondProblem(user ? Error{ErrorCode::NotFound, QStringLiteral("No such account")}
                                              : user.error());
                return;
            }
            deps.hashing->verify(
                exchange->context(), (*user)->passwordHash, current,
                [deps, exchange, principal, actor, next](Result<infra::PasswordCheck> check) {
                    if (!check) {
                        exchange->respondProblem(check.error());
                        return;
                    }
                    if (!check->verified) {
                        exchange->respondProblem(
                            Error{ErrorCode::ValidationFailed,
                                  QStringLiteral("The current password is wrong"),
                                  {{QStringLiteral("current_password"), QStringLiteral("is wrong")}}});
                        return;
                    }
                    deps.hashing->hash(exchange->context(), next,
                                       [deps, exchange, principal, actor](Result<QString> hashed) {
                                           if (!hashed) {
                                               exchange->respondProblem(hashed.error());
                                               return;
                                           }
                                           using Changed = Result<void>;
                                           deps.db->run<Changed>(
                                               exchange->context(),
                                               [deps, principal, actor, hash = *hashed](QSqlDatabase &db) {
                                                   return deps.service->changePassword(db, principal.userId,
                                                                                       principal.sessionId,
                                                                                       hash, actor);
                                               },
                                               [exchange](Changed changed) {
                                                   if (!changed)
                                                       exchange->respondProblem(changed.error());
                                                   else
                                                       exchange->respondEmpty(204);
                                               });
                                       });
                });
        });
}

} // namespace

void registerAccountRoutes(http::Router &router, const IdentityDeps &deps)
{
    router.add("POST", QStringLiteral("/api/v1/users"),
               [deps](const http::ExchangePtr &exchange) { signup(deps, exchange); },
               {true, http::AccessRule::anyone()});
    router.add("GET", QStringLiteral("/api/v1/users/me"),
               [deps](const http::ExchangePtr &exchange) { me(deps, exchange); },
               {false, http::AccessRule::signedIn()});
    router.add("PATCH", QStringLiteral("/api/v1/users/me/password"),
               [deps](const http::ExchangePtr &exchange) { changePassword(deps, exchange); },
               {true, http::AccessRule::signedIn().asWrite()});
}

} // namespace fd::identity
