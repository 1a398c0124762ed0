#include "server/infra/db/timekey.h"

#include <QDate>
#include <QRegularExpression>
#include <QTime>

namespace fd::infra {

QJsonObject TimeKey::toJson() const
{
    return QJsonObject{{QStringLiteral("at"), at}, {QStringLiteral("id"), id.toString(QUuid::WithoutBraces)}};
}

std::optional<TimeKey> TimeKey::fromJson(const QJsonObject &object)
{
    static const QRegularExpression pattern(
        QStringLiteral("^(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})\\.\\d{6}Z$"));
    const QString at = object.value(QStringLiteral("at")).toString();
    const auto match = pattern.match(at);
    if (!match.hasMatch())
        return std::nullopt;
    auto number = [&match](int group) { return match.capturedView(group).toInt(); };
    if (!QDate(number(1), number(2), number(3)).isValid() ||
        !QTime(number(4), number(5), number(6)).isValid())
        return std::nullopt;
    const QUuid id = QUuid::fromString(object.value(QStringLiteral("id")).toString());
    if (id.isNull())
        return std::nullopt;
    return TimeKey{at, id};
}

Result<std::optional<TimeKey>> timeKeyAfter(const std::optional<QJsonObject> &cursor)
{
    if (!cursor)
        return std::optional<TimeKey>{};
    auto key = TimeKey::fromJson(*cursor);
    if (!key)
        return Error{ErrorCode::ValidationFailed,
                     QStringLiteral("Invalid pagination"),
                     {{QStringLiteral("cursor"), QStringLiteral("is not a cursor this API returned")}}};
    return key;
}

QString timeKeySql(QLatin1StringView column)
{
    return QStringLiteral("to_char(") + column +
           QStringLiteral(" AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')");
}

} // namespace fd::infra
