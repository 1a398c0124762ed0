#pragma once

#include "common/result.h"

#include <QByteArray>

namespace fd::http {

inline constexpr char kProblemContentType[] = "application/problem+json";

// Renders an Error as an RFC 9457 problem document. 5xx details are replaced by a generic text so
// internals never leak; the caller logs the real detail.
QByteArray problemBody(const Error &error, const QByteArray &requestId);

int problemStatus(const Error &error);

} // namespace fd::http
