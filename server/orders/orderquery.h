#pragma once

#include "common/result.h"
#include "server/orders/orderrepository.h"

#include <QUrlQuery>

namespace fd::orders {

// The filters of an order list from its query: status, and for staff also user_id, product_id, from and
// to (RFC 3339). Every problem in one 422.
Result<OrderFilter> orderFilterFrom(const QUrlQuery &query, bool staffFilters);

} // namespace fd::orders
