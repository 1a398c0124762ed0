#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QJsonObject>

#include <optional>

namespace fd::http {

// Parses a request body that must be one JSON object: malformed JSON, another top-level type or invalid
// UTF-8 give 400 malformed_json with where it went wrong.
Result<QJsonObject> parseJsonObject(const QByteArray &body);

class Exchange;
// The request body as one JSON object; when it is not, answers the exchange with the problem and returns
// nothing, so a handler just returns.
std::optional<QJsonObject> jsonObjectOrAnswer(Exchange &exchange);

} // namespace fd::http
