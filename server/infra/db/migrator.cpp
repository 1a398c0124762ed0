#include "server/infra/db/migrator.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

Q_LOGGING_CATEGORY(lcMigrate, "fd.server.migrate")

namespace fd::infra {
namespace {

constexpr qint64 kAdvisoryLockKey = 0x66647369676e; // "fdsign": any constant shared by every node

Error sqlError(const QString &what, const QSqlError &error)
{
    return Error{ErrorCode::Internal, what + QStringLiteral(": ") + error.text()};
}

Result<QHash<int, QByteArray>> appliedChecksums(QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT version, checksum FROM schema_migrations")))
        return sqlError(QStringLiteral("reading schema_migrations"), query.lastError());
    QHash<int, QByteArray> applied;
    while (query.next())
        applied.insert(query.value(0).toInt(), query.value(1).toByteArray());
    return applied;
}

} // namespace

QList<Migration> Migration::builtIn()
{
    QList<Migration> migrations;
    static const QRegularExpression pattern(QStringLiteral("^(\\d{4})_([a-z0-9_]+)\\.sql$"));
    const QDir dir(QStringLiteral(":/sql"));
    for (const QString &file : dir.entryList(QDir::Files, QDir::Name)) {
        const auto match = pattern.match(file);
        if (!match.hasMatch())
            continue;
        QFile source(dir.filePath(file));
        if (!source.open(QIODevice::ReadOnly))
            continue;
        Migration migration;
        migration.version = match.captured(1).toInt();
        migration.name = match.captured(2);
        migration.sql = source.readAll();
        migration.checksum = QCryptographicHash::hash(migration.sql, QCryptographicHash::Sha256).toHex();
        migrations.append(migration);
    }
    return migrations;
}

Migrator::Migrator(QList<Migration> migrations) : m_migrations(std::move(migrations))
{
    std::sort(m_migrations.begin(), m_migrations.end(),
              [](const Migration &a, const Migration &b) { return a.version < b.version; });
}

int Migrator::latestVersion() const
{
    return m_migrations.isEmpty() ? 0 : m_migrations.last().version;
}

Result<int> Migrator::migrate(QSqlDatabase &db) const
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT pg_advisory_lock(%1)").arg(kAdvisoryLockKey)))
        return sqlError(QStringLiteral("taking the migration lock"), query.lastError());
    auto unlock = qScopeGuard(
        [&db] { QSqlQuery(db).exec(QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(kAdvisoryLockKey)); });
    if (!query.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations ("
                                   " version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,"
                                   " applied_at timestamptz NOT NULL DEFAULT now())")))
        return sqlError(QStringLiteral("creating schema_migrations"), query.lastError());
    auto applied = appliedChecksums(db);
    if (!applied)
        return applied.error();

    int count = 0;
    for (const Migration &migration : m_migrations) {
        const auto found = applied->constFind(migration.version);
        if (found != applied->cend()) {
            if (*found != migration.checksum)
                return Error{ErrorCode::Conflict,
                             QStringLiteral("migration %1_%2 was changed after it was applied; add a new "
                                            "migration instead")
                                 .arg(migration.version, 4, 10, QLatin1Char('0'))
                                 .arg(migration.name)};
            continue;
        }
        if (!db.transaction())
            return sqlError(QStringLiteral("starting a transaction"), db.lastError());
        QSqlQuery step(db);
        if (!step.exec(QString::fromUtf8(migration.sql))) {
            const QSqlError error = step.lastError();
            db.rollback();
            return sqlError(
                QStringLiteral("applying migration %1_%2").arg(migration.version).arg(migration.name), error);
        }
        step.prepare(
            QStringLiteral("INSERT INTO schema_migrations (version, name, checksum) VALUES (?, ?, ?)"));
        step.addBindValue(migration.version);
        step.addBindValue(migration.name);
        step.addBindValue(QString::fromLatin1(migration.checksum));
        if (!step.exec() || !db.commit()) {
            const QSqlError error = step.lastError().isValid() ? step.lastError() : db.lastError();
            db.rollback();
            return sqlError(QStringLiteral("recording migration %1").arg(migration.version), error);
        }
        qCInfo(lcMigrate).noquote() << "applied migration" << migration.version << migration.name;
        ++count;
    }
    return count;
}

Result<bool> Migrator::isCurrent(QSqlDatabase &db) const
{
    auto applied = appliedChecksums(db);
    if (!applied)
        return applied.error();
    for (const Migration &migration : m_migrations) {
        if (applied->value(migration.version) != migration.checksum)
            return false;
    }
    return true;
}

} // namespace fd::infra
