#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace fd::console {

// The API's roles and the words people read for them ("seller_b2b" → "Seller (B2B)").
class UserRoles
{
    Q_DECLARE_TR_FUNCTIONS(UserRoles)
public:
    // Every role, staff first, as the API names them.
    static QStringList all();
    // Unknown roles (a newer server) are shown as sent.
    static QString name(const QString &apiRole);
};

} // namespace fd::console
