#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace fd::validation {

// What makes a product's fields acceptable, shared by the server (which refuses) and the console (which
// stops a form before sending it). Lengths count UTF-16 units, as the server's field reader does.
inline constexpr int kProductNameMaxLength = 200;
inline constexpr int kProductDescriptionMaxLength = 5000;
inline constexpr int kRejectionReasonMaxLength = 2000;
inline constexpr qint64 kProductStockMax = 1'000'000;

enum class TextProblem { Empty, TooLong, ControlCharacters };
enum class PriceProblem { Missing, NotADecimal, OutOfRange };

// C0 controls and DEL; line breaks and tabs pass when the text is free-form (descriptions, reasons).
bool hasControlCharacters(QStringView text, bool allowLineBreaks);

// The name as it will be stored is trimmed: check the trimmed text.
std::optional<TextProblem> checkProductName(const QString &trimmedName);
std::optional<TextProblem> checkProductDescription(const QString &description);

// A price as the API takes it: a decimal string of at most two places, from 0.10 to 1000000.00.
struct PriceCheck
{
    std::optional<qint64> cents;
    std::optional<PriceProblem> problem;
};
PriceCheck checkPrice(QStringView text);

bool stockInRange(qint64 stock);

} // namespace fd::validation
