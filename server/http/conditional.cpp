#include "server/http/conditional.h"

#include "server/http/exchange.h"

namespace fd::http {

namespace {

QByteArrayList tagList(const QByteArray &header)
{
    QByteArrayList tags;
    for (const QByteArray &tag : header.split(',')) {
        if (!tag.trimmed().isEmpty())
            tags.append(tag.trimmed());
    }
    return tags;
}

QByteArray withoutWeakPrefix(const QByteArray &tag)
{
    return tag.startsWith("W/") ? tag.mid(2) : tag;
}

} // namespace

std::optional<QUuid> pathUuid(const Exchange &exchange, const QString &name)
{
    const QUuid id = QUuid::fromString(exchange.request().pathParams.value(name));
    if (id.isNull())
        return std::nullopt;
    return id;
}

QByteArrayList ifMatchTags(const Request &request)
{
    const QByteArray header = request.header("if-match").trimmed();
    if (header.isEmpty())
        return {};
    QByteArrayList tags = tagList(header);
    if (tags.isEmpty())
        tags.append(header);
    return tags;
}

bool ifMatchAccepts(const QByteArrayList &tags, const QByteArray &etag)
{
    return tags.contains(QByteArrayLiteral("*")) || tags.contains(etag);
}

bool notModified(const Request &request, const QByteArray &etag)
{
    const QByteArray header = request.header("if-none-match").trimmed();
    if (header.isEmpty())
        return false;
    if (header == "*")
        return true;
    const QByteArray current = withoutWeakPrefix(etag);
    for (const QByteArray &tag : tagList(header)) {
        if (withoutWeakPrefix(tag) == current)
            return true;
    }
    return false;
}

} // namespace fd::http
