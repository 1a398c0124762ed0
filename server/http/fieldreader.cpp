#include "server/http/fieldreader.h"

#include <cmath>

namespace fd::http {

std::optional<QString> FieldReader::string(const QString &name, bool required, int maxLength)
{
    const QJsonValue value = m_object.value(name);
    if (value.isUndefined() || value.isNull()) {
        if (required)
            fail(name, QStringLiteral("is required"));
        return std::nullopt;
    }
    if (!value.isString()) {
        fail(name, QStringLiteral("must be a string"));
        return std::nullopt;
    }
    const QString text = value.toString();
    if (text.size() > maxLength) {
        fail(name, QStringLiteral("must be at most %1 characters").arg(maxLength));
        return std::nullopt;
    }
    return text;
}

std::optional<bool> FieldReader::boolean(const QString &name, bool required)
{
    const QJsonValue value = m_object.value(name);
    if (value.isUndefined() || value.isNull()) {
        if (required)
            fail(name, QStringLiteral("is required"));
        return std::nullopt;
    }
    if (!value.isBool()) {
        fail(name, QStringLiteral("must be true or false"));
        return std::nullopt;
    }
    return value.toBool();
}

std::optional<qint64> FieldReader::integer(const QString &name, bool required, qint64 min, qint64 max)
{
    const QJsonValue value = m_object.value(name);
    if (value.isUndefined() || value.isNull()) {
        if (required)
            fail(name, QStringLiteral("is required"));
        return std::nullopt;
    }
    const double number = value.toDouble();
    if (!value.isDouble() || !std::isfinite(number) || std::floor(number) != number || number < double(min) ||
        number > double(max)) {
        fail(name, QStringLiteral("must be a whole number from %1 to %2").arg(min).arg(max));
        return std::nullopt;
    }
    return qint64(number);
}

void FieldReader::onlyMembers(const QStringList &known)
{
    for (auto it = m_object.constBegin(); it != m_object.constEnd(); ++it) {
        if (!known.contains(it.key()))
            fail(it.key(), QStringLiteral("is not a known field"));
    }
}

Error FieldReader::error() const
{
    return Error{ErrorCode::ValidationFailed, QStringLiteral("Some fields are invalid"), m_errors};
}

} // namespace fd::http
