#pragma once

#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace fd::console {

// One field of an audit entry's before/after states, by its dotted path ("address.city", "items[0].sku").
struct AuditDiffRow
{
    enum class Change { Unchanged, Changed, Added, Removed };

    QString path;
    std::optional<QJsonValue> before; // absent: the field did not exist before
    std::optional<QJsonValue> after;  // absent: the field does not exist after
    Change change = Change::Unchanged;
};

// Nested objects and arrays as leaf values by dotted path; empty objects and arrays are leaves themselves.
// A scalar at the top is one leaf with an empty path; a null or empty state (an entry without one) has none.
QMap<QString, QJsonValue> flattenJson(const QJsonValue &value);

// Every leaf of either state, ordered by path.
QList<AuditDiffRow> diffStates(const QJsonValue &before, const QJsonValue &after);

// A leaf as people read it: strings without quotes, whole numbers without a fraction, empty containers as
// JSON.
QString leafText(const QJsonValue &value);

} // namespace fd::console
