#pragma once

#include "server/http/clientaddress.h"
#include "server/infra/ratelimit/ratelimiter.h"

namespace fd::infra {
class DbPool;
class HashingPool;
} // namespace fd::infra

namespace fd::http {
class Router;
class Exchange;
} // namespace fd::http

namespace fd::audit {
struct Actor;
}

namespace fd::identity {

class IdentityService;

struct IdentityLimits
{
    infra::RateLimitPolicy loginPerAccount{"login-account", 7, 60'000, false};
    infra::RateLimitPolicy loginPerIp{"login-ip", 30, 60'000, false};
    infra::RateLimitPolicy signupPerIp{"signup-ip", 3, 3'600'000, false};
};

struct IdentityDeps
{
    infra::DbPool *db = nullptr;
    infra::HashingPool *hashing = nullptr;
    IdentityService *service = nullptr;
    IdentityLimits limits;
    http::Subnets trustedProxies;
};

// Signup, login, refresh, logout, the caller's account and password.
void registerRoutes(http::Router &router, const IdentityDeps &deps);

// Helpers shared by the identity route files.
audit::Actor actorOf(const http::Exchange &exchange, const http::Subnets &trustedProxies);

} // namespace fd::identity
