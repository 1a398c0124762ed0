#pragma once

#include <QString>

#include <optional>

namespace fd::validation {

// An email the API accepts: 3..320 characters, one @, a dotted domain, no spaces or control characters.
// Returns the message to show, or nothing when valid. Shared by the server and the console.
std::optional<QString> checkEmail(const QString &email);
QString normalizedEmail(const QString &email); // trimmed; the domain lower-cased

} // namespace fd::validation
