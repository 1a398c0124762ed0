#pragma once

#include <QCoreApplication>
#include <QString>

namespace fd::console {

// The words people read for the API's product statuses ("PENDING_MODERATION" → "Waiting for review").
class ProductStatusText
{
    Q_DECLARE_TR_FUNCTIONS(ProductStatusText)
public:
    // Unknown statuses (a newer server) are shown as sent.
    static QString of(const QString &apiStatus);
};

} // namespace fd::console
