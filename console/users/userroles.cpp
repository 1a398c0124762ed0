#include "console/users/userroles.h"

namespace fd::console {

QStringList UserRoles::all()
{
    return {QStringLiteral("admin"),      QStringLiteral("moderator"), QStringLiteral("seller"),
            QStringLiteral("seller_b2b"), QStringLiteral("buyer"),     QStringLiteral("user_b2b")};
}

QString UserRoles::name(const QString &apiRole)
{
    if (apiRole == QLatin1StringView("admin"))
        return tr("Administrator");
    if (apiRole == QLatin1StringView("moderator"))
        return tr("Moderator");
    if (apiRole == QLatin1StringView("seller"))
        return tr("Seller");
    if (apiRole == QLatin1StringView("seller_b2b"))
        return tr("Seller (B2B)");
    if (apiRole == QLatin1StringView("buyer"))
        return tr("Buyer");
    if (apiRole == QLatin1StringView("user_b2b"))
        return tr("Buyer (B2B)");
    return apiRole;
}

} // namespace fd::console
