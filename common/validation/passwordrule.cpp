#include "common/validation/passwordrule.h"

#include <QList>

namespace fd::validation {

std::optional<QString> checkPassword(const QString &password)
{
    const qsizetype length = password.toUcs4().size();
    if (length < kPasswordMinLength || length > kPasswordMaxLength)
        return QStringLiteral("must be %1 to %2 characters").arg(kPasswordMinLength).arg(kPasswordMaxLength);
    if (password.contains(QChar(0)))
        return QStringLiteral("must not contain NUL characters");
    return std::nullopt;
}

} // namespace fd::validation
