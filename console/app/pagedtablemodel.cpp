#include "console/app/pagedtablemodel.h"

#include "console/api/apiclient.h"

#include <QJsonArray>

namespace fd::console {
namespace {

QString idOf(const QJsonObject &item)
{
    return item.value(QStringLiteral("id")).toString();
}

} // namespace

PagedTableModel::PagedTableModel(ApiClient *api, QObject *parent) : QAbstractTableModel(parent), m_api(api) {}

void PagedTableModel::load(const QString &path, const QueryItems &query)
{
    m_path = path;
    m_query = query;
    reload();
}

void PagedTableModel::reload()
{
    clear();
    if (!m_path.isEmpty())
        request(QString());
}

void PagedTableModel::clear()
{
    ++m_generation;
    delete m_context;
    m_context = new QObject(this);
    m_failedCursor.reset();
    m_nextCursor.clear();
    if (!m_items.isEmpty()) {
        beginResetModel();
        m_items.clear();
        endResetModel();
    }
    setLoading(false);
}

void PagedTableModel::retry()
{
    if (!m_failedCursor || m_loading)
        return;
    const QString cursor = *m_failedCursor;
    m_failedCursor.reset();
    request(cursor);
}

int PagedTableModel::rowOf(const QString &id) const
{
    for (int row = 0; row < m_items.size(); ++row) {
        if (idOf(m_items.at(row)) == id)
            return row;
    }
    return -1;
}

bool PagedTableModel::replace(const QJsonObject &item)
{
    const int row = rowOf(idOf(item));
    if (row < 0)
        return false;
    m_items[row] = item;
    Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1));
    return true;
}

void PagedTableModel::remove(const QString &id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_items.removeAt(row);
    endRemoveRows();
}

void PagedTableModel::retranslate()
{
    if (columnCount() > 0)
        Q_EMIT headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
    if (!m_items.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

int PagedTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

bool PagedTableModel::canFetchMore(const QModelIndex &parent) const
{
    // After a failure only retry() asks again: a view would otherwise ask on every scroll.
    return !parent.isValid() && hasMore() && !m_loading && !m_failedCursor;
}

void PagedTableModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        request(m_nextCursor);
}

void PagedTableModel::request(const QString &cursor)
{
    QueryItems query = m_query;
    query.append({QStringLiteral("limit"), QString::number(m_pageSize)});
    query.append({QStringLiteral("cursor"), cursor});
    setLoading(true);
    const quint64 generation = m_generation;
    m_api->getJson(m_path + u'?' + queryString(query), m_context,
                   [this, generation, cursor](const ApiResult &result) {
                       if (generation != m_generation)
                           return; // an answer for a list no longer shown
                       setLoading(false);
                       if (!result.ok()) {
                           m_failedCursor = cursor;
                           Q_EMIT loadFailed(*result.error);
                           return;
                       }
                       const QJsonObject page = result.json.object();
                       const QJsonArray items = page.value(QStringLiteral("items")).toArray();
                       m_nextCursor = page.value(QStringLiteral("next_cursor")).toString();
                       // A first page resets the table, so views size their columns to it; later ones
                       // are appended.
                       const bool first = m_items.isEmpty();
                       if (first)
                           beginResetModel();
                       else if (!items.isEmpty())
                           beginInsertRows({}, rowCount(), rowCount() + int(items.size()) - 1);
                       for (const QJsonValue &value : items)
                           m_items.append(value.toObject());
                       if (first)
                           endResetModel();
                       else if (!items.isEmpty()) {
                           endInsertRows();
                           // Columns sized to their contents grow to the new rows only when told.
                           Q_EMIT headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
                       }
                       Q_EMIT pageLoaded();
                   });
}

void PagedTableModel::setLoading(bool loading)
{
    if (loading == m_loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

} // namespace fd::console
