#include "server/app/servercontext.h"

#include "server/admin/adminroutes.h"
#include "server/audit/auditroutes.h"
#include "server/http/httppipeline.h"
#include "server/http/httpservice.h"
#include "server/http/iocontext.h"
#include "server/http/router.h"
#include "server/identity/identityroutes.h"
#include "server/identity/identityservice.h"
#include "server/identity/tokenauthenticator.h"
#include "server/infra/crypto/hashingpool.h"
#include "server/infra/db/dbpool.h"
#include "server/infra/db/migrator.h"
#include "server/infra/metrics/httpmetrics.h"
#include "server/infra/metrics/metricsregistry.h"
#include "server/infra/redis/redisclient.h"
#include "server/infra/redis/redisendpoint.h"
#include "server/infra/runtime/datadirlock.h"
#include "server/infra/runtime/embeddedpostgres.h"
#include "server/infra/runtime/embeddedredis.h"
#include "server/jobs/jobmetrics.h"
#include "server/jobs/jobworker.h"
#include "server/orders/orderrepository.h"
#include "server/orders/orderroutes.h"
#include "server/reservations/holdexpiry.h"
#include "server/reservations/holdmetrics.h"
#include "server/reservations/reservationroutes.h"
#include "server/service/serviceroutes.h"

#include <QDeadlineTimer>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlError>
#include <QThread>
#include <QUrlQuery>

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include <atomic>

Q_LOGGING_CATEGORY(lcServer, "fd.server")

namespace fd::app {
namespace {

void addPoolGauges(infra::MetricsRegistry &metrics, infra::DbPool &db,
                   std::shared_ptr<std::atomic<int>> redisUp)
{
    auto &pool = prometheus::BuildGauge()
                     .Name("fairdrop_db_pool_connections")
                     .Help("PostgreSQL pool threads by state")
                     .Register(metrics.registry());
    auto &size = pool.Add({{"state", "size"}});
    auto &busy = pool.Add({{"state", "busy"}});
    auto &queued = pool.Add({{"state", "queued"}});
    auto &redis = prometheus::BuildGauge()
                      .Name("fairdrop_redis_connections_up")
                      .Help("IO threads whose Redis connection is up")
                      .Register(metrics.registry())
                      .Add({});
    metrics.addCollectHook([&, redisUp, pool = &db] {
        size.Set(pool->size());
        busy.Set(pool->busy());
        queued.Set(pool->queued());
        redis.Set(redisUp->load());
    });
}

// Sampled at scrape: how many password hashes wait, and how many sign-ins found the queue full.
void addHashingMetrics(infra::MetricsRegistry &metrics, const infra::HashingPool &hashing)
{
    auto &backlog = prometheus::BuildGauge()
                        .Name("fairdrop_password_hash_backlog")
                        .Help("Password hashes waiting for a hashing thread")
                        .Register(metrics.registry())
                        .Add({});
    auto &refused = prometheus::BuildCounter()
                        .Name("fairdrop_password_hashes_refused_total")
                        .Help("Sign-ins answered 503 because the hashing backlog was full")
                        .Register(metrics.registry())
                        .Add({});
    auto &rescued = prometheus::BuildCounter()
                        .Name("fairdrop_password_hashes_rescued_total")
                        .Help("Hashes run at normal priority because the idle-priority threads were starved")
                        .Register(metrics.registry())
                        .Add({});
    // Hooks run one scrape at a time, so the last values seen need no lock of their own.
    metrics.addCollectHook([&backlog, &refused, &rescued, pool = &hashing, seenRefused = qint64(0),
                            seenRescued = qint64(0)]() mutable {
        backlog.Set(pool->backlog());
        refused.Increment(double(pool->refused() - seenRefused));
        seenRefused = pool->refused();
        rescued.Increment(double(pool->rescued() - seenRescued));
        seenRescued = pool->rescued();
    });
}

} // namespace

QString databaseUrlForSocket(const QString &socketDir, const QString &user, const QString &database)
{
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setUserName(user);
    url.setHost(QStringLiteral("localhost"));
    url.setPath(u'/' + database);
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("host"), socketDir);
    url.setQuery(query);
    return url.toString();
}

ServerContext::ServerContext(Config config, QObject *parent) : QObject(parent), m_config(std::move(config)) {}

ServerContext::~ServerContext()
{
    stop();
}

