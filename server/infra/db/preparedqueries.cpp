#include "server/infra/db/preparedqueries.h"

#include "server/infra/db/sqlsupport.h"

#include <QHash>

namespace fd::infra {

namespace {

// Dynamic filters make a bounded family of statements; past this many a connection starts afresh rather
// than grow without end.
constexpr qsizetype kMaxStatementsPerConnection = 512;

using Statements = QHash<QString, std::shared_ptr<QSqlQuery>>;
// Per thread, like the pool's connections. Made after them, so destroyed before them: every statement is
// gone before its connection closes.
thread_local QHash<QString, Statements> t_statements;

} // namespace

Result<PreparedStatement> preparedQuery(QSqlDatabase &db, const QString &sql)
{
    const auto connection = t_statements.find(db.connectionName());
    if (connection == t_statements.end()) {
        auto query = std::make_unique<QSqlQuery>(db);
        if (!query->prepare(sql))
            return sqlFailure(*query);
        return PreparedStatement(std::move(query));
    }
    Statements &statements = *connection;
    if (const auto found = statements.constFind(sql); found != statements.constEnd())
        return PreparedStatement(found->get());
    if (statements.size() >= kMaxStatementsPerConnection)
        statements.clear();
    auto query = std::make_shared<QSqlQuery>(db);
    if (!query->prepare(sql))
        return sqlFailure(*query);
    statements.insert(sql, query);
    return PreparedStatement(query.get());
}

void keepPreparedStatements(const QString &connectionName)
{
    t_statements[connectionName].clear();
}

Result<PreparedStatement> executedQuery(QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    auto prepared = preparedQuery(db, sql);
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        return sqlFailure(query);
    return prepared;
}

} // namespace fd::infra
