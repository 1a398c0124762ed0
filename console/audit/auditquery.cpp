#include "console/audit/auditquery.h"

#include <QStringList>
#include <QUrl>
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
    // Encoded here rather than by QUrlQuery, which would take a typed "%41" for an already encoded "A".
    QStringList items;
    const auto add = [&items](const char *name, const QString &value) {
        if (!value.isEmpty())
            items.append(QLatin1StringView(name) + u'=' +
                         QString::fromLatin1(QUrl::toPercentEncoding(value)));
    };
    add("target_type", targetType);
    add("target_id", targetId);
    add(actorIsEmail() ? "actor_email" : "actor_id", actor);
    add("action", action);
    add("from", from.isValid() ? timeText(from) : QString());
    add("to", to.isValid() ? timeText(to) : QString());
    add("limit", QString::number(limit));
    add("cursor", cursor);
    return QStringLiteral("/api/v1/admin/audit-log?") + items.join(u'&');
}

} // namespace fd::console
