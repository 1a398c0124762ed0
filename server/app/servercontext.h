#pragma once

#include "server/app/bootstrap.h"
#include "server/app/config.h"
#include "server/catalog/catalogroutes.h"
#include "server/identity/identityroutes.h"
#include "server/infra/redis/redisendpoint.h"
#include "server/reservations/holdsdeps.h"

#include <QObject>
#include <QThread>
#include <QUrl>

#include <memory>
#include <optional>

namespace fd::http {
class HttpService;
}
namespace fd::infra {
class DataDirLock;
class DbPool;
class HashingPool;
class EmbeddedPostgres;
class EmbeddedRedis;
class MetricsRegistry;
class Migrator;
} // namespace fd::infra

namespace fd::identity {
class IdentityService;
}

namespace fd::reservations {
class HoldMetrics;
} // namespace fd::reservations

namespace fd::jobs {
class JobMetrics;
class JobWorker;
} // namespace fd::jobs

namespace fd::app {

// The composition root: starts the infrastructure (embedded or external), migrates, bootstraps, builds the
// routes and serves. One instance is one server node. Start and stop run on the thread that owns it.
class ServerContext : public QObject
{
    Q_OBJECT
public:
    explicit ServerContext(Config config, QObject *parent = nullptr);
    ~ServerContext() override;

    // Everything up to serving: dependencies, migrations, first-run bootstrap. Enough for maintenance
    // commands.
    Result<void> startDatabase();
    // startDatabase(), then serve HTTP.
    Result<void> start();
    void stop();

    QString databaseUrl() const { return m_databaseUrl; }

    QUrl baseUrl() const;
    const Config &config() const { return m_config; }
    // The admin account made on this start, if this was the first start.
    const std::optional<AdminCredentials> &createdAdmin() const { return m_createdAdmin; }

Q_SIGNALS:
    // A supervised dependency could not be kept alive; the server should exit.
    void fatalError(const QString &message);

private:
    Result<void> startRuntime();
    Result<void> prepareDatabase();
    Result<void> startHttp();
    identity::IdentityDeps identityDeps() const;
    catalog::CatalogDeps catalogDeps() const;
    reservations::HoldsDeps holdsDeps() const;
    void startWorker(const infra::RedisEndpoint &endpoint);
    void stopWorker();
    bool m_databaseStarted = false;

    Config m_config;
    std::unique_ptr<infra::DataDirLock> m_lock;
    std::unique_ptr<infra::EmbeddedPostgres> m_postgres;
    std::unique_ptr<infra::EmbeddedRedis> m_redis;
    QString m_databaseUrl;
    QString m_redisUrl;
    std::unique_ptr<infra::MetricsRegistry> m_metrics;
    std::unique_ptr<catalog::CatalogMetrics> m_catalogMetrics;
    std::unique_ptr<reservations::HoldMetrics> m_holdMetrics;
    std::unique_ptr<jobs::JobMetrics> m_jobMetrics;
    std::unique_ptr<QThread> m_workerThread;
    jobs::JobWorker *m_worker = nullptr; // lives in m_workerThread
    std::unique_ptr<infra::Migrator> m_migrator;
    std::unique_ptr<infra::DbPool> m_db;
    std::unique_ptr<infra::HashingPool> m_hashing;
    std::unique_ptr<identity::IdentityService> m_identity;
    std::unique_ptr<http::HttpService> m_http;
    std::optional<AdminCredentials> m_createdAdmin;
    QString m_jwtSecret;
    quint16 m_port = 0;
};

// Builds a database URL for a connection spec (used for the embedded PostgreSQL).
QString databaseUrlForSocket(const QString &socketDir, const QString &user, const QString &database);

} // namespace fd::app
