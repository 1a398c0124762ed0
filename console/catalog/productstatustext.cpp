#include "console/catalog/productstatustext.h"

namespace fd::console {

QString ProductStatusText::of(const QString &apiStatus)
{
    if (apiStatus == QLatin1StringView("DRAFT"))
        return tr("Draft");
    if (apiStatus == QLatin1StringView("PENDING_MODERATION"))
        return tr("Waiting for review");
    if (apiStatus == QLatin1StringView("MODERATION_IN_PROGRESS"))
        return tr("In review");
    if (apiStatus == QLatin1StringView("ACTIVE"))
        return tr("On sale");
    if (apiStatus == QLatin1StringView("REJECTED"))
        return tr("Rejected");
    if (apiStatus == QLatin1StringView("ARCHIVED"))
        return tr("Archived");
    return apiStatus;
}

} // namespace fd::console
