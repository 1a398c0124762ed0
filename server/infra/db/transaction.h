#pragma once

#include "common/result.h"

#include <QSqlDatabase>
#include <QSqlError>

namespace fd::infra {

// Runs fn inside one transaction: committed when it returns a value, rolled back when it returns an error
// (or when the commit itself fails).
template <typename Fn> auto inTransaction(QSqlDatabase &db, Fn fn) -> decltype(fn())
{
    if (!db.transaction())
        return Error{ErrorCode::ServiceUnavailable, QStringLiteral("cannot begin: ") + db.lastError().text()};
    auto result = fn();
    if (!result.ok()) {
        db.rollback();
        return result;
    }
    if (!db.commit()) {
        const QString why = db.lastError().text();
        db.rollback();
        return Error{ErrorCode::Internal, QStringLiteral("commit failed: ") + why};
    }
    return result;
}

} // namespace fd::infra
