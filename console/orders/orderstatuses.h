#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace fd::console {

// The API's order statuses and the words people read for them ("REFUND_PENDING" → "Refund pending").
class OrderStatuses
{
    Q_DECLARE_TR_FUNCTIONS(OrderStatuses)
public:
    // Every status, in the order an order goes through them.
    static QStringList all();
    // Unknown statuses (a newer server) are shown as sent.
    static QString name(const QString &apiStatus);
};

} // namespace fd::console
