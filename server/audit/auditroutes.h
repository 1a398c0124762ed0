#pragma once

namespace fd::infra {
class DbPool;
}
namespace fd::http {
class Router;
}

namespace fd::audit {

// GET /api/v1/admin/audit-log: admins and moderators read who changed what, when.
void registerRoutes(http::Router &router, infra::DbPool *db);

} // namespace fd::audit
