#include "common/money.h"

namespace fd::money {

namespace {

constexpr int kMaxWholeDigits = 13; // numeric(15,2): far above any price, far below qint64

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

} // namespace

std::optional<qint64> parseCents(QStringView text)
{
    const qsizetype dot = text.indexOf(u'.');
    const QStringView whole = dot < 0 ? text : text.left(dot);
    const QStringView fraction = dot < 0 ? QStringView() : text.mid(dot + 1);
    if (whole.isEmpty() || whole.size() > kMaxWholeDigits || (dot >= 0 && fraction.isEmpty()) ||
        fraction.size() > 2)
        return std::nullopt;
    qint64 cents = 0;
    for (QChar c : whole) {
        if (!isDigit(c))
            return std::nullopt;
        cents = cents * 10 + (c.unicode() - u'0');
    }
    for (int i = 0; i < 2; ++i) {
        const QChar c = i < fraction.size() ? fraction.at(i) : QChar(u'0');
        if (!isDigit(c))
            return std::nullopt;
        cents = cents * 10 + (c.unicode() - u'0');
    }
    return cents;
}

QString formatCents(qint64 cents)
{
    const QString sign = cents < 0 ? QStringLiteral("-") : QString();
    const qint64 magnitude = cents < 0 ? -cents : cents;
    return sign + QString::number(magnitude / 100) + u'.' +
           QStringLiteral("%1").arg(magnitude % 100, 2, 10, QChar(u'0'));
}

} // namespace fd::money
