#pragma once

#include "common/result.h"
#include "server/reservations/holdsdeps.h"

#include <QObject>

#include <functional>

namespace fd::reservations {

struct RebuildOutcome
{
    enum class Kind {
        Loaded, // Redis holds a fresh state (ours, or a newer one)
        Busy,   // another caller is rebuilding this product right now: ask Redis again shortly
        NotOnSale,
    };
    Kind kind = Kind::Busy;
    HoldSnapshot snapshot; // NotOnSale: what PostgreSQL said
};

// Rebuilds one product's Redis hold state from PostgreSQL, at most one caller at a time across every node
// (a lock in Redis): take the lock, move the product to a new hold generation and read its PENDING holds
// (one transaction), install that in Redis, drop the lock. A product not on sale is remembered as such for
// a while (so asking again costs PostgreSQL nothing); an unknown one leaves nothing behind. Answers on
// context's thread.
void rebuildHoldState(const HoldsDeps &deps, infra::RedisClient *redis, QObject *context,
                      const QUuid &productId, std::function<void(Result<RebuildOutcome>)> done);

} // namespace fd::reservations
