#pragma once

#include "common/result.h"

#include <QHash>
#include <QHostAddress>
#include <QString>
#include <QStringList>

namespace fd::app {

// Every limit of the API contract; each has a FAIRDROP_LIMIT_<NAME> variable and a `limit.<name>` file key.
struct Limits
{
    qint64 bodyBytes = 1 << 20;
    qint64 headerBytes = 32 * 1024;
    qint64 connections = 10000;
    qint64 idleTimeoutMs = 60'000;
    qint64 requestTimeoutMs = 30'000;
    qint64 handlerTimeoutMs = 30'000;
    qint64 inflightPerNode = 1024;
    qint64 loginPerAccountPerMinute = 7;
    qint64 loginPerIpPerMinute = 30;
    qint64 signupPerIpPerHour = 3;
    qint64 userWritesPerSecond = 10;
    qint64 reservePerProductPerSecond = 1000;
    qint64 holdUnitsPerUser = 10; // units one user may hold of one product
    qint64 globalPerSecond = 1000;
    qint64 reservationTtlSeconds = 900;
    qint64 idempotencyTtlSeconds = 86400;
    qint64 unverifiedSellerProducts = 3;
    qint64 verifiedSellerProducts = 100;
    qint64 moderationClaimSeconds = 1800;
    qint64 hashingBacklog = 128; // password hashes waiting per node before sign-ins get 503
};

struct Config
{
    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 listenPort = 8080;
    QString dataDir;     // default: $XDG_DATA_HOME/fairdrop (root: /var/lib/fairdrop)
    int threads = 0;     // 0: one IO thread per core
    int dbPoolSize = 0;  // 0: twice the cores, at least 4
    QString databaseUrl; // empty: embedded PostgreSQL under dataDir
    QString redisUrl;    // empty: embedded Redis under dataDir
    QString runtimeUser = QStringLiteral("fairdrop"); // who runs embedded children when we are root
    QString adminEmail;
    QString adminPassword;
    QString jwtSecret; // empty: generated once and kept in the database
    QString logFormat = QStringLiteral("json");
    qint64 shutdownGraceMs = 10'000;
    QStringList metricsAllow;   // CIDRs allowed to scrape /metrics; empty: everyone
    QStringList trustedProxies; // CIDRs whose X-Forwarded-For is believed; empty: none
    // What limits do when Redis cannot be asked: sign-in limits refuse (so a Redis outage cannot open the
    // door to password guessing), the global and per-user limits let requests through (reads stay up).
    bool signInLimitsOpenWhenRedisDown = false;
    bool requestLimitsOpenWhenRedisDown = true;
    Limits limits;

    // serve --with-worker, or `worker`: this process runs background jobs.
    bool withWorker = false;
    // `worker`: background jobs and the service endpoints (health, metrics), no API.
    bool workerOnly = false;
    // Embedded setups run their jobs in-process unless told otherwise.
    bool runsWorker() const { return withWorker || workerOnly || embeddedDatabase() || embeddedRedis(); }
    bool embeddedDatabase() const { return databaseUrl.isEmpty(); }
    bool embeddedRedis() const { return redisUrl.isEmpty(); }
    int effectiveThreads() const;
    int effectiveDbPoolSize() const;
};

QString defaultDataDir();

// Layers: defaults < config file < FAIRDROP_* environment < command-line flags. Fails on the first
// invalid value, naming the setting and where it came from.
class ConfigLoader
{
public:
    // Values given on the command line, keyed like the file keys ("listen", "data_dir", ...).
    void setFlag(const QString &key, const QString &value) { m_flags.insert(key, value); }
    void setConfigFile(const QString &path) { m_configFile = path; }
    void setEnvironment(const QHash<QString, QString> &environment) { m_environment = environment; }

    Result<Config> load() const;

    // Names of every file key with its environment variable, for --help and the docs.
    static QList<std::pair<QString, QString>> settingNames();

private:
    QString m_configFile;
    QHash<QString, QString> m_flags;
    QHash<QString, QString> m_environment;
};

QHash<QString, QString> processEnvironment();

} // namespace fd::app
