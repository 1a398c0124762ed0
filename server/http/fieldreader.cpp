#include "server/http/fieldreader.h"

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

Error FieldReader::error() const
{
    return Error{ErrorCode::ValidationFailed, QStringLiteral("Some fields are invalid"), m_errors};
}

} // namespace fd::http
