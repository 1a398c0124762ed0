#include "console/api/problemtext.h"

namespace fd::console {

QString ProblemText::common(const ApiError &error)
{
    // Transport failures are already worded by ApiClient, in the user's language.
    if (!error.reachedServer())
        return error.detail;
    if (error.kind == ApiError::Kind::BadResponse)
        return tr("The server's answer could not be read. Try again, or update the console.");
    switch (error.errorCode()) {
    case ErrorCode::Unauthorized:
    case ErrorCode::InvalidToken:
    case ErrorCode::AccountDisabled:
        return tr("Your session has ended. Sign in again.");
    case ErrorCode::Forbidden:
        return tr("Your role may not do this.");
    case ErrorCode::RateLimited:
        return tr("Too many requests at once. Try again in a moment.");
    case ErrorCode::ServiceUnavailable:
        return tr("The server is busy. Try again in a moment.");
    case ErrorCode::Internal:
        if (error.status >= 500)
            return tr("The server failed (HTTP %1). Try again; if it persists, tell the operators.")
                .arg(error.status);
        break;
    default:
        break;
    }
    return tr("The server refused (HTTP %1).").arg(error.status);
}

} // namespace fd::console
