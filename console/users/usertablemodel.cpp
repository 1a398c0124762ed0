#include "console/users/usertablemodel.h"

#include "console/app/displaytime.h"
#include "console/users/userroles.h"

namespace fd::console {

int UserTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UserTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return {};
    const QJsonObject user = item(index.row());
    const auto yesNo = [&](const char *member) {
        return user.value(QLatin1StringView(member)).toBool() ? tr("Yes") : tr("No");
    };
    switch (index.column()) {
    case EmailColumn:
        return user.value(QStringLiteral("email")).toString();
    case RoleColumn:
        return UserRoles::name(user.value(QStringLiteral("role")).toString());
    case VerifiedColumn:
        return yesNo("is_verified");
    case ActiveColumn:
        return yesNo("is_active");
    case CreatedColumn:
        return displayTime(user.value(QStringLiteral("created_at")).toString());
    default:
        return {};
    }
}

QVariant UserTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case EmailColumn:
        return tr("Email");
    case RoleColumn:
        return tr("Role");
    case VerifiedColumn:
        return tr("Verified");
    case ActiveColumn:
        return tr("Active");
    case CreatedColumn:
        return tr("Created");
    default:
        return {};
    }
}

} // namespace fd::console
