#include "server/infra/db/dbpool.h"

#include "server/infra/db/preparedqueries.h"

#include <QHash>
#include <QLoggingCategory>
#include <QSqlDriver>
#include <QSqlError>
#include <QThread>
#include <QVariant>

#include <libpq-fe.h>

Q_LOGGING_CATEGORY(lcDb, "fd.server.db")

namespace fd::infra {
namespace {

std::atomic<quint64> g_nextPoolId{1};

// The connections this thread holds, one per pool; closed when the thread ends.
struct ThreadConnections
{
    QHash<quint64, QSqlDatabase> byPool;
    ~ThreadConnections()
    {
        for (auto it = byPool.begin(); it != byPool.end(); ++it) {
            // The thread's prepared statements were made after its connections, so they are gone already.
            const QString name = it->connectionName();
            it->close();
            *it = QSqlDatabase();
            QSqlDatabase::removeDatabase(name);
        }
    }
};

thread_local ThreadConnections t_connections;

// libpq marks a connection bad once a query found the server gone (e.g. PostgreSQL restarted); Qt does not
// reopen it by itself.
bool connectionLost(const QSqlDatabase &db)
{
    if (!db.isOpen())
        return true;
    const QVariant handle = db.driver()->handle();
    if (qstrcmp(handle.typeName(), "PGconn*") != 0)
        return false;
    auto *connection = *static_cast<PGconn *const *>(handle.constData());
    return !connection || PQstatus(connection) == CONNECTION_BAD;
}

} // namespace

DbPool::DbPool(ConnectionSpec spec, int size) : m_spec(std::move(spec)), m_id(g_nextPoolId.fetch_add(1))
{
    m_pool.setMaxThreadCount(size);
    m_pool.setExpiryTimeout(-1); // keep threads, and so their connections, for the pool's lifetime
    m_pool.setObjectName(QStringLiteral("db-pool"));
}

DbPool::~DbPool()
{
    m_pool.waitForDone();
}

QSqlDatabase &DbPool::connection()
{
    auto found = t_connections.byPool.find(m_id);
    if (found == t_connections.byPool.end()) {
        const QString name =
            QStringLiteral("fd-db-%1-%2").arg(m_id).arg(quintptr(QThread::currentThreadId()));
        found = t_connections.byPool.insert(m_id, m_spec.open(name));
        keepPreparedStatements(name);
        if (!found->isOpen())
            qCWarning(lcDb).noquote()
                << "cannot connect to" << m_spec.display() << ":" << found->lastError().text();
    } else if (connectionLost(*found)) {
        qCInfo(lcDb).noquote() << "reconnecting to" << m_spec.display();
        keepPreparedStatements(found->connectionName()); // the old session's statements died with it
        found->close();
        found->open();
    }
    return *found;
}

} // namespace fd::infra
