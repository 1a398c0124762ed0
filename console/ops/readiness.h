#pragma once

#include <QJsonDocument>
#include <QList>
#include <QString>

#include <optional>

namespace fd::console {

// The server's answer to /readyz, which it sends with 200 (ready) and 503 (not ready) alike.
struct Readiness
{
    struct Check
    {
        QString name;  // "postgresql", "redis", ...
        QString state; // "ok", or the server's short reason ("unreachable", "migrations pending")
        bool ok() const { return state == QLatin1StringView("ok"); }
    };

    bool ready = false;
    QList<Check> checks; // in the order the server sent them (sorted by name)
};

// Nothing when the document is not a readiness report (e.g. some other server answered).
std::optional<Readiness> parseReadiness(const QJsonDocument &document);

} // namespace fd::console
