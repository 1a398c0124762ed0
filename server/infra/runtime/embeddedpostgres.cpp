#include "server/infra/runtime/embeddedpostgres.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <signal.h>

Q_DECLARE_LOGGING_CATEGORY(lcRuntime)

namespace fd::infra {
namespace {

constexpr char kSuperUser[] = "fairdrop";
constexpr char kDatabase[] = "fairdrop";

ConnectionSpec specFor(const QString &socketDir, const QString &database)
{
    ConnectionSpec spec;
    spec.host = socketDir;
    spec.port = 5432;
    spec.user = QLatin1StringView(kSuperUser);
    spec.database = database;
    spec.options = QStringLiteral("connect_timeout=2");
    return spec;
}

// Runs fn with a short-lived connection that is removed again afterwards.
template <typename Fn> auto withConnection(const ConnectionSpec &spec, Fn fn)
{
    const QString name = QStringLiteral("fd-runtime-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    auto result = [&] {
        QSqlDatabase db = spec.open(name);
        return fn(db);
    }();
    QSqlDatabase::removeDatabase(name);
    return result;
}

} // namespace

QString postgresBinary(const QString &name)
{
    for (const char *version : {"15", "16", "17"}) {
        const QString path =
            QStringLiteral("/usr/lib/postgresql/%1/bin/%2").arg(QLatin1StringView(version), name);
        if (QFile::exists(path))
            return path;
    }
    return name;
}

EmbeddedPostgres::EmbeddedPostgres(QString dataDir, RuntimeUser user, QObject *parent)
    : QObject(parent), m_dataDir(std::move(dataDir)), m_clusterDir(m_dataDir + QStringLiteral("/postgres")),
      m_socketDir(m_dataDir + QStringLiteral("/run")), m_user(std::move(user))
{}

Result<void> EmbeddedPostgres::initializeCluster()
{
    if (QFile::exists(m_clusterDir + QStringLiteral("/PG_VERSION")))
        return {};
    if (auto prepared = m_user.prepareDirectory(m_clusterDir); !prepared)
        return prepared;
    qCInfo(lcRuntime).noquote() << "initialising PostgreSQL cluster in" << m_clusterDir;
    QProcess initdb;
    initdb.setProcessChannelMode(QProcess::MergedChannels);
    initdb.setProgram(postgresBinary(QStringLiteral("initdb")));
    initdb.setArguments({QStringLiteral("-D"), m_clusterDir, QStringLiteral("-U"),
                         QLatin1StringView(kSuperUser), QStringLiteral("--auth=trust"),
                         QStringLiteral("--encoding=UTF8"), QStringLiteral("--locale=C.UTF-8"),
                         QStringLiteral("--no-instructions")});
    m_user.start(initdb);
    if (!initdb.waitForFinished(120'000) || initdb.exitStatus() != QProcess::NormalExit ||
        initdb.exitCode() != 0)
        return Error{ErrorCode::Internal,
                     QStringLiteral("initdb failed: ") + QString::fromLocal8Bit(initdb.readAll()).trimmed()};
    return {};
}

bool EmbeddedPostgres::acceptsConnections() const
{
    if (!QFile::exists(m_socketDir + QStringLiteral("/.s.PGSQL.5432")))
        return false;
    return withConnection(specFor(m_socketDir, QStringLiteral("postgres")),
                          [](QSqlDatabase &db) { return db.isOpen(); });
}

Result<void> EmbeddedPostgres::createDatabase()
{
    return withConnection(
        specFor(m_socketDir, QStringLiteral("postgres")), [](QSqlDatabase &db) -> Result<void> {
            QSqlQuery query(db);
            if (!query.exec(QStringLiteral("SELECT 1 FROM pg_database WHERE datname = '%1'")
                                .arg(QLatin1StringView(kDatabase))))
                return Error{ErrorCode::Internal, query.lastError().text()};
            if (query.next())
                return {};
            if (!query.exec(QStringLiteral("CREATE DATABASE %1").arg(QLatin1StringView(kDatabase))) &&
                query.lastError().nativeErrorCode() != QLatin1StringView("42P04")) // created meanwhile
                return Error{ErrorCode::Internal, query.lastError().text()};
            return {};
        });
}

Result<ConnectionSpec> EmbeddedPostgres::start()
{
    if (auto prepared = m_user.prepareDirectory(m_socketDir); !prepared)
        return prepared.error();
    if (auto initialised = initializeCluster(); !initialised)
        return initialised.error();
    // We hold the data-dir lock, so a live postmaster here is an orphan of a crashed run.
    stopOrphan(m_clusterDir + QStringLiteral("/postmaster.pid"), postgresBinary(QStringLiteral("postgres")),
               m_clusterDir, SIGINT);

    SupervisedProcess::Spec spec;
    spec.name = QStringLiteral("postgresql");
    spec.program = postgresBinary(QStringLiteral("postgres"));
    spec.arguments = {QStringLiteral("-D"), m_clusterDir,
                      QStringLiteral("-k"), m_socketDir,
                      QStringLiteral("-c"), QStringLiteral("listen_addresses="),
                      QStringLiteral("-c"), QStringLiteral("unix_socket_permissions=0700"),
                      QStringLiteral("-c"), QStringLiteral("max_connections=200"),
                      QStringLiteral("-c"), QStringLiteral("logging_collector=off"),
                      QStringLiteral("-c"), QStringLiteral("log_min_messages=warning")};
    spec.stopSignal = SIGINT; // fast shutdown: roll back open transactions, checkpoint, exit
    spec.isReady = [this] { return acceptsConnections(); };
    spec.readyTimeoutMs = 60'000;
    m_process = std::make_unique<SupervisedProcess>(spec, m_user);
    connect(m_process.get(), &SupervisedProcess::failed, this, &EmbeddedPostgres::failed);
    if (auto started = m_process->start(); !started)
        return started.error();
    if (auto created = createDatabase(); !created)
        return created.error();
    return specFor(m_socketDir, QLatin1StringView(kDatabase));
}

void EmbeddedPostgres::stop()
{
    if (m_process)
        m_process->stop();
}

} // namespace fd::infra
