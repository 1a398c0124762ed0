#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace fd::money {

// Money travels as a decimal string with at most two places ("149.90") and is held as integer cents, so no
// value ever passes through a binary float.
inline constexpr qint64 kMinPriceCents = 10;            // 0.10
inline constexpr qint64 kMaxPriceCents = 100'000'000LL; // 1000000.00

// "12", "12.3" or "12.34": digits, no sign, no exponent, no spaces. Nothing for anything else, or for more
// digits than a price can have.
std::optional<qint64> parseCents(QStringView text);
// Always two places: 14990 → "149.90".
QString formatCents(qint64 cents);

} // namespace fd::money
