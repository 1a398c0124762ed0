#pragma once

#include "common/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace fd::http {

// Reads typed members out of a request object, collecting every problem so the client learns all of them
// in one 422 (validation_failed with `errors`), never just the first.
class FieldReader
{
public:
    explicit FieldReader(QJsonObject object) : m_object(std::move(object)) {}

    // A string of maxLength characters at most; a missing required member is an error.
    std::optional<QString> string(const QString &name, bool required = true, int maxLength = 10'000);
    std::optional<bool> boolean(const QString &name, bool required = false);
    void fail(const QString &name, const QString &message) { m_errors.append({name, message}); }

    bool ok() const { return m_errors.isEmpty(); }
    Error error() const;

private:
    QJsonObject m_object;
    QList<FieldError> m_errors;
};

} // namespace fd::http
