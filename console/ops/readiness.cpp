#include "console/ops/readiness.h"

#include <QJsonObject>

namespace fd::console {

std::optional<Readiness> parseReadiness(const QJsonDocument &document)
{
    const QJsonObject root = document.object();
    const QJsonValue status = root.value(QLatin1StringView("status"));
    const QJsonValue checks = root.value(QLatin1StringView("checks"));
    if (!status.isString() || !checks.isObject())
        return std::nullopt;

    Readiness readiness;
    readiness.ready = status.toString() == QLatin1StringView("ready");
    const QJsonObject checkObject = checks.toObject();
    for (auto it = checkObject.begin(); it != checkObject.end(); ++it)
        readiness.checks.append({it.key(), it.value().toString()});
    return readiness;
}

} // namespace fd::console
