#pragma once

#include "common/result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace fd::infra {

struct Migration
{
    int version = 0;
    QString name;
    QByteArray sql;
    QByteArray checksum; // SHA-256 hex of sql

    static QList<Migration> builtIn(); // the sql/NNNN_*.sql files compiled into the binary
};

// Applies migrations in order, each in its own transaction, under a PostgreSQL advisory lock so that
// several nodes starting at once apply each migration exactly once. An applied migration whose text
// changed is refused: history is never rewritten.
class Migrator
{
public:
    explicit Migrator(QList<Migration> migrations = Migration::builtIn());

    Result<int> migrate(QSqlDatabase &db) const; // returns how many were applied now
    // True when every known migration is applied and unchanged.
    Result<bool> isCurrent(QSqlDatabase &db) const;
    int latestVersion() const;

private:
    QList<Migration> m_migrations;
};

} // namespace fd::infra
