#pragma once

#include <QByteArray>
#include <QString>

namespace fd {

// Stable machine-readable error codes of the API (the `code` member of problem+json).
// Clients translate these; they never parse `detail`.
enum class ErrorCode {
    BadRequest,
    MalformedJson,
    ValidationFailed,
    Unauthorized,
    InvalidCredentials,
    InvalidToken,
    RefreshTokenReused,
    Forbidden,
    AccountDisabled,
    NotFound,
    MethodNotAllowed,
    Conflict,
    EmailTaken,
    SelfModification,
    UpgradeRequestPending,
    UpgradeRequestDecided,
    RoleAlreadyHeld,
    InvalidState,
    AlreadyClaimed,
    ProductLimitReached,
    ProductReserved,
    InsufficientStock,
    HoldLimitReached,
    OwnProduct,
    HoldNotPending,
    HoldExpired,
    IdempotencyKeyReused,
    IdempotencyInProgress,
    IdempotencyKeyRequired,
    PreconditionFailed,
    PayloadTooLarge,
    HeadersTooLarge,
    LengthRequired,
    UnsupportedMediaType,
    RateLimited,
    ServiceUnavailable,
    Internal,
};

struct ErrorInfo
{
    int httpStatus;
    const char *code;  // e.g. "validation_failed"
    const char *title; // short English summary, constant per code
};

ErrorInfo errorInfo(ErrorCode code);

// Maps a stable code string back to its enum; unknown strings map to Internal.
ErrorCode errorCodeFromString(QStringView code);

} // namespace fd
