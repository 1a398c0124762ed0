#pragma once

#include <QHostAddress>
#include <QJsonObject>
#include <QString>
#include <QUuid>

namespace fd::audit {

// Who did it, from where; taken from the request by the route and handed to services.
struct Actor
{
    QUuid userId; // null for anonymous actions (signup, failed logins)
    QString role;
    QHostAddress ip;
    QByteArray requestId;
};

struct AuditEntry
{
    Actor actor;
    QString action;     // "user.signup", "auth.refresh_reuse", ...
    QString targetType; // "user", "session", "api_key", ...
    QString targetId;
    QJsonObject before;
    QJsonObject after;
};

} // namespace fd::audit
