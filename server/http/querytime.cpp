#include "server/http/querytime.h"

namespace fd::http {

std::optional<QDateTime> parseQueryTime(const QString &text)
{
    const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid() || time.timeSpec() == Qt::LocalTime)
        return std::nullopt;
    return time.toUTC();
}

} // namespace fd::http
