// Migrations against a real PostgreSQL: ordered, recorded with checksums, applied once when several
// nodes migrate at the same time, and a changed applied migration is refused.
#include "server/infra/db/connectionspec.h"
#include "server/infra/db/migrator.h"
#include "tests/support/serverprocess.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QtConcurrent>

using namespace fd;
using namespace fd::test;

class MigratorTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void builtInMigrationsAreApplied();
    void appliesInOrderOnce();
    void concurrentNodesApplyEachOnce();
    void changedMigrationIsRefused();
    void failingMigrationLeavesNothingBehind();
    void cleanupTestCase();

private:
    QSqlDatabase connect(const QString &name, const QString &database);
    void resetScratch();

    DataDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
    infra::ConnectionSpec m_spec;
};

QSqlDatabase MigratorTest::connect(const QString &name, const QString &database)
{
    infra::ConnectionSpec spec = m_spec;
    spec.database = database;
    return spec.open(name);
}

void MigratorTest::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(m_dir.path());
    QVERIFY2(m_server->start(), m_server->output().constData());
    auto spec = infra::ConnectionSpec::fromUrl(m_dir.databaseUrl());
    QVERIFY(spec.ok());
    m_spec = *spec;
    QSqlDatabase admin = connect(QStringLiteral("admin"), QStringLiteral("fairdrop"));
    QVERIFY2(admin.isOpen(), qPrintable(admin.lastError().text()));
    QSqlQuery(admin).exec(QStringLiteral("CREATE DATABASE scratch"));
}

void MigratorTest::resetScratch()
{
    QSqlDatabase db = QSqlDatabase::database(QStringLiteral("scratch"));
    if (!db.isValid())
        db = connect(QStringLiteral("scratch"), QStringLiteral("scratch"));
    QVERIFY2(db.isOpen(), qPrintable(db.lastError().text()));
    QVERIFY(QSqlQuery(db).exec(QStringLiteral("DROP SCHEMA public CASCADE; CREATE SCHEMA public")));
}

static infra::Migration migration(int version, const char *name, const QByteArray &sql)
{
    infra::Migration m;
    m.version = version;
    m.name = QLatin1StringView(name);
    m.sql = sql;
    m.checksum = QCryptographicHash::hash(sql, QCryptographicHash::Sha256).toHex();
    return m;
}

void MigratorTest::builtInMigrationsAreApplied()
{
    QSqlDatabase db = connect(QStringLiteral("main"), QStringLiteral("fairdrop"));
    const infra::Migrator migrator;
    QVERIFY(migrator.latestVersion() >= 1);
    auto current = migrator.isCurrent(db);
    QVERIFY(current.ok());
    QVERIFY(*current);
    QSqlQuery query(db);
    QVERIFY(query.exec(QStringLiteral("SELECT count(*) FROM users WHERE role = 'admin'")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 1);
}

void MigratorTest::appliesInOrderOnce()
{
    resetScratch();
    QSqlDatabase db = QSqlDatabase::database(QStringLiteral("scratch"));
    // Listed out of order on purpose: 2 depends on 1.
    const infra::Migrator migrator({migration(2, "add_column", "ALTER TABLE things ADD COLUMN label text;"),
                                    migration(1, "things", "CREATE TABLE things (id int PRIMARY KEY);")});
    auto applied = migrator.migrate(db);
    QVERIFY2(applied.ok(), qPrintable(applied.ok() ? QString() : applied.error().detail));
    QCOMPARE(*applied, 2);
    auto again = migrator.migrate(db);
    QVERIFY(again.ok());
    QCOMPARE(*again, 0);
    QSqlQuery query(db);
    QVERIFY(query.exec(QStringLiteral("SELECT version FROM schema_migrations ORDER BY applied_at, version")));
    QList<int> versions;
    while (query.next())
        versions.append(query.value(0).toInt());
    QCOMPARE(versions, (QList<int>{1, 2}));
}

void MigratorTest::concurrentNodesApplyEachOnce()
{
    resetScratch();
    const QByteArray slow =
        "CREATE TABLE counted (id int); SELECT pg_sleep(0.3); INSERT INTO counted VALUES (1);";
    const infra::Migrator migrator({migration(1, "counted", slow)});
    const QString database = m_spec.database;
    auto node = [this, &migrator](int index) {
        infra::ConnectionSpec spec = m_spec;
        spec.database = QStringLiteral("scratch");
        const QString name = QStringLiteral("node-%1").arg(index);
        int applied = -1;
        {
            QSqlDatabase db = spec.open(name);
            auto result = migrator.migrate(db);
            applied = result.ok() ? *result : -1;
        }
        QSqlDatabase::removeDatabase(name);
        return applied;
    };
    QList<QFuture<int>> nodes;
    for (int i = 0; i < 4; ++i)
        nodes.append(QtConcurrent::run(node, i));
    int total = 0;
    for (auto &future : nodes) {
        QVERIFY(future.result() >= 0);
        total += future.result();
    }
    QCOMPARE(total, 1);
    QSqlQuery query(QSqlDatabase::database(QStringLiteral("scratch")));
    QVERIFY(query.exec(QStringLiteral("SELECT count(*) FROM counted")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 1);
}

void MigratorTest::changedMigrationIsRefused()
{
    resetScratch();
    QSqlDatabase db = QSqlDatabase::database(QStringLiteral("scratch"));
    QVERIFY(infra::Migrator({migration(1, "things", "CREATE TABLE things (id int);")}).migrate(db).ok());
    auto refused = infra::Migrator({migration(1, "things", "CREATE TABLE things (id bigint);")}).migrate(db);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().detail.contains(QStringLiteral("changed after it was applied")),
             qPrintable(refused.error().detail));
    auto current =
        infra::Migrator({migration(1, "things", "CREATE TABLE things (id bigint);")}).isCurrent(db);
    QVERIFY(current.ok());
    QVERIFY(!*current);
}

void MigratorTest::failingMigrationLeavesNothingBehind()
{
    resetScratch();
    QSqlDatabase db = QSqlDatabase::database(QStringLiteral("scratch"));
    auto failed =
        infra::Migrator({migration(1, "half", "CREATE TABLE half (id int); SELECT no_such_function();")})
            .migrate(db);
    QVERIFY(!failed.ok());
    QSqlQuery query(db);
    QVERIFY(
        query.exec(QStringLiteral("SELECT to_regclass('half') IS NULL, count(*) FROM schema_migrations")));
    QVERIFY(query.next());
    QVERIFY2(query.value(0).toBool(), "the failed migration's table must be rolled back");
    QCOMPARE(query.value(1).toInt(), 0);
}

void MigratorTest::cleanupTestCase()
{
    for (const QString &name : QSqlDatabase::connectionNames())
        QSqlDatabase::removeDatabase(name);
    m_server->terminate();
}

QTEST_GUILESS_MAIN(MigratorTest)
#include "tst_migrator.moc"
