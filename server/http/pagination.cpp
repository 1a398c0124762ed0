#include "server/http/pagination.h"

#include <QJsonDocument>

namespace fd::http {
namespace {

constexpr auto kEncoding = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

Error invalid(const QString &field, const QString &message)
{
    return Error{ErrorCode::ValidationFailed, QStringLiteral("Invalid pagination"), {{field, message}}};
}

} // namespace

Result<PageRequest> readPageRequest(const QUrlQuery &query)
{
    PageRequest page;
    if (query.hasQueryItem(QStringLiteral("limit"))) {
        bool ok = false;
        const int limit = query.queryItemValue(QStringLiteral("limit")).toInt(&ok);
        if (!ok || limit < 1 || limit > 200)
            return invalid(QStringLiteral("limit"), QStringLiteral("must be a whole number from 1 to 200"));
        page.limit = limit;
    }
    const QString cursor = query.queryItemValue(QStringLiteral("cursor"), QUrl::FullyDecoded);
    if (!cursor.isEmpty()) {
        const auto decoded = QByteArray::fromBase64Encoding(
            cursor.toLatin1(), kEncoding | QByteArray::AbortOnBase64DecodingErrors);
        const QJsonDocument document = decoded ? QJsonDocument::fromJson(*decoded) : QJsonDocument();
        if (!document.isObject() || cursor.size() > 1024)
            return invalid(QStringLiteral("cursor"), QStringLiteral("is not a cursor this API returned"));
        page.after = document.object();
    }
    return page;
}

QString encodeCursor(const QJsonObject &lastRowKey)
{
    return QString::fromLatin1(QJsonDocument(lastRowKey).toJson(QJsonDocument::Compact).toBase64(kEncoding));
}

QJsonObject pageBody(const QJsonArray &items, const std::optional<QJsonObject> &nextKey)
{
    return QJsonObject{
        {QStringLiteral("items"), items},
        {QStringLiteral("next_cursor"), nextKey ? QJsonValue(encodeCursor(*nextKey)) : QJsonValue()}};
}

} // namespace fd::http
