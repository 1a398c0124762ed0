// POST /auth/token (JSON or OAuth2 password form), POST /auth/refresh, POST /auth/logout.
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

#include <QDateTime>
#include <QUrlQuery>

namespace fd::identity {

void registerAccountRoutes(http::Router &router, const IdentityDeps &deps);
void registerUpgradeRoutes(http::Router &router, const IdentityDeps &deps);
void registerApiKeyRoutes(http::Router &router, const IdentityDeps &deps);

namespace {

struct Credentials
{
    QString email;
    QString password;
};

// JSON {email, password} or the OAuth2 password grant form (username, password).
Result<Credentials> readCredentials(const http::Request &request)
{
    const QByteArray type = request.header("content-type").split(';').first().trimmed().toLower();
    QJsonObject object;
    if (type == "application/x-www-form-urlencoded") {
        // In forms '+' stands for a space, which QUrlQuery does not know.
        QByteArray body = request.body;
        body.replace('+', "%20");
        const QUrlQuery form(QString::fromUtf8(body));
        object.insert(QStringLiteral("email"),
                      form.queryItemValue(QStringLiteral("username"), QUrl::FullyDecoded));
        object.insert(QStringLiteral("password"),
                      form.queryItemValue(QStringLiteral("password"), QUrl::FullyDecoded));
    } else if (type == "application/json" || type.isEmpty()) {
        auto body = http::parseJsonObject(request.body);
        if (!body)
            return body.error();
        object = *body;
    } else {
        return Error{ErrorCode::UnsupportedMediaType,
                     QStringLiteral("Send application/json or application/x-www-form-urlencoded")};
    }
    http::FieldReader fields(object);
    const auto email = fields.string(QStringLiteral("email"), true, 320);
    const auto password = fields.string(QStringLiteral("password"), true, 1024);
    if (email && email->isEmpty())
        fields.fail(QStringLiteral("email"), QStringLiteral("is required"));
    if (password && password->isEmpty())
        fields.fail(QStringLiteral("password"), QStringLiteral("is required"));
    if (!fields.ok())
        return fields.error();
    return Credentials{validation::normalizedEmail(*email), *password};
}

// Both login limits at once; answers with the refused one, else the tighter one's headers.
void checkLoginLimits(const IdentityDeps &deps, const http::ExchangePtr &exchange, const audit::Actor &actor,
                      const QString &email,
                      std::function<void(infra::RateLimitDecision, http::HeaderList)> done)
{
    struct Pending
    {
        std::optional<infra::RateLimitDecision> account, ip;
    };
    auto pending = std::make_shared<Pending>();
    auto finish = [deps, pending, done] {
        if (!pending->account || !pending->ip)
            return;
        const auto &account = *pending->account;
        const auto &ip = *pending->ip;
        if (!ip.allowed && account.allowed)
            done(ip, ip.headers(deps.limits.loginPerIp));
        else
            done(account, account.headers(deps.limits.loginPerAccount));
    };
    infra::RedisClient *redis = http::IoContext::of(*exchange)->redis();
    infra::RateLimiter::check(redis, deps.limits.loginPerAccount, email.toLower().toUtf8(),
                              [pending, finish](infra::RateLimitDecision decision) {
                                  pending->account = decision;
                                  finish();
                              });
    infra::RateLimiter::check(redis, deps.limits.loginPerIp, actor.ip.toString().toLatin1(),
                              [pending, finish](infra::RateLimitDecision decision) {
                                  pending->ip = decision;
                                  finish();
                              });
}

void issueTokens(const IdentityDeps &deps, const http::ExchangePtr &exchange, const UserRecord &user,
                 std::optional<QString> newHash, const http::HeaderList &headers)
{
    using Issued = Result<IssuedTokens>;
    deps.db->run<Issued>(
        exchange->context(),
        [deps, user, newHash](QSqlDatabase &db) {
            return deps.service->openSession(db, user, newHash, QDateTime::currentSecsSinceEpoch());
        },
        [exchange, headers](Issued tokens) {
            if (!tokens) {
                exchange->respondProblem(tokens.error(), headers);
                return;
            }
            http::HeaderList noStore = headers;
            noStore.append(std::pair<QByteArray, QByteArray>("Cache-Control", "no-store"));
            exchange->respondJson(200, QJsonDocument(tokens->toJson()), noStore);
        });
}

// What one sign-in attempt carries from step to step (limits, lookup, hash check, session).
struct LoginAttempt
{
    IdentityDeps deps;
    http::ExchangePtr exchange;
    audit::Actor actor;
    Credentials given;
    infra::RateLimitDecision limit;
    http::HeaderList headers;
    std::optional<UserRecord> user;
};

void refuseWrongPassword(const std::shared_ptr<LoginAttempt> &attempt)
{
    const Error wrong{ErrorCode::InvalidCredentials, QStringLiteral("Wrong email or password")};
    if (attempt->limit.remaining > 0) {
        attempt->exchange->respondProblem(wrong, attempt->headers);
        return;
    }
    // This failure used the account's last attempt: record the lockout before answering.
    attempt->deps.db->run<Result<void>>(
        attempt->exchange->context(),
        [attempt](QSqlDatabase &db) {
            return attempt->deps.service->auditLoginLockout(db, attempt->given.email, attempt->actor);
        },
        [attempt, wrong](Result<void>) { attempt->exchange->respondProblem(wrong, attempt->headers); });
}

void onPasswordChecked(const std::shared_ptr<LoginAttempt> &attempt, const infra::PasswordCheck &check)
{
    if (!check.verified) {
        refuseWrongPassword(attempt);
        return;
    }
    if (!attempt->user->active) {
        attempt->exchange->respondProblem(
            Error{ErrorCode::AccountDisabled, QStringLiteral("The account is deactivated")},
            attempt->headers);
        return;
    }
    if (!check.rehash) {
        issueTokens(attempt->deps, attempt->exchange, *attempt->user, std::nullopt, attempt->headers);
        return;
    }
    attempt->deps.hashing->hash(
        attempt->exchange->context(), attempt->given.password, [attempt](Result<QString> newHash) {
            // The password was right: a busy pool only postpones the upgrade to the next login.
            issueTokens(attempt->deps, attempt->exchange, *attempt->user,
                        newHash ? std::optional<QString>(*newHash) : std::nullopt, attempt->headers);
        });
}

void lookUpAndVerify(const std::shared_ptr<LoginAttempt> &attempt)
{
    using Found = Result<std::optional<UserRecord>>;
    attempt->deps.db->run<Found>(
        attempt->exchange->context(),
        [attempt](QSqlDatabase &db) { return attempt->deps.service->findByEmail(db, attempt->given.email); },
        [attempt](Found user) {
            if (!user) {
                attempt->exchange->respondProblem(user.error(), attempt->headers);
                return;
            }
            attempt->user = *user;
            // Unknown accounts are checked against a dummy hash: the answer takes the same time either way.
            const QString stored = *user ? (*user)->passwordHash : QString();
            attempt->deps.hashing->verify(attempt->exchange->context(), stored, attempt->given.password,
                                          [attempt](Result<infra::PasswordCheck> check) {
                                              if (!check)
                                                  attempt->exchange->respondProblem(check.error(),
                                                                                    attempt->headers);
                                              else
                                                  onPasswordChecked(attempt, *check);
                                          });
        });
}

void login(const IdentityDeps &deps, const http::ExchangePtr &exchange)
{
    auto credentials = readCredentials(exchange->request());
    if (!credentials) {
        exchange->respondProblem(credentials.error());
        return;
    }
    auto attempt = std::make_shared<LoginAttempt>();
    attempt->deps = deps;
    attempt->exchange = exchange;
    attempt->actor = actorOf(*exchange, deps.trustedProxies);
    attempt->given = *credentials;
    checkLoginLimits(deps, exchange, attempt->actor, attempt->given.email,
                     [attempt](infra::RateLimitDecision limit, http::HeaderList headers) {
                         attempt->limit = limit;
                         attempt->headers = headers;
                         if (limit.allowed) {
                             lookUpAndVerify(attempt);
                             return;
                         }
                         attempt->exchange->respondProblem(
                             limit.unchecked
                                 ? Error{ErrorCode::ServiceUnavailable,
                                         QStringLiteral("Sign-in is unavailable; try again shortly")}
                                 : Error{ErrorCode::RateLimited, QStringLiteral("Too many attempts")},
                             headers);
                     });
}

void refresh(const IdentityDeps &deps, const http::ExchangePtr &exchange)
{
    const auto body = http::jsonObjectOrAnswer(*exchange);
    if (!body)
        return;
    http::FieldReader fields(*body);
    const auto token = fields.string(QStringLiteral("refresh_token"), true, 200);
    if (!fields.ok()) {
        exchange->respondProblem(fields.error());
        return;
    }
    const audit::Actor actor = actorOf(*exchange, deps.trustedProxies);
    using Issued = Result<IssuedTokens>;
    deps.db->run<Issued>(
        exchange->context(),
        [deps, actor, token = *token](QSqlDatabase &db) {
            return deps.service->refresh(db, token, actor, QDateTime::currentSecsSinceEpoch());
        },
        [exchange](Issued tokens) {
            if (!tokens) {
                exchange->respondProblem(tokens.error());
                return;
            }
            exchange->respondJson(200, QJsonDocument(tokens->toJson()), {{"Cache-Control", "no-store"}});
        });
}

void logout(const IdentityDeps &deps, const http::ExchangePtr &exchange)
{
    bool everySession = false;
    if (!exchange->request().body.trimmed().isEmpty()) {
        const auto body = http::jsonObjectOrAnswer(*exchange);
        if (!body)
            return;
        http::FieldReader fields(*body);
        everySession = fields.boolean(QStringLiteral("all")).value_or(false);
        if (!fields.ok()) {
            exchange->respondProblem(fields.error());
            return;
        }
    }
    const http::Principal principal = exchange->principal();
    const audit::Actor actor = actorOf(*exchange, deps.trustedProxies);
    deps.db->run<Result<void>>(
        exchange->context(),
        [deps, principal, everySession, actor](QSqlDatabase &db) {
            return deps.service->logout(db, principal.userId, principal.sessionId, everySession, actor);
        },
        [exchange](Result<void> done) {
            if (!done)
                exchange->respondProblem(done.error());
            else
                exchange->respondEmpty(204);
        });
}

} // namespace

void registerRoutes(http::Router &router, const IdentityDeps &deps)
{
    registerAccountRoutes(router, deps);
    registerUpgradeRoutes(router, deps);
    registerApiKeyRoutes(router, deps);
    router.add("POST", QStringLiteral("/api/v1/auth/token"),
               [deps](const http::ExchangePtr &exchange) { login(deps, exchange); },
               {false, http::AccessRule::anyone()});
    router.add("POST", QStringLiteral("/api/v1/auth/refresh"),
               [deps](const http::ExchangePtr &exchange) { refresh(deps, exchange); },
               {true, http::AccessRule::anyone()});
    router.add("POST", QStringLiteral("/api/v1/auth/logout"),
               [deps](const http::ExchangePtr &exchange) { logout(deps, exchange); },
               {true, http::AccessRule::signedIn()});
}

} // namespace fd::identity
