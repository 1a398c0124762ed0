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

} // namespace fd::infra
