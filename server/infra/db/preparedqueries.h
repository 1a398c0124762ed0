#pragma once

#include "common/result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <memory>

namespace fd::infra {

// A prepared statement: kept by its connection's cache, or owned for one use on other connections.
class PreparedStatement
{
public:
    explicit PreparedStatement(QSqlQuery *cached) : m_query(cached) {}
    explicit PreparedStatement(std::unique_ptr<QSqlQuery> owned)
        : m_owned(std::move(owned)), m_query(m_owned.get())
    {}

    QSqlQuery &operator*() const { return *m_query; }
    QSqlQuery *operator->() const { return m_query; }

private:
    std::unique_ptr<QSqlQuery> m_owned;
    QSqlQuery *m_query = nullptr;
};

// QPSQL turns every prepare() into a server-side PREPARE and every destroyed query into a DEALLOCATE: three
// round trips and a fresh plan per statement. On the connections of a DbPool, statements stay prepared for
// the connection's lifetime, so a repeated statement costs one EXECUTE; elsewhere (bootstrap, CLI) each
// call prepares afresh.
//
// Bind with addBindValue, exec, and read the rows before running the same SQL again.
Result<PreparedStatement> preparedQuery(QSqlDatabase &db, const QString &sql);

// For DbPool: the calling thread's connection of this name keeps its statements. Called again after a
// reconnect, it drops the statements that died with the old session.
void keepPreparedStatements(const QString &connectionName);

// A statement built at run time (lists with optional filters): prepared as above, bound in order, executed.
// The rows are then read from it; an SQL failure is an Internal error.
Result<PreparedStatement> executedQuery(QSqlDatabase &db, const QString &sql, const QVariantList &values);

} // namespace fd::infra
