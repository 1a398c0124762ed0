#pragma once

#include "common/result.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSqlDatabase>
#include <QString>
#include <QUrlQuery>

#include <optional>

namespace fd::audit {

// Filters of GET /admin/audit-log, validated from the query string.
struct AuditFilter
{
    QString targetType;
    QString targetId;
    QString actorId;
    QString actorEmail; // any letter case
    QString action;
    std::optional<QDateTime> from;
    std::optional<QDateTime> to;
    std::optional<qint64> beforeId; // keyset: entries older than this one
    int limit = 50;

    static Result<AuditFilter> fromQuery(const QUrlQuery &query);
};

struct AuditPage
{
    QJsonArray items;
    std::optional<qint64> lastId; // set when another page may follow
};

// Reads the audit log newest first; ids grow with every insert, so (id DESC) is a stable keyset order.
Result<AuditPage> readAuditLog(QSqlDatabase &db, const AuditFilter &filter);

} // namespace fd::audit
