#include "server/http/jsonbody.h"

#include "server/http/exchange.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QStringDecoder>

namespace fd::http {

Result<QJsonObject> parseJsonObject(const QByteArray &body)
{
    if (body.trimmed().isEmpty())
        return Error{ErrorCode::MalformedJson, QStringLiteral("The request needs a JSON object body")};
    // QJsonDocument replaces invalid UTF-8 silently; refuse it instead of storing mangled text.
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = decoder.decode(body);
    if (decoder.hasError())
        return Error{ErrorCode::MalformedJson, QStringLiteral("The body is not valid UTF-8")};
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return Error{
            ErrorCode::MalformedJson,
            QStringLiteral("Malformed JSON at offset %1: %2").arg(error.offset).arg(error.errorString())};
    if (!document.isObject())
        return Error{ErrorCode::MalformedJson, QStringLiteral("The body must be a JSON object")};
    return document.object();
}

std::optional<QJsonObject> jsonObjectOrAnswer(Exchange &exchange)
{
    auto body = parseJsonObject(exchange.request().body);
    if (!body) {
        exchange.respondProblem(body.error());
        return std::nullopt;
    }
    return *body;
}

} // namespace fd::http