QUrl ServerContext::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    const QHostAddress &address = m_config.listenAddress;
    const bool any = address == QHostAddress::AnyIPv4 || address == QHostAddress::Any;
    url.setHost(any ? QStringLiteral("127.0.0.1") : address.toString());
    url.setPort(m_port);
    return url;
}

Result<void> ServerContext::startDatabase()
{
    if (m_databaseStarted)
        return {};
    if (auto runtime = startRuntime(); !runtime)
        return runtime;
    if (auto database = prepareDatabase(); !database)
        return database;
    m_databaseStarted = true;
    return {};
}

Result<void> ServerContext::start()
{
    if (auto database = startDatabase(); !database)
        return database;
    return startHttp();
}

Result<void> ServerContext::startRuntime()
{
    m_databaseUrl = m_config.databaseUrl;
    m_redisUrl = m_config.redisUrl;
    if (!m_config.embeddedDatabase() && !m_config.embeddedRedis())
        return {};
    m_lock = std::make_unique<infra::DataDirLock>();
    if (auto locked = m_lock->acquire(m_config.dataDir); !locked)
        return locked;
    auto user = infra::RuntimeUser::resolve(m_config.runtimeUser);
    if (!user)
        return user.error();
    if (m_config.embeddedDatabase()) {
        m_postgres = std::make_unique<infra::EmbeddedPostgres>(m_config.dataDir, *user);
        connect(m_postgres.get(), &infra::EmbeddedPostgres::failed, this, &ServerContext::fatalError);
        auto spec = m_postgres->start();
        if (!spec)
            return spec.error();
        m_databaseUrl = databaseUrlForSocket(spec->host, spec->user, spec->database);
    }
    if (m_config.embeddedRedis()) {
        m_redis = std::make_unique<infra::EmbeddedRedis>(m_config.dataDir, *user);
        connect(m_redis.get(), &infra::EmbeddedRedis::failed, this, &ServerContext::fatalError);
        auto url = m_redis->start();
        if (!url)
            return url.error();
        m_redisUrl = *url;
    }
    return {};
}

Result<void> ServerContext::prepareDatabase()
{
    auto spec = infra::ConnectionSpec::fromUrl(m_databaseUrl);
    if (!spec)
        return Error{ErrorCode::BadRequest, QStringLiteral("setting database_url: ") + spec.error().detail};
    m_migrator = std::make_unique<infra::Migrator>();
    const QString name = QStringLiteral("fd-startup");
    Result<void> outcome = [&]() -> Result<void> {
        QSqlDatabase db = spec->open(name);
        if (!db.isOpen())
            return Error{ErrorCode::ServiceUnavailable,
                         QStringLiteral("cannot connect to PostgreSQL at %1: %2")
                             .arg(spec->display(), db.lastError().text())};
        auto applied = m_migrator->migrate(db);
        if (!applied)
            return applied.error();
        auto admin = bootstrap::ensureAdmin(db, m_config.adminEmail, m_config.adminPassword);
        if (!admin)
            return admin.error();
        m_createdAdmin = *admin;
        auto secret = bootstrap::ensureJwtSecret(db, m_config.jwtSecret);
        if (!secret)
            return secret.error();
        m_jwtSecret = *secret;
        return {};
    }();
    QSqlDatabase::removeDatabase(name);
    if (!outcome)
        return outcome;
    m_db = std::make_unique<infra::DbPool>(*spec, m_config.effectiveDbPoolSize());
    return {};
}

