#pragma once

#include "server/reservations/holdstore.h"

namespace fd::infra {
class DbPool;
}

namespace fd::reservations {

class HoldMetrics;

// What the hold flows need, shared by the routes and the sweeper.
struct HoldsDeps
{
    infra::DbPool *db = nullptr;
    HoldPolicy policy;
    qint64 ttlSeconds = 900;        // a hold's lifetime
    HoldMetrics *metrics = nullptr; // optional
};

} // namespace fd::reservations
