#pragma once

#include "common/result.h"

#include <QCoreApplication>
#include <QUrl>

namespace fd::console {

// Checks a server address as typed by a person, so a typo is explained in place instead of turning into
// a confusing network error.
class ServerUrl
{
    Q_DECLARE_TR_FUNCTIONS(fd::console::ServerUrl)
public:
    // The normalised URL, or ErrorCode::ValidationFailed with a translated explanation in detail.
    static Result<QUrl> parse(const QString &text);
};

} // namespace fd::console
