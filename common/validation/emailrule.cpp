#include "common/validation/emailrule.h"

namespace fd::validation {

std::optional<QString> checkEmail(const QString &email)
{
    if (email.size() < 3 || email.size() > 320)
        return QStringLiteral("must be 3 to 320 characters");
    const qsizetype at = email.indexOf(u'@');
    if (at <= 0 || at != email.lastIndexOf(u'@') || at == email.size() - 1)
        return QStringLiteral("must contain one @ between a name and a domain");
    const QStringView domain = QStringView(email).mid(at + 1);
    if (!domain.contains(u'.') || domain.startsWith(u'.') || domain.endsWith(u'.'))
        return QStringLiteral("must have a domain such as example.com");
    for (const QChar c : email) {
        if (c.isSpace() || c.category() == QChar::Other_Control || c.isNull())
            return QStringLiteral("must not contain spaces or control characters");
    }
    return std::nullopt;
}

QString normalizedEmail(const QString &email)
{
    const QString trimmed = email.trimmed();
    const qsizetype at = trimmed.indexOf(u'@');
    return at < 0 ? trimmed : trimmed.left(at) + trimmed.mid(at).toLower();
}

} // namespace fd::validation