Result<void> ServerContext::startHttp()
{
    auto redisEndpoint = infra::RedisEndpoint::fromUrl(m_redisUrl);
    if (!redisEndpoint)
        return Error{ErrorCode::BadRequest,
                     QStringLiteral("setting redis_url: ") + redisEndpoint.error().detail};

    m_metrics = std::make_unique<infra::MetricsRegistry>();
    auto redisUp = std::make_shared<std::atomic<int>>(0);
    addPoolGauges(*m_metrics, *m_db, redisUp);
    m_catalogMetrics = std::make_unique<catalog::CatalogMetrics>(m_metrics->registry());
    m_holdMetrics = std::make_unique<reservations::HoldMetrics>(m_metrics->registry());

    identity::TokenSettings tokens;
    tokens.signingKey = m_jwtSecret.toUtf8();
    m_hashing = std::make_unique<infra::HashingPool>(qMax(1, QThread::idealThreadCount() / 2),
                                                     int(m_config.limits.hashingBacklog));
    addHashingMetrics(*m_metrics, *m_hashing);
    m_identity = std::make_unique<identity::IdentityService>(identity::TokenIssuer(tokens));

    auto router = std::make_shared<http::Router>();
    service::registerRoutes(
        *router, service::ServiceDeps{m_db.get(), m_migrator.get(), m_metrics.get(), m_config.metricsAllow});
    if (!m_config.workerOnly) {
        identity::registerRoutes(*router, identityDeps());
        admin::registerRoutes(*router, admin::AdminDeps{m_db.get(), identityDeps().trustedProxies});
        audit::registerRoutes(*router, m_db.get());
        catalog::registerRoutes(*router, catalogDeps());
        reservations::registerRoutes(*router, holdsDeps());
        orders::registerRoutes(*router, orders::OrdersDeps{holdsDeps(), identityDeps().trustedProxies,
                                                           m_config.limits.idempotencyTtlSeconds});
    }

    http::PipelineSettings settings;
    const Limits &limits = m_config.limits;
    settings.connection.maxBodyBytes = limits.bodyBytes;
    settings.connection.maxHeaderBytes = limits.headerBytes;
    settings.connection.maxConnections = int(limits.connections);
    settings.connection.idleTimeoutMs = int(limits.idleTimeoutMs);
    settings.connection.requestReadTimeoutMs = int(limits.requestTimeoutMs);
    settings.maxInFlight = int(limits.inflightPerNode);
    settings.handlerTimeoutMs = int(limits.handlerTimeoutMs);
    const bool requestsOpen = m_config.requestLimitsOpenWhenRedisDown;
    settings.globalLimit = infra::RateLimitPolicy{"global", limits.globalPerSecond, 1000, requestsOpen};
    settings.userWriteLimit =
        infra::RateLimitPolicy{"user-writes", limits.userWritesPerSecond, 1000, requestsOpen};
    settings.idempotency.replayTtlMs = limits.idempotencyTtlSeconds * 1000;
    // A claim must outlive the slowest answer, or a retry could run the request a second time.
    settings.idempotency.runningTtlMs = limits.handlerTimeoutMs + 30'000;
    auto pipeline = std::make_shared<http::HttpPipeline>(
        router, settings, std::make_shared<infra::HttpMetrics>(*m_metrics),
        std::make_shared<identity::TokenAuthenticator>(tokens, m_db.get()));

    const infra::RedisEndpoint endpoint = *redisEndpoint;
    m_http = std::make_unique<http::HttpService>(pipeline, [endpoint, redisUp](http::IoContext &context) {
        auto *redis = new infra::RedisClient(endpoint, &context);
        QObject::connect(redis, &infra::RedisClient::connectionChanged, redis,
                         [redisUp](bool up) { redisUp->fetch_add(up ? 1 : -1); });
        context.setRedis(redis);
        redis->connectToServer();
    });
    auto port = m_http->start(m_config.listenAddress, m_config.listenPort, m_config.effectiveThreads());
    if (!port)
        return port.error();
    m_port = *port;
    // Announce the node only once its IO threads reach Redis (or after a bounded wait, if Redis is down:
    // readiness then reports it), so the first sign-ins are not refused by limits that cannot be checked.
    QDeadlineTimer redisDeadline(5000);
    while (redisUp->load() < m_config.effectiveThreads() && !redisDeadline.hasExpired())
        QThread::msleep(5);
    if (redisUp->load() < m_config.effectiveThreads())
        qCWarning(lcServer).noquote() << "serving without Redis on every IO thread; see /readyz";
    if (m_config.runsWorker())
        startWorker(endpoint);
    return {};
}

