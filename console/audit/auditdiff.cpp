#include "console/audit/auditdiff.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <cmath>

namespace fd::console {
namespace {

constexpr double kExactIntegers = 9007199254740992.0; // 2^53: doubles hold every whole number below

void flattenInto(QMap<QString, QJsonValue> &leaves, const QString &path, const QJsonValue &value)
{
    if (value.isObject() && !value.toObject().isEmpty()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            flattenInto(leaves, path.isEmpty() ? it.key() : QString(path + u'.' + it.key()), it.value());
    } else if (value.isArray() && !value.toArray().isEmpty()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            flattenInto(leaves, path + u'[' + QString::number(i) + u']', array.at(i));
    } else {
        leaves.insert(path, value);
    }
}

} // namespace

QMap<QString, QJsonValue> flattenJson(const QJsonValue &value)
{
    QMap<QString, QJsonValue> leaves;
    const bool none = value.isNull() || value.isUndefined() ||
                      (value.isObject() && value.toObject().isEmpty()) ||
                      (value.isArray() && value.toArray().isEmpty());
    if (!none)
        flattenInto(leaves, QString(), value);
    return leaves;
}

QList<AuditDiffRow> diffStates(const QJsonValue &before, const QJsonValue &after)
{
    const QMap<QString, QJsonValue> was = flattenJson(before);
    const QMap<QString, QJsonValue> now = flattenJson(after);
    QList<AuditDiffRow> rows;
    auto old = was.cbegin();
    auto next = now.cbegin();
    // Both maps are ordered by path: one merge walk pairs them up.
    while (old != was.cend() || next != now.cend()) {
        AuditDiffRow row;
        if (next == now.cend() || (old != was.cend() && old.key() < next.key())) {
            row = {old.key(), old.value(), std::nullopt, AuditDiffRow::Change::Removed};
            ++old;
        } else if (old == was.cend() || next.key() < old.key()) {
            row = {next.key(), std::nullopt, next.value(), AuditDiffRow::Change::Added};
            ++next;
        } else {
            const bool same = old.value() == next.value();
            row = {old.key(), old.value(), next.value(),
                   same ? AuditDiffRow::Change::Unchanged : AuditDiffRow::Change::Changed};
            ++old;
            ++next;
        }
        rows.append(row);
    }
    return rows;
}

QString leafText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        const double number = value.toDouble();
        if (std::trunc(number) == number && std::abs(number) < kExactIntegers)
            return QString::number(qint64(number));
        return QString::number(number, 'g', QLocale::FloatingPointShortest);
    }
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("null");
}

} // namespace fd::console
