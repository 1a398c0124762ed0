#pragma once

#include "common/result.h"

#include <QString>

class QSqlDatabase;

namespace fd::infra {

// Where PostgreSQL is: parsed from postgresql://user:password@host:port/dbname?host=/socket/dir
struct ConnectionSpec
{
    QString host; // a directory means a Unix socket
    int port = 5432;
    QString user;
    QString password;
    QString database;
    QString options; // extra libpq options, e.g. "connect_timeout=5"

    static Result<ConnectionSpec> fromUrl(const QString &url);
    // Opens a QPSQL connection under the given name in the calling thread.
    QSqlDatabase open(const QString &connectionName) const;
    QString display() const; // without the password
};

} // namespace fd::infra
