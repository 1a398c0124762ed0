#pragma once

#include "common/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

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
    // A JSON number that is a whole number within [min, max]: 1.5, "5" or 1e400 are refused.
    std::optional<qint64> integer(const QString &name, bool required, qint64 min, qint64 max);
    // Every member not named here is reported, so a misspelt field never passes silently.
    void onlyMembers(const QStringList &known);
    void fail(const QString &name, const QString &message) { m_errors.append({name, message}); }

    bool ok() const { return m_errors.isEmpty(); }
    Error error() const;

private:
    QJsonObject m_object;
    QList<FieldError> m_errors;
};

} // namespace fd::http
