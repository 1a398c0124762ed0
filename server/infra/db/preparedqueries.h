#pragma once

#include "common/result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

namespace fd::infra {

// QPSQL turns every prepare() into a server-side PREPARE and every destroyed query into a DEALLOCATE: three
// round trips and a fresh plan per statement. This keeps each connection's prepared statements for its
// lifetime, so a repeated statement costs one EXECUTE.
//
// The query returned belongs to the cache: bind with addBindValue, exec, read it fully, and do not run the
// same SQL again while still reading it. Connections are per thread, so the cache is too.
Result<QSqlQuery *> preparedQuery(QSqlDatabase &db, const QString &sql);

// Drops the statements of a connection that was closed or reopened (they died with its session).
void forgetPreparedQueries(const QString &connectionName);

} // namespace fd::infra
