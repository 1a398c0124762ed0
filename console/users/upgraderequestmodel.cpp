#include "console/users/upgraderequestmodel.h"

#include "console/app/displaytime.h"
#include "console/users/userroles.h"

namespace fd::console {

int UpgradeRequestModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UpgradeRequestModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return {};
    const QJsonObject request = item(index.row());
    switch (index.column()) {
    case EmailColumn:
        return request.value(QStringLiteral("user_email")).toString();
    case RoleColumn:
        return UserRoles::name(request.value(QStringLiteral("requested_role")).toString());
    case MessageColumn:
        return request.value(QStringLiteral("message")).toString();
    case AskedColumn:
        return displayTime(request.value(QStringLiteral("created_at")).toString());
    default:
        return {};
    }
}

QVariant UpgradeRequestModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case EmailColumn:
        return tr("Email");
    case RoleColumn:
        return tr("Asks to become");
    case MessageColumn:
        return tr("Message");
    case AskedColumn:
        return tr("Asked");
    default:
        return {};
    }
}

} // namespace fd::console
