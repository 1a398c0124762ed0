#include "console/orders/ordertablemodel.h"

#include "common/money.h"
#include "console/app/displaytime.h"
#include "console/orders/orderstatuses.h"

#include <QJsonArray>

namespace fd::console {

QString OrderTableModel::shortId(const QString &id)
{
    return id.section(u'-', 0, 0);
}

QString OrderTableModel::amount(const QJsonValue &decimal)
{
    const QString text = decimal.toString();
    const auto cents = money::parseCents(text);
    return cents ? money::formatCents(*cents) : text;
}

int OrderTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OrderTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (role == Qt::TextAlignmentRole)
        return index.column() == UnitsColumn || index.column() == TotalColumn
                   ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                   : QVariant();
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    const QJsonObject order = item(index.row());
    switch (index.column()) {
    case OrderColumn: {
        const QString id = order.value(QStringLiteral("id")).toString();
        return role == Qt::ToolTipRole ? id : shortId(id);
    }
    case CreatedColumn:
        return displayTime(order.value(QStringLiteral("created_at")).toString());
    case StatusColumn:
        return OrderStatuses::name(order.value(QStringLiteral("status")).toString());
    case UnitsColumn: {
        int units = 0;
        for (const QJsonValue &line : order.value(QStringLiteral("items")).toArray())
            units += line.toObject().value(QStringLiteral("quantity")).toInt();
        return units;
    }
    case TotalColumn:
        return amount(order.value(QStringLiteral("total_amount")));
    default:
        return {};
    }
}

QVariant OrderTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case OrderColumn:
        return tr("Order");
    case CreatedColumn:
        return tr("Placed");
    case StatusColumn:
        return tr("Status");
    case UnitsColumn:
        return tr("Units");
    case TotalColumn:
        return tr("Total");
    default:
        return {};
    }
}

} // namespace fd::console
