#pragma once

#include "common/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUuid>

#include <optional>

namespace fd::infra {

// A keyset position on (timestamptz, uuid). PostgreSQL keeps microseconds and QDateTime only milliseconds,
// so the time travels as PostgreSQL's own UTC text, exact to the microsecond: a cursor built from a rounded
// time would skip or repeat rows.
struct TimeKey
{
    QString at; // "2026-11-26T08:00:00.123456Z"
    QUuid id;

    QJsonObject toJson() const;
    // Nothing unless the object is a key this server wrote, so casting `at` in SQL cannot fail.
    static std::optional<TimeKey> fromJson(const QJsonObject &object);
};

// Where a page request's decoded cursor says to continue: nothing on the first page, ValidationFailed for a
// cursor this server did not write.
Result<std::optional<TimeKey>> timeKeyAfter(const std::optional<QJsonObject> &cursor);

// SQL rendering a timestamptz column (a constant name, never input) the way TimeKey::at carries it.
QString timeKeySql(QLatin1StringView column);

// List queries fetch one row more than a page to learn whether another page follows. Drops that row and
// returns where the next page starts, or nothing on the last page.
template <typename Row> std::optional<TimeKey> trimToPage(QList<Row> &rows, int limit)
{
    if (rows.size() <= limit)
        return std::nullopt;
    rows.resize(limit);
    return rows.last().key();
}

} // namespace fd::infra
