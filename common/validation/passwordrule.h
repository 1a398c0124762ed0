#pragma once

#include <QString>

#include <optional>

namespace fd::validation {

inline constexpr int kPasswordMinLength = 10;
inline constexpr int kPasswordMaxLength = 128;

// Length counted in characters (code points), not bytes: 10..128. Returns the message, or nothing.
std::optional<QString> checkPassword(const QString &password);

} // namespace fd::validation
