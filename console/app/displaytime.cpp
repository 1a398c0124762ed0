#include "console/app/displaytime.h"

#include <QDateTime>
#include <QLocale>

namespace fd::console {

QString displayTime(const QString &isoTimestamp)
{
    const QDateTime time = QDateTime::fromString(isoTimestamp, Qt::ISODateWithMs);
    if (!time.isValid())
        return isoTimestamp;
    // The default locale follows the UI language (installTranslators), so a Russian window shows Russian
    // dates.
    return QLocale().toString(time.toLocalTime(), QLocale::ShortFormat);
}

} // namespace fd::console
