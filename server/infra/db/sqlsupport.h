#pragma once

#include "common/result.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace fd::infra {

// A failed statement as an internal error (the text is logged, never shown to clients).
inline Error sqlFailure(const QSqlQuery &query)
{
    return Error{ErrorCode::Internal, query.lastError().text()};
}

// UUIDs as PostgreSQL reads them (no braces).
inline QString uuidText(const QUuid &id)
{
    return id.toString(QUuid::WithoutBraces);
}

// A timestamptz column (a constant name, never input) as RFC 3339 UTC text with milliseconds, rendered by
// PostgreSQL so no row pays for a QDateTime conversion.
inline QString isoTimeSql(QLatin1StringView column)
{
    return QStringLiteral("to_char(%1 AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')").arg(column);
}

} // namespace fd::infra
