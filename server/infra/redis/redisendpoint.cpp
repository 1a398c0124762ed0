#include "server/infra/redis/redisendpoint.h"

#include <QFile>
#include <QUrl>
#include <QUrlQuery>

#include <optional>

namespace fd::infra {
namespace {

fd::Error invalid(const QString &message)
{
    return fd::Error{fd::ErrorCode::BadRequest, message};
}

// Only plain decimal digits: QString::toInt() would also take "+1" or " 1", which no Redis URL spells.
std::optional<int> parseDatabase(const QString &text)
{
    if (text.isEmpty() || text.size() > 9)
        return std::nullopt;
    for (const QChar c : text) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
    }
    return text.toInt();
}

} // namespace

fd::Result<RedisEndpoint> RedisEndpoint::fromUrl(const QString &text)
{
    if (text.trimmed().isEmpty())
        return invalid(QStringLiteral("redis URL is empty"));
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid())
        return invalid(QStringLiteral("redis URL is malformed (%1)").arg(url.errorString()));
    if (url.hasFragment())
        return invalid(QStringLiteral("redis URL must not have a #fragment"));

    RedisEndpoint endpoint;
    const QString scheme = url.scheme();
    if (scheme == QLatin1StringView("unix")) {
        // Only the database can be chosen: a local socket is protected by file permissions, not by AUTH.
        if (!url.host().isEmpty() || !url.userInfo().isEmpty() || url.port() != -1)
            return invalid(QStringLiteral("unix socket URL must look like unix:///path/to/redis.sock"));
        if (!url.path().startsWith(u'/') || url.path().endsWith(u'/'))
            return invalid(QStringLiteral("unix socket URL names no absolute socket path"));
        endpoint.unixSocket = url.path();
        // hiredis 0.14 silently truncates longer paths to fit sockaddr_un and would connect elsewhere.
        if (QFile::encodeName(endpoint.unixSocket).size() > 107)
            return invalid(QStringLiteral("unix socket path is longer than 107 bytes"));
        const QUrlQuery query(url);
        for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
            if (key != QLatin1StringView("db"))
                return invalid(
                    QStringLiteral("unix socket URL has unknown option '%1' (only db is known)").arg(key));
            const auto database = parseDatabase(value);
            if (!database)
                return invalid(
                    QStringLiteral("redis database must be a non-negative number, not '%1'").arg(value));
            endpoint.database = *database;
        }
        return endpoint;
    }

    if (scheme == QLatin1StringView("rediss"))
        return invalid(QStringLiteral("redis over TLS (rediss://) is not supported"));
    if (scheme != QLatin1StringView("redis"))
        return invalid(QStringLiteral("redis URL must start with redis:// or unix://, not '%1'").arg(scheme));
    if (url.host().isEmpty())
        return invalid(QStringLiteral("redis URL names no host"));
    if (url.port() == 0)
        return invalid(QStringLiteral("redis URL port must be 1-65535"));
    if (url.hasQuery())
        return invalid(QStringLiteral("redis URL takes no options; give the database as redis://host/N"));
    // AUTH with a password alone logs in as the "default" user; ACL users would need AUTH user password,
    // which we do not send, so refuse them instead of failing to log in at run time.
    const QString user = url.userName();
    if (!user.isEmpty() && user != QLatin1StringView("default"))
        return invalid(
            QStringLiteral("redis URL user '%1' is not supported; use redis://:password@host").arg(user));

    endpoint.host = url.host();
    endpoint.port = quint16(url.port(6379));
    endpoint.password = url.password().toUtf8();
    const QString path = url.path();
    if (!path.isEmpty() && path != QLatin1StringView("/")) {
        const auto database = parseDatabase(path.mid(1));
        if (!database)
            return invalid(
                QStringLiteral("redis database must be a non-negative number, not '%1'").arg(path.mid(1)));
        endpoint.database = *database;
    }
    return endpoint;
}

QString RedisEndpoint::display() const
{
    if (!unixSocket.isEmpty()) {
        if (database == 0)
            return QStringLiteral("unix://") + unixSocket;
        return QStringLiteral("unix://%1?db=%2").arg(unixSocket).arg(database);
    }
    const QString shownHost = host.contains(u':') ? QStringLiteral("[%1]").arg(host) : host;
    return QStringLiteral("redis://%1:%2/%3").arg(shownHost).arg(port).arg(database);
}

} // namespace fd::infra
