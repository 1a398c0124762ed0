#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QJsonObject>

namespace fd::http {

// Parses a request body that must be one JSON object: malformed JSON, another top-level type or invalid
// UTF-8 give 400 malformed_json with where it went wrong.
Result<QJsonObject> parseJsonObject(const QByteArray &body);

} // namespace fd::http
