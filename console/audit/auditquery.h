#pragma once

#include <QDateTime>
#include <QString>

namespace fd::console {

// What the audit log is narrowed to: the filters of GET /admin/audit-log. Empty text and an invalid time
// mean "any". `from` is inclusive, `to` exclusive, as on the server.
struct AuditQuery
{
    enum class Problem { None, ActorUnrecognised, EmptyTimeRange };

    QString targetType;
    QString targetId;
    QString actor; // a user's id, or an email address (any letter case)
    QString action;
    QDateTime from;
    QDateTime to;

    bool actorIsEmail() const { return actor.contains(u'@'); }
    // What the server would refuse, found before anything is sent.
    Problem problem() const;
    // The request path of one page: at most `limit` entries (1..200) after the page `cursor` ended (the
    // server's opaque next_cursor; empty for the first page).
    QString path(int limit, const QString &cursor = {}) const;

    bool operator==(const AuditQuery &other) const = default;
};

} // namespace fd::console
