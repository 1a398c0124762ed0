#pragma once

#include <QString>

namespace fd::console {

// An API timestamp (ISO 8601, UTC) as people read it: local time, in the UI language's short format. Text
// that is not a timestamp is shown as it came.
QString displayTime(const QString &isoTimestamp);

} // namespace fd::console
