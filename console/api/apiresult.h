#pragma once

#include "common/errorcode.h"

#include <QJsonDocument>
#include <QString>

#include <optional>

namespace fd::console {

// Why a call failed. Pages branch on kind (reachability) and on code (the API's stable error code);
// detail is for display only and is never parsed.
struct ApiError
{
    enum class Kind {
        Transport,   // no HTTP answer: refused, reset, DNS, TLS
        Timeout,     // no complete answer within the client's timeout
        Http,        // an HTTP error status, with problem+json when the server sent one
        BadResponse, // a success status whose body is not the JSON we asked for
    };

    Kind kind = Kind::Transport;
    int status = 0; // HTTP status; 0 when no answer arrived
    QString code;   // problem+json `code` (e.g. "validation_failed"); empty when the server sent none
    QString detail;

    ErrorCode errorCode() const { return errorCodeFromString(code); }
    bool reachedServer() const { return kind == Kind::Http || kind == Kind::BadResponse; }
    // Whether the same call may well succeed if sent again unchanged: no answer, an unreadable one, a server
    // failure, or a server asking to slow down. Pages offer Retry for these and not for refusals.
    bool transient() const
    {
        if (!reachedServer() || kind == Kind::BadResponse || status >= 500)
            return true;
        const ErrorCode c = errorCode();
        return c == ErrorCode::RateLimited || c == ErrorCode::ServiceUnavailable;
    }
};

struct ApiResult
{
    int status = 0;
    // The parsed JSON body, also on error statuses: some answers (e.g. /readyz's 503) carry a document.
    QJsonDocument json;
    // The ETag header, for a later If-Match; empty when the answer carried none.
    QByteArray etag;
    std::optional<ApiError> error;

    bool ok() const { return !error.has_value(); }
};

} // namespace fd::console
