#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QString>

namespace fd::infra {

// Where Redis is, parsed from redis://[user:password@]host[:port][/db] or unix:///path/to/redis.sock[?db=N].
struct RedisEndpoint
{
    QString unixSocket; // when set, host and port are ignored
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 6379;
    QByteArray password; // sent with AUTH; empty: no AUTH
    int database = 0;    // sent with SELECT when not 0

    static fd::Result<RedisEndpoint> fromUrl(const QString &url);
    QString display() const; // without the password: safe for logs
};

} // namespace fd::infra
