#pragma once

#include "console/api/apiresult.h"
#include "console/audit/auditquery.h"

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QList>
#include <QLoggingCategory>

#include <optional>

namespace fd::console {

Q_DECLARE_LOGGING_CATEGORY(lcAudit)

class ApiClient;

// The audit log, newest first, read from the server a page at a time as a view scrolls (canFetchMore /
// fetchMore with the server's cursor): never everything at once, at most one page on the wire, and never
// waiting for it. Changing the query drops every row and any answer still under way, then starts again.
class AuditLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        TimeColumn,
        ActionColumn,
        TargetTypeColumn,
        TargetIdColumn,
        ActorColumn,
        RoleColumn,
        IpColumn,
        RequestIdColumn,
        ColumnCount
    };
    static constexpr int kEntryRole = Qt::UserRole; // the entry's JSON object, on every column
    static constexpr int kDefaultPageSize = 100;

    // Who acted, as people know them: the email, else the id; empty for an anonymous entry.
    static QString actorOf(const QJsonObject &entry);

    // The client is not owned and must outlive the model.
    explicit AuditLogModel(ApiClient *api, QObject *parent = nullptr);

    // Entries per request (1..200); applies to the next fetch.
    void setPageSize(int entries);
    int pageSize() const { return m_pageSize; }

    // Starts reading the log under this query from the newest entry, dropping what was read before.
    void setQuery(const AuditQuery &query);
    AuditQuery query() const { return m_query; }
    // The same query again from the newest entry.
    void reload() { setQuery(m_query); }
    // Drops every row and stops reading until the next setQuery (e.g. when the user signs out).
    void clear();
    // Asks again for the page whose request failed.
    void retry();

    QJsonObject entry(int row) const;
    bool isLoading() const { return m_request != nullptr; }
    // Every entry the query matches has been read.
    bool atEnd() const { return m_atEnd; }
    std::optional<ApiError> error() const { return m_error; }

    // Texts follow the UI language: call when it changed.
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    void loadingChanged(bool loading);
    // A page arrived and its rows were added (`added` may be 0 for an empty log).
    void pageLoaded(int added);
    void fetchFailed(const fd::console::ApiError &error);

private:
    void request();
    void receive(const ApiResult &result, quint64 generation);
    void stopRequest();
    QString cellText(const QJsonObject &entry, int column) const;

    ApiClient *m_api;
    AuditQuery m_query;
    QList<QJsonObject> m_entries;
    QString m_nextCursor;
    int m_pageSize = kDefaultPageSize;
    // Bumped by every new query: an answer for an older one is dropped even if it still arrives.
    quint64 m_generation = 0;
    // The context of the request on the wire (deleting it aborts the request); null when none is.
    QObject *m_request = nullptr;
    std::optional<ApiError> m_error;
    bool m_active = false; // a query was set and not cleared
    bool m_atEnd = false;
};

} // namespace fd::console
