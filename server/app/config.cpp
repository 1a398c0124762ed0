#include "server/app/config.h"

#include <QDir>
#include <QFile>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QThread>

#include <functional>
#include <limits>
#include <unistd.h>

namespace fd::app {
namespace {

using Apply = std::function<std::optional<QString>(Config &, const QString &)>; // returns an error text

struct Setting
{
    QString key; // file key; the environment variable is FAIRDROP_ + key upper-cased with '.' -> '_'
    Apply apply;
};

Apply integer(qint64 Limits::*member, qint64 min, qint64 max)
{
    return [=](Config &config, const QString &text) -> std::optional<QString> {
        bool ok = false;
        const qint64 value = text.trimmed().toLongLong(&ok);
        if (!ok || value < min || value > max)
            return QStringLiteral("must be a whole number from %1 to %2").arg(min).arg(max);
        config.limits.*member = value;
        return std::nullopt;
    };
}

Apply text(QString Config::*member)
{
    return [=](Config &config, const QString &value) -> std::optional<QString> {
        config.*member = value;
        return std::nullopt;
    };
}

std::optional<QString> applyListen(Config &config, const QString &value)
{
    const qsizetype colon = value.lastIndexOf(u':');
    if (colon < 0)
        return QStringLiteral("must be HOST:PORT, e.g. 127.0.0.1:8080");
    QString host = value.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint port = value.mid(colon + 1).toUInt(&ok);
    if (!ok || port > 65535)
        return QStringLiteral("has an invalid port (0..65535)");
    QHostAddress address;
    if (host == QLatin1StringView("localhost"))
        address = QHostAddress::LocalHost;
    else if (host.isEmpty() || host == QLatin1StringView("*"))
        address = QHostAddress::AnyIPv4;
    else if (!address.setAddress(host))
        return QStringLiteral("has an invalid host address: ") + host;
    config.listenAddress = address;
    config.listenPort = quint16(port);
    return std::nullopt;
}

Apply flag(bool Config::*member)
{
    return [=](Config &config, const QString &value) -> std::optional<QString> {
        const QString lower = value.trimmed().toLower();
        if (lower == QLatin1StringView("true") || lower == QLatin1StringView("1"))
            config.*member = true;
        else if (lower == QLatin1StringView("false") || lower == QLatin1StringView("0"))
            config.*member = false;
        else
            return QStringLiteral("must be true or false");
        return std::nullopt;
    };
}

Apply boundedInt(int Config::*member, int min, int max)
{
    return [=](Config &config, const QString &value) -> std::optional<QString> {
        bool ok = false;
        const int number = value.trimmed().toInt(&ok);
        if (!ok || number < min || number > max)
            return QStringLiteral("must be a whole number from %1 to %2").arg(min).arg(max);
        config.*member = number;
        return std::nullopt;
    };
}

Apply cidrList(QStringList Config::*member)
{
    return [=](Config &config, const QString &value) -> std::optional<QString> {
        QStringList cidrs;
        for (const QString &part : value.split(u',', Qt::SkipEmptyParts)) {
            const QString cidr = part.trimmed();
            if (QHostAddress::parseSubnet(cidr).first.isNull())
                return QStringLiteral("has an invalid address or CIDR: ") + cidr;
            cidrs.append(cidr);
        }
        config.*member = cidrs;
        return std::nullopt;
    };
}

const QList<Setting> &settings()
{
    static const QList<Setting> all = [] {
        constexpr qint64 kMax = std::numeric_limits<int>::max();
        QList<Setting> list{
            {QStringLiteral("listen"), applyListen},
            {QStringLiteral("data_dir"), text(&Config::dataDir)},
            {QStringLiteral("threads"), boundedInt(&Config::threads, 0, 256)},
            {QStringLiteral("db_pool_size"), boundedInt(&Config::dbPoolSize, 0, 512)},
            {QStringLiteral("database_url"), text(&Config::databaseUrl)},
            {QStringLiteral("redis_url"), text(&Config::redisUrl)},
            {QStringLiteral("runtime_user"), text(&Config::runtimeUser)},
            {QStringLiteral("admin_email"), text(&Config::adminEmail)},
            {QStringLiteral("admin_password"), text(&Config::adminPassword)},
            {QStringLiteral("jwt_secret"), text(&Config::jwtSecret)},
            {QStringLiteral("log_format"),
             [](Config &config, const QString &value) -> std::optional<QString> {
                 if (value != QLatin1StringView("json") && value != QLatin1StringView("text"))
                     return QStringLiteral("must be json or text");
                 config.logFormat = value;
                 return std::nullopt;
             }},
            {QStringLiteral("shutdown_grace_ms"),
             [](Config &config, const QString &value) -> std::optional<QString> {
                 bool ok = false;
                 const qint64 number = value.toLongLong(&ok);
                 if (!ok || number < 0 || number > 600'000)
                     return QStringLiteral("must be a whole number from 0 to 600000");
                 config.shutdownGraceMs = number;
                 return std::nullopt;
             }},
            {QStringLiteral("metrics_allow"), cidrList(&Config::metricsAllow)},
            {QStringLiteral("trusted_proxies"), cidrList(&Config::trustedProxies)},
            {QStringLiteral("sign_in_limits_open_when_redis_down"),
             flag(&Config::signInLimitsOpenWhenRedisDown)},
            {QStringLiteral("request_limits_open_when_redis_down"),
             flag(&Config::requestLimitsOpenWhenRedisDown)},
            {QStringLiteral("limit.body_bytes"), integer(&Limits::bodyBytes, 1024, 64 << 20)},
            {QStringLiteral("limit.header_bytes"), integer(&Limits::headerBytes, 1024, 1 << 20)},
            {QStringLiteral("limit.connections"), integer(&Limits::connections, 1, 1'000'000)},
            {QStringLiteral("limit.idle_timeout_ms"), integer(&Limits::idleTimeoutMs, 100, 3'600'000)},
            {QStringLiteral("limit.request_timeout_ms"), integer(&Limits::requestTimeoutMs, 100, 3'600'000)},
            {QStringLiteral("limit.handler_timeout_ms"), integer(&Limits::handlerTimeoutMs, 100, 3'600'000)},
            {QStringLiteral("limit.inflight_per_node"), integer(&Limits::inflightPerNode, 1, 1'000'000)},
            {QStringLiteral("limit.login_per_account_per_minute"),
             integer(&Limits::loginPerAccountPerMinute, 1, kMax)},
            {QStringLiteral("limit.login_per_ip_per_minute"), integer(&Limits::loginPerIpPerMinute, 1, kMax)},
            {QStringLiteral("limit.signup_per_ip_per_hour"), integer(&Limits::signupPerIpPerHour, 1, kMax)},
            {QStringLiteral("limit.user_writes_per_second"), integer(&Limits::userWritesPerSecond, 1, kMax)},
            {QStringLiteral("limit.reserve_per_product_per_second"),
             integer(&Limits::reservePerProductPerSecond, 1, kMax)},
            {QStringLiteral("limit.hold_units_per_user"), integer(&Limits::holdUnitsPerUser, 1, 1'000'000)},
            {QStringLiteral("limit.global_per_second"), integer(&Limits::globalPerSecond, 1, kMax)},
            {QStringLiteral("limit.reservation_ttl_seconds"),
             integer(&Limits::reservationTtlSeconds, 1, 86400)},
            {QStringLiteral("limit.idempotency_ttl_seconds"),
             integer(&Limits::idempotencyTtlSeconds, 60, 7 * 86400)},
            {QStringLiteral("limit.unverified_seller_products"),
             integer(&Limits::unverifiedSellerProducts, 0, 1'000'000)},
            {QStringLiteral("limit.verified_seller_products"),
             integer(&Limits::verifiedSellerProducts, 0, 1'000'000)},
            {QStringLiteral("limit.hashing_backlog"), integer(&Limits::hashingBacklog, 1, 1'000'000)},
            {QStringLiteral("limit.moderation_claim_seconds"),
             integer(&Limits::moderationClaimSeconds, 1, 86400)},
        };
        return list;
    }();
    return all;
}

QString environmentName(const QString &key)
{
    QString name = QStringLiteral("FAIRDROP_") + key.toUpper();
    name.replace(u'.', u'_');
    return name;
}

const Setting *findSetting(const QString &key)
{
    for (const Setting &setting : settings()) {
        if (setting.key == key)
            return &setting;
    }
    return nullptr;
}

std::optional<Error> applyOne(Config &config, const QString &key, const QString &value, const QString &source)
{
    const Setting *setting = findSetting(key);
    if (!setting)
        return Error{ErrorCode::BadRequest, QStringLiteral("unknown setting '%1' in %2").arg(key, source)};
    if (auto problem = setting->apply(config, value))
        return Error{ErrorCode::BadRequest,
                     QStringLiteral("setting %1 (from %2) %3").arg(key, source, *problem)};
    return std::nullopt;
}

std::optional<Error> applyFile(Config &config, const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return Error{ErrorCode::BadRequest,
                     QStringLiteral("cannot read config file %1: %2").arg(path, file.errorString())};
    int lineNumber = 0;
    while (!file.atEnd()) {
        ++lineNumber;
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const qsizetype equals = line.indexOf(u'=');
        const QString source = QStringLiteral("%1:%2").arg(path).arg(lineNumber);
        if (equals <= 0)
            return Error{ErrorCode::BadRequest, QStringLiteral("%1: expected key = value").arg(source)};
        if (auto error =
                applyOne(config, line.left(equals).trimmed(), line.mid(equals + 1).trimmed(), source))
            return error;
    }
    return std::nullopt;
}

} // namespace

int Config::effectiveThreads() const
{
    return threads > 0 ? threads : qMax(1, QThread::idealThreadCount());
}

int Config::effectiveDbPoolSize() const
{
    return dbPoolSize > 0 ? dbPoolSize : qMax(4, 2 * QThread::idealThreadCount());
}

QString defaultDataDir()
{
    if (::geteuid() == 0)
        return QStringLiteral("/var/lib/fairdrop");
    const QString xdg = qEnvironmentVariable("XDG_DATA_HOME");
    const QString base = xdg.isEmpty() ? QDir::homePath() + QStringLiteral("/.local/share") : xdg;
    return base + QStringLiteral("/fairdrop");
}

QHash<QString, QString> processEnvironment()
{
    QHash<QString, QString> environment;
    const QProcessEnvironment system = QProcessEnvironment::systemEnvironment();
    for (const QString &name : system.keys())
        environment.insert(name, system.value(name));
    return environment;
}

Result<Config> ConfigLoader::load() const
{
    Config config;
    QString file = m_configFile;
    if (file.isEmpty())
        file = m_environment.value(QStringLiteral("FAIRDROP_CONFIG"));
    if (!file.isEmpty()) {
        if (auto error = applyFile(config, file))
            return *error;
    }
    for (const Setting &setting : settings()) {
        const QString name = environmentName(setting.key);
        const auto found = m_environment.constFind(name);
        if (found == m_environment.cend())
            continue;
        if (auto error = applyOne(config, setting.key, *found, name))
            return *error;
    }
    for (auto it = m_flags.cbegin(); it != m_flags.cend(); ++it) {
        if (auto error = applyOne(config, it.key(), it.value(), QStringLiteral("--") + it.key()))
            return *error;
    }
    if (config.dataDir.isEmpty())
        config.dataDir = defaultDataDir();
    config.dataDir = QDir(config.dataDir).absolutePath();
    return config;
}

QList<std::pair<QString, QString>> ConfigLoader::settingNames()
{
    QList<std::pair<QString, QString>> names;
    for (const Setting &setting : settings())
        names.append({setting.key, environmentName(setting.key)});
    return names;
}

} // namespace fd::app
