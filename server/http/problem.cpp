#include "server/http/problem.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace fd::http {

int problemStatus(const Error &error)
{
    return errorInfo(error.code).httpStatus;
}

QByteArray problemBody(const Error &error, const QByteArray &requestId)
{
    const ErrorInfo info = errorInfo(error.code);
    const QString code = QLatin1StringView(info.code);
    QJsonObject problem{
        {QStringLiteral("type"), QString(QStringLiteral("https://fairdrop.dev/problems/") + code)},
        {QStringLiteral("title"), QLatin1StringView(info.title)},
        {QStringLiteral("status"), info.httpStatus},
        {QStringLiteral("code"), code},
        {QStringLiteral("request_id"), QString::fromLatin1(requestId)},
    };
    const bool serverSide = info.httpStatus >= 500;
    problem.insert(QStringLiteral("detail"),
                   serverSide || error.detail.isEmpty() ? QLatin1StringView(info.title) : error.detail);
    if (!error.fields.isEmpty()) {
        QJsonArray fields;
        for (const FieldError &field : error.fields)
            fields.append(QJsonObject{{QStringLiteral("field"), field.field},
                                      {QStringLiteral("message"), field.message}});
        problem.insert(QStringLiteral("errors"), fields);
    }
    return QJsonDocument(problem).toJson(QJsonDocument::Compact);
}

} // namespace fd::http
