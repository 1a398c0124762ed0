#pragma once

#include <QLatin1StringView>

// Paths shared by the server's router and the console's client, so the two cannot drift apart.
namespace fd::api {

inline constexpr QLatin1StringView kBasePath{"/api/v1"};
inline constexpr QLatin1StringView kHealthz{"/healthz"};
inline constexpr QLatin1StringView kReadyz{"/readyz"};
inline constexpr QLatin1StringView kMetrics{"/metrics"};
inline constexpr QLatin1StringView kOpenApi{"/api/v1/openapi.json"};
inline constexpr QLatin1StringView kDocs{"/docs"};

} // namespace fd::api