// Background jobs on this node: every node may run a worker; they share the stream's work.
void ServerContext::startWorker(const infra::RedisEndpoint &endpoint)
{
    m_jobMetrics = std::make_unique<jobs::JobMetrics>(m_metrics->registry());
    m_workerThread = std::make_unique<QThread>();
    m_workerThread->setObjectName(QStringLiteral("fd-jobs"));
    m_worker = new jobs::JobWorker(endpoint, jobs::WorkerSettings{}, m_jobMetrics.get());
    const reservations::HoldsDeps holds = holdsDeps();
    // Orders first: their holds lapse with them, and the plain-hold pass skips holds in orders.
    const QList<reservations::ExpiryStep> steps{
        [](QSqlDatabase &db, int batch) { return orders::OrderRepository(db).expireDue(batch); },
        [](QSqlDatabase &db, int batch) { return reservations::ReservationRepository(db).expireDue(batch); }};
    m_worker->handle(QStringLiteral("holds.sweep"),
                     [holds, steps](const jobs::Job &, const jobs::JobContext &at, jobs::JobDone done) {
                         reservations::sweepExpiredHolds(holds, steps, at.redis, at.context, std::move(done));
                     });
    m_worker->every(QStringLiteral("holds.sweep"), 1000);
    infra::DbPool *db = m_db.get();
    m_worker->handle(QStringLiteral("idempotency.prune"), [db](const jobs::Job &, const jobs::JobContext &at,
                                                               jobs::JobDone done) {
        db->run<Result<void>>(
            at.context,
            [](QSqlDatabase &connection) { return orders::OrderRepository(connection).pruneAnswers(); },
            std::move(done));
    });
    m_worker->every(QStringLiteral("idempotency.prune"), 3600 * 1000);
    m_worker->moveToThread(m_workerThread.get());
    m_workerThread->start();
    QMetaObject::invokeMethod(m_worker, &jobs::JobWorker::start, Qt::QueuedConnection);
}

void ServerContext::stopWorker()
{
    if (!m_workerThread)
        return;
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { delete worker; }, Qt::BlockingQueuedConnection);
    m_worker = nullptr;
    m_workerThread->quit();
    m_workerThread->wait();
    m_workerThread.reset();
}

identity::IdentityDeps ServerContext::identityDeps() const
{
    identity::IdentityDeps deps;
    deps.db = m_db.get();
    deps.hashing = m_hashing.get();
    deps.service = m_identity.get();
    const Limits &limits = m_config.limits;
    deps.limits.loginPerAccount.limit = limits.loginPerAccountPerMinute;
    deps.limits.loginPerIp.limit = limits.loginPerIpPerMinute;
    deps.limits.signupPerIp.limit = limits.signupPerIpPerHour;
    for (infra::RateLimitPolicy *policy :
         {&deps.limits.loginPerAccount, &deps.limits.loginPerIp, &deps.limits.signupPerIp})
        policy->openWhenRedisDown = m_config.signInLimitsOpenWhenRedisDown;
    for (const QString &cidr : m_config.trustedProxies)
        deps.trustedProxies.append(QHostAddress::parseSubnet(cidr));
    return deps;
}

catalog::CatalogDeps ServerContext::catalogDeps() const
{
    catalog::CatalogDeps deps;
    deps.db = m_db.get();
    deps.trustedProxies = identityDeps().trustedProxies;
    const Limits &limits = m_config.limits;
    deps.metrics = m_catalogMetrics.get();
    deps.settings = {limits.unverifiedSellerProducts, limits.verifiedSellerProducts,
                     limits.moderationClaimSeconds};
    deps.productChanged = [](QObject *ioContext, const QUuid &productId) {
        reservations::HoldStore::forget(static_cast<http::IoContext *>(ioContext)->redis(), productId);
    };
    return deps;
}

reservations::HoldsDeps ServerContext::holdsDeps() const
{
    reservations::HoldsDeps deps;
    deps.db = m_db.get();
    deps.ttlSeconds = m_config.limits.reservationTtlSeconds;
    deps.policy.reservesPerSecond = m_config.limits.reservePerProductPerSecond;
    deps.policy.maxUnitsPerUser = int(m_config.limits.holdUnitsPerUser);
    // The state outlives every hold in it, so an idle product's state never drops a live hold's units.
    deps.policy.stateLifetimeMs = qMax<qint64>(30 * 60, 2 * deps.ttlSeconds) * 1000;
    deps.metrics = m_holdMetrics.get();
    return deps;
}

void ServerContext::stop()
{
    stopWorker();
    if (m_http) {
        // Worker pools finish while the IO threads still run, so every result reaches a live event loop.
        m_http->stop(int(m_config.shutdownGraceMs), [this] {
            constexpr int kPoolGraceMs = 5000;
            if (m_hashing)
                m_hashing->waitForDone(kPoolGraceMs);
            if (m_db && !m_db->waitForDone(kPoolGraceMs))
                qCWarning(lcServer) << "database work still running at shutdown";
        });
        m_http.reset();
    }
    m_hashing.reset();
    m_identity.reset();
    m_db.reset();
    if (m_redis)
        m_redis->stop();
    if (m_postgres)
        m_postgres->stop();
    m_redis.reset();
    m_postgres.reset();
    m_lock.reset();
    m_databaseStarted = false;
}

} // namespace fd::app
