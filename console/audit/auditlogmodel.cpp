#include "console/audit/auditlogmodel.h"

#include "console/api/apiclient.h"
#include "console/app/displaytime.h"

#include <QJsonArray>

namespace fd::console {

Q_LOGGING_CATEGORY(lcAudit, "fd.console.audit")

namespace {

QString textOf(const QJsonObject &entry, const char *field)
{
    return entry.value(QLatin1StringView(field)).toString();
}

} // namespace

AuditLogModel::AuditLogModel(ApiClient *api, QObject *parent) : QAbstractTableModel(parent), m_api(api) {}

void AuditLogModel::setPageSize(int entries)
{
    m_pageSize = qBound(1, entries, 200);
}

void AuditLogModel::setQuery(const AuditQuery &query)
{
    clear();
    m_query = query;
    m_active = true;
    fetchMore({});
}

void AuditLogModel::clear()
{
    ++m_generation;
    stopRequest();
    beginResetModel();
    m_entries.clear();
    m_nextCursor.clear();
    m_atEnd = false;
    m_error.reset();
    m_active = false;
    endResetModel();
}

void AuditLogModel::retry()
{
    if (!m_active || m_request || !m_error)
        return;
    m_error.reset();
    fetchMore({});
}

QString AuditLogModel::actorOf(const QJsonObject &entry)
{
    const QString email = textOf(entry, "actor_email");
    return email.isEmpty() ? textOf(entry, "actor_id") : email;
}

QJsonObject AuditLogModel::entry(int row) const
{
    return row >= 0 && row < m_entries.size() ? m_entries.at(row) : QJsonObject();
}

void AuditLogModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_entries.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int AuditLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int AuditLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QJsonObject &entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return cellText(entry, index.column());
    case Qt::ToolTipRole:
        // The exact instant, as stored, beside the local time shown; the actor's id beside the email.
        if (index.column() == TimeColumn)
            return textOf(entry, "at");
        if (index.column() == ActorColumn)
            return textOf(entry, "actor_id");
        return cellText(entry, index.column());
    case kEntryRole:
        return entry;
    default:
        return {};
    }
}

QString AuditLogModel::cellText(const QJsonObject &entry, int column) const
{
    switch (column) {
    case TimeColumn:
        return displayTime(textOf(entry, "at"));
    case ActionColumn:
        return textOf(entry, "action");
    case TargetTypeColumn:
        return textOf(entry, "target_type");
    case TargetIdColumn:
        return textOf(entry, "target_id");
    case ActorColumn: {
        const QString actor = actorOf(entry);
        return actor.isEmpty() ? tr("anonymous") : actor;
    }
    case RoleColumn:
        return textOf(entry, "actor_role");
    case IpColumn:
        return textOf(entry, "ip");
    case RequestIdColumn:
        return textOf(entry, "request_id");
    default:
        return {};
    }
}

QVariant AuditLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case ActionColumn:
        return tr("Action");
    case TargetTypeColumn:
        return tr("Target type");
    case TargetIdColumn:
        return tr("Target ID");
    case ActorColumn:
        return tr("Actor");
    case RoleColumn:
        return tr("Role");
    case IpColumn:
        return tr("IP address");
    case RequestIdColumn:
        return tr("Request ID");
    default:
        return {};
    }
}

bool AuditLogModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_active && !m_atEnd && !m_request && !m_error;
}

void AuditLogModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        request();
}

void AuditLogModel::request()
{
    m_request = new QObject(this);
    const quint64 generation = m_generation;
    const QString path = m_query.path(m_pageSize, m_nextCursor);
    qCDebug(lcAudit).noquote() << "reading" << path;
    m_api->getJson(path, m_request,
                   [this, generation](const ApiResult &result) { receive(result, generation); });
    Q_EMIT loadingChanged(true);
}

void AuditLogModel::stopRequest()
{
    if (!m_request)
        return;
    delete m_request; // aborts the request: its answer never arrives
    m_request = nullptr;
    Q_EMIT loadingChanged(false);
}

void AuditLogModel::receive(const ApiResult &result, quint64 generation)
{
    if (generation != m_generation)
        return;               // for a query no longer shown
    m_request->deleteLater(); // the client is still in its callback
    m_request = nullptr;
    const QJsonValue items = result.json.object().value(QStringLiteral("items"));
    if (result.ok() && !items.isArray())
        m_error = ApiError{ApiError::Kind::BadResponse,
                           result.status,
                           {},
                           tr("The server's answer is not a page of the audit log.")};
    else if (!result.ok())
        m_error = *result.error;
    if (m_error) {
        qCInfo(lcAudit).noquote() << "reading the audit log failed:" << m_error->status << m_error->code
                                  << m_error->detail;
        Q_EMIT loadingChanged(false);
        Q_EMIT fetchFailed(*m_error);
        return;
    }
    const QJsonArray page = items.toArray();
    const QJsonValue next = result.json.object().value(QStringLiteral("next_cursor"));
    m_nextCursor = next.toString();
    m_atEnd = m_nextCursor.isEmpty();
    if (!page.isEmpty()) {
        const int first = int(m_entries.size());
        beginInsertRows({}, first, first + int(page.size()) - 1);
        for (const QJsonValue &value : page)
            m_entries.append(value.toObject());
        endInsertRows();
    }
    qCDebug(lcAudit) << page.size() << "entries read," << m_entries.size() << "in all"
                     << (m_atEnd ? "(end)" : "");
    Q_EMIT loadingChanged(false);
    Q_EMIT pageLoaded(int(page.size()));
}

} // namespace fd::console
