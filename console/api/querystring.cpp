#include "console/api/querystring.h"

#include <QStringList>
#include <QUrl>

namespace fd::console {

QString queryString(const QueryItems &items)
{
    QStringList parts;
    for (const auto &[name, value] : items) {
        if (!value.isEmpty())
            parts.append(name + u'=' + QString::fromLatin1(QUrl::toPercentEncoding(value)));
    }
    return parts.join(u'&');
}

} // namespace fd::console
