#pragma once

#include "console/app/pagedtablemodel.h"

namespace fd::console {

// The upgrade requests of GET /admin/upgrade-requests: who asked, for which role, their message, when.
class UpgradeRequestModel : public PagedTableModel
{
    Q_OBJECT
public:
    enum Column { EmailColumn, RoleColumn, MessageColumn, AskedColumn, ColumnCount };

    using PagedTableModel::PagedTableModel;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
};

} // namespace fd::console
