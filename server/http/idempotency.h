#pragma once

#include "common/result.h"
#include "server/http/exchange.h"

#include <QByteArray>

#include <functional>
#include <optional>

namespace fd::http {

// What a route does with an Idempotency-Key (POST routes of signed-in callers only).
enum class IdempotencyUse {
    Accepted, // honoured when sent
    Required, // 428 without one
    Ignored,  // never stored: the answer carries a secret
};

struct IdempotencySettings
{
    qint64 replayTtlMs = 24 * 3600 * 1000;
    // How long a claim lives when its node dies before answering; until then retries get 409.
    qint64 runningTtlMs = 60'000;
};

// The key sent in Idempotency-Key (or X-Idempotency-Key): nothing when none was sent, 400 when it is not
// 1..255 printable ASCII characters.
Result<std::optional<QByteArray>> idempotencyKeyOf(const Request &request);

// Whether an answer is kept for replay: not when the request failed before it could change anything
// (malformed, unauthenticated, forbidden, invalid, rate limited) or failed on the server's side.
bool replayable(int status);

// Runs a request at most once per (caller, method, path, key), atomically across every node (Redis):
// the first request runs and its answer is kept; a retry with the same body gets that answer again with
// `Idempotent-Replayed: true`; a different body gets 422, a retry while the first still runs 409.
// `proceed` runs only when this request claimed the key (or sent none on an Accepted route).
void runIdempotently(const IdempotencySettings &settings, IdempotencyUse use, const ExchangePtr &exchange,
                     std::function<void()> proceed);

} // namespace fd::http
