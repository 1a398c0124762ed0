#include "common/errorcode.h"

#include <array>

namespace fd {
namespace {

struct Entry
{
    ErrorCode code;
    ErrorInfo info;
};

constexpr std::array kEntries{
    Entry{ErrorCode::BadRequest, {400, "bad_request", "Bad request"}},
    Entry{ErrorCode::MalformedJson, {400, "malformed_json", "Malformed JSON body"}},
    Entry{ErrorCode::ValidationFailed, {422, "validation_failed", "Validation failed"}},
    Entry{ErrorCode::Unauthorized, {401, "unauthorized", "Authentication required"}},
    Entry{ErrorCode::InvalidCredentials, {401, "invalid_credentials", "Wrong email or password"}},
    Entry{ErrorCode::InvalidToken, {401, "invalid_token", "The token is invalid or expired"}},
    Entry{ErrorCode::RefreshTokenReused, {401, "refresh_token_reused", "Refresh token already used"}},
    Entry{ErrorCode::Forbidden, {403, "forbidden", "Not allowed"}},
    Entry{ErrorCode::AccountDisabled, {403, "account_disabled", "The account is deactivated"}},
    Entry{ErrorCode::NotFound, {404, "not_found", "Not found"}},
    Entry{ErrorCode::MethodNotAllowed, {405, "method_not_allowed", "Method not allowed"}},
    Entry{ErrorCode::Conflict, {409, "conflict", "Conflict"}},
    Entry{ErrorCode::EmailTaken, {409, "email_taken", "Email already registered"}},
    Entry{ErrorCode::SelfModification,
          {409, "self_modification", "You cannot deactivate or demote yourself"}},
    Entry{ErrorCode::UpgradeRequestPending,
          {409, "upgrade_request_pending", "An upgrade request is already pending"}},
    Entry{ErrorCode::UpgradeRequestDecided,
          {409, "upgrade_request_decided", "The upgrade request was already decided"}},
    Entry{ErrorCode::RoleAlreadyHeld, {409, "role_already_held", "You already have this role"}},
    Entry{ErrorCode::InvalidState, {409, "invalid_state", "Not possible in the current state"}},
    Entry{ErrorCode::AlreadyClaimed, {409, "already_claimed", "Another moderator is reviewing this"}},
    Entry{ErrorCode::ProductLimitReached,
          {409, "product_limit_reached", "The seller's product limit is reached"}},
    Entry{ErrorCode::ProductReserved, {409, "product_reserved", "The product has reservations"}},
    Entry{ErrorCode::InsufficientStock, {409, "insufficient_stock", "Not enough units left"}},
    Entry{ErrorCode::HoldLimitReached,
          {409, "hold_limit_reached", "You already hold as many units of this product as one buyer may"}},
    Entry{ErrorCode::OwnProduct, {403, "own_product", "Sellers cannot reserve their own products"}},
    Entry{ErrorCode::HoldNotPending, {409, "hold_not_pending", "The hold has already ended"}},
    Entry{ErrorCode::HoldExpired, {409, "hold_expired", "A hold of the order has expired"}},
    Entry{ErrorCode::IdempotencyKeyReused,
          {422, "idempotency_key_reused", "The idempotency key was used for a different request"}},
    Entry{ErrorCode::IdempotencyInProgress,
          {409, "idempotency_in_progress", "A request with this idempotency key is still running"}},
    Entry{ErrorCode::IdempotencyKeyRequired,
          {428, "idempotency_key_required", "This request needs an Idempotency-Key header"}},
    Entry{ErrorCode::PreconditionFailed, {412, "precondition_failed", "Precondition failed"}},
    Entry{ErrorCode::PayloadTooLarge, {413, "payload_too_large", "Request body too large"}},
    Entry{ErrorCode::HeadersTooLarge, {431, "headers_too_large", "Request headers too large"}},
    Entry{ErrorCode::LengthRequired, {411, "length_required", "Content-Length required"}},
    Entry{ErrorCode::UnsupportedMediaType, {415, "unsupported_media_type", "Unsupported media type"}},
    Entry{ErrorCode::RateLimited, {429, "rate_limited", "Too many requests"}},
    Entry{ErrorCode::ServiceUnavailable, {503, "service_unavailable", "Service unavailable"}},
    Entry{ErrorCode::Internal, {500, "internal_error", "Internal server error"}},
};

} // namespace

ErrorInfo errorInfo(ErrorCode code)
{
    for (const auto &entry : kEntries) {
        if (entry.code == code)
            return entry.info;
    }
    return {500, "internal_error", "Internal server error"};
}

ErrorCode errorCodeFromString(QStringView code)
{
    for (const auto &entry : kEntries) {
        if (code == QLatin1StringView(entry.info.code))
            return entry.code;
    }
    return ErrorCode::Internal;
}

} // namespace fd
