#include "console/audit/auditquery.h"

#include "console/api/querystring.h"

#include <QUuid>

namespace fd::console {
namespace {

QString timeText(const QDateTime &time)
{
    // RFC 3339 in UTC ("...Z"): the server refuses times without a zone, and a "+" would need escaping.
    return time.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace

AuditQuery::Problem AuditQuery::problem() const
{
    if (!actor.isEmpty() && !actorIsEmail() && QUuid::fromString(actor).isNull())
        return Problem::ActorUnrecognised;
    if (from.isValid() && to.isValid() && from >= to)
        return Problem::EmptyTimeRange;
    return Problem::None;
}

QString AuditQuery::path(int limit, const QString &cursor) const
{
    const QueryItems items{
        {QStringLiteral("target_type"), targetType},
        {QStringLiteral("target_id"), targetId},
        {actorIsEmail() ? QStringLiteral("actor_email") : QStringLiteral("actor_id"), actor},
        {QStringLiteral("action"), action},
        {QStringLiteral("from"), from.isValid() ? timeText(from) : QString()},
        {QStringLiteral("to"), to.isValid() ? timeText(to) : QString()},
        {QStringLiteral("limit"), QString::number(limit)},
        {QStringLiteral("cursor"), cursor},
    };
    return QStringLiteral("/api/v1/admin/audit-log?") + queryString(items);
}

} // namespace fd::console
