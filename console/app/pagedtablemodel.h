#pragma once

#include "console/api/apiresult.h"
#include "console/api/querystring.h"

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QList>
#include <QPointer>

#include <optional>

namespace fd::console {

class ApiClient;

// A table over one of the API's keyset-paged lists ({"items": [...], "next_cursor": ...}), one JSON object a
// row, each named by its "id". The first page comes with load(); later ones when a view scrolls to the end
// (fetchMore). A new load() drops every answer still on its way for the list before, so a quick change of
// filters never mixes two lists. Subclasses say what the columns show.
class PagedTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    static constexpr int kDefaultPageSize = 50;

    // The client is not owned and must outlive the model.
    explicit PagedTableModel(ApiClient *api, QObject *parent = nullptr);

    // Lists `path` (no query) filtered by `query` (plain text) from its first page; rows shown so far go
    // at once.
    void load(const QString &path, const QueryItems &query = {});
    // The same list again from its first page.
    void reload();
    // Empties the table and drops what is on its way.
    void clear();
    // Asks again for the page whose answer failed.
    void retry();
    void setPageSize(int size) { m_pageSize = size; }

    bool isLoading() const { return m_loading; }
    bool hasMore() const { return !m_nextCursor.isEmpty(); }
    QJsonObject item(int row) const { return m_items.value(row); }
    int rowOf(const QString &id) const;
    // Puts the server's newer copy of a listed item in its row; false when it is not listed.
    bool replace(const QJsonObject &item);
    void remove(const QString &id);
    // Header and cell texts follow the UI language: call on QEvent::LanguageChange.
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    void loadingChanged(bool loading);
    // A page arrived and its rows are in.
    void pageLoaded();
    void loadFailed(const fd::console::ApiError &error);

private:
    void request(const QString &cursor);
    void setLoading(bool loading);

    ApiClient *m_api;
    QString m_path;
    QueryItems m_query;
    QList<QJsonObject> m_items;
    QString m_nextCursor;
    std::optional<QString> m_failedCursor; // the page to ask for again; none while nothing failed
    int m_pageSize = kDefaultPageSize;
    bool m_loading = false;
    // Answers carry the generation they were asked in; any other is stale. Deleting a generation's
    // context also takes its calls off the wire.
    quint64 m_generation = 0;
    QPointer<QObject> m_context;
};

} // namespace fd::console
