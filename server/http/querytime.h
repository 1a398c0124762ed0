#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace fd::http {

// An RFC 3339 time from a query parameter, in UTC; nothing when it is malformed or names no zone (a time
// without one is ambiguous).
std::optional<QDateTime> parseQueryTime(const QString &text);

} // namespace fd::http
