#include "server/service/serviceroutes.h"

#include "common/apipaths.h"
#include "server/http/iocontext.h"
#include "server/http/router.h"
#include "server/infra/db/dbpool.h"
#include "server/infra/db/migrator.h"
#include "server/infra/metrics/metricsregistry.h"
#include "server/infra/redis/redisclient.h"

#include <QDateTime>
#include <QFile>
#include <QJsonObject>
#include <QSqlQuery>

namespace fd::service {
namespace {

QByteArray resource(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Collects the PostgreSQL and Redis checks, which finish in any order on the IO thread, into one answer.
struct ReadinessProbe
{
    http::ExchangePtr exchange;
    QJsonObject checks;
    int pending = 2;
    bool ready = true;

    void report(const QString &name, bool ok, const QString &detail)
    {
        checks.insert(name, ok ? QStringLiteral("ok") : detail);
        ready = ready && ok;
        if (--pending > 0)
            return;
        exchange->respondJson(
            ready ? 200 : 503,
            QJsonDocument(QJsonObject{
                {QStringLiteral("status"), ready ? QStringLiteral("ready") : QStringLiteral("unavailable")},
                {QStringLiteral("checks"), checks}}),
            ready ? http::HeaderList{} : http::HeaderList{{"Retry-After", "1"}});
    }
};

void checkDatabase(const std::shared_ptr<ReadinessProbe> &probe, const ServiceDeps &deps)
{
    using Outcome = std::pair<bool, QString>;
    const infra::Migrator *migrator = deps.migrator;
    deps.db->run<Outcome>(
        probe->exchange->context(),
        [migrator](QSqlDatabase &db) -> Outcome {
            if (!db.isOpen() || !QSqlQuery(db).exec(QStringLiteral("SELECT 1")))
                return {false, QStringLiteral("unreachable")};
            auto current = migrator->isCurrent(db);
            if (!current)
                return {false, QStringLiteral("cannot read migrations")};
            return {*current, QStringLiteral("migrations pending")};
        },
        [probe](Outcome outcome) {
            probe->report(QStringLiteral("postgresql"), outcome.first, outcome.second);
        });
}

void checkRedis(const std::shared_ptr<ReadinessProbe> &probe)
{
    infra::RedisClient *redis = http::IoContext::of(*probe->exchange)->redis();
    if (!redis) {
        probe->report(QStringLiteral("redis"), false, QStringLiteral("not configured"));
        return;
    }
    redis->command({QByteArrayLiteral("PING")}, [probe](const infra::RedisReply &reply) {
        probe->report(QStringLiteral("redis"), !reply.isError(), QStringLiteral("unreachable"));
    });
}

bool peerAllowed(const QHostAddress &peer, const QStringList &allow)
{
    if (allow.isEmpty())
        return true;
    for (const QString &cidr : allow) {
        if (peer.isInSubnet(QHostAddress::parseSubnet(cidr)))
            return true;
    }
    return false;
}

} // namespace

void registerRoutes(http::Router &router, const ServiceDeps &deps)
{
    router.add("GET", api::kHealthz, [](const http::ExchangePtr &exchange) {
        exchange->respond(200, QByteArrayLiteral("{\"status\":\"ok\"}"),
                          QByteArrayLiteral("application/json"));
    });

    router.add("GET", api::kReadyz, [deps](const http::ExchangePtr &exchange) {
        auto probe = std::make_shared<ReadinessProbe>();
        probe->exchange = exchange;
        checkDatabase(probe, deps);
        checkRedis(probe);
    });

    router.add("GET", api::kMetrics, [deps](const http::ExchangePtr &exchange) {
        if (!peerAllowed(exchange->request().peerAddress, deps.metricsAllow)) {
            exchange->respondProblem(
                Error{ErrorCode::Forbidden, QStringLiteral("Metrics are not published to you")});
            return;
        }
        exchange->respond(200, deps.metrics->scrape(),
                          QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8"));
    });

    // The server's clock, read from Redis so every node agrees with the clock that decides expiries.
    router.add("GET", QStringLiteral("/api/v1/time"), [](const http::ExchangePtr &exchange) {
        infra::RedisClient *redis = http::IoContext::of(*exchange)->redis();
        if (!redis) {
            exchange->respondProblem(
                Error{ErrorCode::ServiceUnavailable, QStringLiteral("Redis is not configured")});
            return;
        }
        redis->command({QByteArrayLiteral("TIME")}, [exchange](const infra::RedisReply &reply) {
            if (reply.isError() || reply.elements.size() != 2) {
                exchange->respondProblem(
                    Error{ErrorCode::ServiceUnavailable, QStringLiteral("Redis unavailable")},
                    {{"Retry-After", "1"}});
                return;
            }
            const qint64 ms = reply.elements.at(0).string.toLongLong() * 1000 +
                              reply.elements.at(1).string.toLongLong() / 1000;
            const QString now = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
            exchange->respondJson(200, QJsonDocument(QJsonObject{{QStringLiteral("now"), now},
                                                                 {QStringLiteral("epoch_ms"), ms}}));
        });
    });

    const QByteArray openApi = resource(QStringLiteral(":/openapi/openapi.json"));
    router.add("GET", api::kOpenApi, [openApi](const http::ExchangePtr &exchange) {
        exchange->respond(200, openApi, QByteArrayLiteral("application/json"));
    });
    const QByteArray docs = resource(QStringLiteral(":/openapi/docs.html"));
    router.add("GET", api::kDocs, [docs](const http::ExchangePtr &exchange) {
        exchange->respond(200, docs, QByteArrayLiteral("text/html; charset=utf-8"),
                          {{"Content-Security-Policy", "default-src 'self'; style-src 'unsafe-inline'; "
                                                       "script-src 'unsafe-inline' 'self'"}});
    });
}

} // namespace fd::service
