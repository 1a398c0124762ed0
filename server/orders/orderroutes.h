#pragma once

#include "server/http/clientaddress.h"
#include "server/reservations/holdsdeps.h"

namespace fd::http {
class Router;
}

namespace fd::orders {

struct OrdersDeps
{
    reservations::HoldsDeps holds; // the database, and where sold or returned units are counted
    http::Subnets trustedProxies;
    qint64 idempotencyTtlSeconds = 86400;
};

// /orders/...: create from holds, read, pay, cancel, ship, complete; /buyer/orders and /buyer/stats;
// /seller/orders; /admin/orders.
void registerRoutes(http::Router &router, const OrdersDeps &deps);

} // namespace fd::orders
