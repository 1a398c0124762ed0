#pragma once

#include "server/infra/db/connectionspec.h"
#include "server/infra/runtime/supervisedprocess.h"

#include <memory>

namespace fd::infra {

// PostgreSQL 15 living under <dataDir>/postgres, reachable only through a Unix socket in <dataDir>/run.
class EmbeddedPostgres : public QObject
{
    Q_OBJECT
public:
    EmbeddedPostgres(QString dataDir, RuntimeUser user, QObject *parent = nullptr);

    // initdb on first run, stop a leftover postmaster, start, wait until it accepts, create the database.
    Result<ConnectionSpec> start();
    void stop();

Q_SIGNALS:
    void failed(const QString &message);

private:
    Result<void> initializeCluster();
    Result<void> createDatabase();
    bool acceptsConnections() const;

    QString m_dataDir;
    QString m_clusterDir;
    QString m_socketDir;
    RuntimeUser m_user;
    std::unique_ptr<SupervisedProcess> m_process;
};

QString postgresBinary(const QString &name); // e.g. "initdb" -> /usr/lib/postgresql/15/bin/initdb

} // namespace fd::infra
