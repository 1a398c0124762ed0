#pragma once

#include "console/app/pagedtablemodel.h"

namespace fd::console {

// The accounts of GET /admin/users, newest first: email, role, verified, active, created.
class UserTableModel : public PagedTableModel
{
    Q_OBJECT
public:
    enum Column { EmailColumn, RoleColumn, VerifiedColumn, ActiveColumn, CreatedColumn, ColumnCount };

    using PagedTableModel::PagedTableModel;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
};

} // namespace fd::console
