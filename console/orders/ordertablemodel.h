#pragma once

#include "console/app/pagedtablemodel.h"

namespace fd::console {

// Orders as GET /admin/orders and /seller/orders list them, newest first: the order's short number, when
// it was made, its status, how many units and its total (a seller's: their own lines).
class OrderTableModel : public PagedTableModel
{
    Q_OBJECT
public:
    enum Column { OrderColumn, CreatedColumn, StatusColumn, UnitsColumn, TotalColumn, ColumnCount };

    using PagedTableModel::PagedTableModel;

    // The first block of the order's id, which people read out and compare.
    static QString shortId(const QString &id);
    // An amount as the API's decimal string, always with two places ("149.9" → "149.90"); text that is
    // no amount is shown as sent.
    static QString amount(const QJsonValue &decimal);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
};

} // namespace fd::console
