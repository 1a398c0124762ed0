#include "server/infra/db/preparedqueries.h"

#include "server/infra/db/sqlsupport.h"

#include <QHash>

#include <memory>

namespace fd::infra {

namespace {

// Dynamic filters make a bounded family of statements; past this many a connection starts afresh rather
// than grow without end.
constexpr qsizetype kMaxStatementsPerConnection = 512;

using Statements = QHash<QString, std::shared_ptr<QSqlQuery>>;
thread_local QHash<QString, Statements> t_statements;

} // namespace

Result<QSqlQuery *> preparedQuery(QSqlDatabase &db, const QString &sql)
{
    Statements &statements = t_statements[db.connectionName()];
    if (const auto found = statements.constFind(sql); found != statements.constEnd())
        return found->get();
    if (statements.size() >= kMaxStatementsPerConnection)
        statements.clear();
    auto query = std::make_shared<QSqlQuery>(db);
    if (!query->prepare(sql))
        return sqlFailure(*query);
    statements.insert(sql, query);
    return query.get();
}

void forgetPreparedQueries(const QString &connectionName)
{
    t_statements.remove(connectionName);
}

} // namespace fd::infra
