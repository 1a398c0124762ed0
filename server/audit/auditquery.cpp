#include "server/audit/auditquery.h"

#include "server/http/pagination.h"
#include "server/http/querytime.h"
#include "server/infra/db/preparedqueries.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace fd::audit {
namespace {

QJsonValue jsonColumn(const QVariant &value)
{
    if (value.isNull())
        return QJsonValue();
    return QJsonDocument::fromJson(value.toString().toUtf8()).object();
}

QJsonValue textColumn(const QVariant &value)
{
    return value.isNull() ? QJsonValue() : QJsonValue(value.toString());
}

} // namespace

Result<AuditFilter> AuditFilter::fromQuery(const QUrlQuery &query)
{
    AuditFilter filter;
    QList<FieldError> errors;
    auto text = [&](const char *name, int maxLength) {
        const QString value = query.queryItemValue(QLatin1StringView(name), QUrl::FullyDecoded);
        if (value.size() > maxLength)
            errors.append({QLatin1StringView(name), QStringLiteral("is too long")});
        return value;
    };
    filter.targetType = text("target_type", 50);
    filter.targetId = text("target_id", 100);
    filter.action = text("action", 100);
    filter.actorId = text("actor_id", 36);
    if (!filter.actorId.isEmpty() && QUuid::fromString(filter.actorId).isNull())
        errors.append({QStringLiteral("actor_id"), QStringLiteral("must be a UUID")});
    filter.actorEmail = text("actor_email", 320);
    for (const char *name : {"from", "to"}) {
        const QString value = query.queryItemValue(QLatin1StringView(name), QUrl::FullyDecoded);
        if (value.isEmpty())
            continue;
        const auto time = http::parseQueryTime(value);
        if (!time)
            errors.append({QLatin1StringView(name), QStringLiteral("must be an RFC 3339 time with a zone")});
        (qstrcmp(name, "from") == 0 ? filter.from : filter.to) = time;
    }
    auto page = http::readPageRequest(query);
    if (!page)
        errors.append(page.error().fields);
    if (!errors.isEmpty())
        return Error{ErrorCode::ValidationFailed, QStringLiteral("Invalid filters"), errors};
    filter.limit = page->limit;
    if (page->after) {
        const QJsonValue id = page->after->value(QStringLiteral("id"));
        if (!id.isDouble())
            return Error{ErrorCode::ValidationFailed,
                         QStringLiteral("Invalid cursor"),
                         {{QStringLiteral("cursor"), QStringLiteral("is not a cursor this API returned")}}};
        filter.beforeId = qint64(id.toDouble());
    }
    return filter;
}

Result<AuditPage> readAuditLog(QSqlDatabase &db, const AuditFilter &filter)
{
    QStringList where;
    QVariantList values;
    auto add = [&](const QString &condition, const QVariant &value) {
        where.append(condition);
        values.append(value);
    };
    if (!filter.targetType.isEmpty())
        add(QStringLiteral("a.target_type = ?"), filter.targetType);
    if (!filter.targetId.isEmpty())
        add(QStringLiteral("a.target_id = ?"), filter.targetId);
    if (!filter.actorId.isEmpty())
        add(QStringLiteral("a.actor_id = ?::uuid"), filter.actorId);
    // Through the unique index on lower(email): one id, then the same search as by id.
    if (!filter.actorEmail.isEmpty())
        add(QStringLiteral("a.actor_id = (SELECT id FROM users WHERE lower(email) = lower(?))"),
            filter.actorEmail);
    if (!filter.action.isEmpty())
        add(QStringLiteral("a.action = ?"), filter.action);
    if (filter.from)
        add(QStringLiteral("a.at >= ?"), *filter.from);
    if (filter.to)
        add(QStringLiteral("a.at < ?"), *filter.to);
    if (filter.beforeId)
        add(QStringLiteral("a.id < ?"), *filter.beforeId);

    // The actor's current email, so readers see who acted rather than an id.
    auto prepared = infra::preparedQuery(
        db,
        QStringLiteral("SELECT a.id, a.at, a.actor_id, a.actor_role, a.action, a.target_type, a.target_id, "
                       "a.before::text, a.after::text, host(a.ip), a.request_id, u.email "
                       "FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id") +
            (where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "))) +
            QStringLiteral(" ORDER BY a.id DESC LIMIT ?"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    for (const QVariant &value : std::as_const(values))
        query.addBindValue(value);
    query.addBindValue(filter.limit + 1); // one more tells whether a next page exists
    if (!query.exec())
        return Error{ErrorCode::Internal, query.lastError().text()};
    AuditPage page;
    qint64 lastId = 0;
    int rows = 0;
    while (query.next()) {
        if (++rows > filter.limit) {
            page.lastId = lastId;
            break;
        }
        lastId = query.value(0).toLongLong();
        page.items.append(QJsonObject{
            {QStringLiteral("id"), lastId},
            {QStringLiteral("at"), query.value(1).toDateTime().toUTC().toString(Qt::ISODateWithMs)},
            {QStringLiteral("actor_id"), textColumn(query.value(2))},
            {QStringLiteral("actor_email"), textColumn(query.value(11))},
            {QStringLiteral("actor_role"), textColumn(query.value(3))},
            {QStringLiteral("action"), query.value(4).toString()},
            {QStringLiteral("target_type"), query.value(5).toString()},
            {QStringLiteral("target_id"), textColumn(query.value(6))},
            {QStringLiteral("before"), jsonColumn(query.value(7))},
            {QStringLiteral("after"), jsonColumn(query.value(8))},
            {QStringLiteral("ip"), textColumn(query.value(9))},
            {QStringLiteral("request_id"), textColumn(query.value(10))},
        });
    }
    return page;
}

} // namespace fd::audit
