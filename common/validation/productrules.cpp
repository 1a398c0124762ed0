#include "common/validation/productrules.h"

#include "common/money.h"

namespace fd::validation {

bool hasControlCharacters(QStringView text, bool allowLineBreaks)
{
    for (QChar c : text) {
        if (c.unicode() >= 0x20 && c.unicode() != 0x7f)
            continue;
        if (allowLineBreaks && (c == u'\n' || c == u'\r' || c == u'\t'))
            continue;
        return true;
    }
    return false;
}

std::optional<TextProblem> checkProductName(const QString &trimmedName)
{
    if (trimmedName.isEmpty())
        return TextProblem::Empty;
    if (trimmedName.size() > kProductNameMaxLength)
        return TextProblem::TooLong;
    if (hasControlCharacters(trimmedName, false))
        return TextProblem::ControlCharacters;
    return std::nullopt;
}

std::optional<TextProblem> checkProductDescription(const QString &description)
{
    if (description.size() > kProductDescriptionMaxLength)
        return TextProblem::TooLong;
    if (hasControlCharacters(description, true))
        return TextProblem::ControlCharacters;
    return std::nullopt;
}

PriceCheck checkPrice(QStringView text)
{
    if (text.trimmed().isEmpty())
        return {std::nullopt, PriceProblem::Missing};
    const auto cents = money::parseCents(text);
    if (!cents)
        return {std::nullopt, PriceProblem::NotADecimal};
    if (*cents < money::kMinPriceCents || *cents > money::kMaxPriceCents)
        return {std::nullopt, PriceProblem::OutOfRange};
    return {cents, std::nullopt};
}

bool stockInRange(qint64 stock)
{
    return stock >= 0 && stock <= kProductStockMax;
}

} // namespace fd::validation
