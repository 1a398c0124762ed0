#pragma once

#include "server/http/clientaddress.h"
#include "server/reservations/holdsdeps.h"

namespace fd::http {
class Router;
}

namespace fd::reservations {

// POST /inventory/reserve, GET /inventory/reservations[/{id}], DELETE /inventory/reservations/{id}.
void registerRoutes(http::Router &router, const HoldsDeps &deps);

} // namespace fd::reservations
