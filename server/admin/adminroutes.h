#pragma once

#include "server/http/clientaddress.h"

namespace fd::infra {
class DbPool;
}

namespace fd::http {
class Router;
}

namespace fd::admin {

struct AdminDeps
{
    infra::DbPool *db = nullptr;
    http::Subnets trustedProxies;
};

// /api/v1/admin/...: accounts (moderators read, admins change), upgrade decisions and the dashboard's counts.
void registerRoutes(http::Router &router, const AdminDeps &deps);

} // namespace fd::admin
