#pragma once

#include "common/result.h"
#include "server/reservations/reservationrecord.h"

#include <QByteArray>
#include <QList>
#include <QUuid>

#include <functional>

namespace fd::infra {
class RedisClient;
}

namespace fd::reservations {

// How holds are decided; the same on every node.
struct HoldPolicy
{
    int maxUnitsPerUser = 10;
    qint64 reservesPerSecond = 1000; // per product, granted holds only
    // A product's Redis state lives this long after its last grant (or rebuild); an idle product is then
    // simply rebuilt from PostgreSQL, which also drops anything a crash left behind.
    qint64 stateLifetimeMs = 30 * 60 * 1000;
    // A granted hold PostgreSQL has not recorded by then counts as overdue: its request died between the
    // two writes, and the product's state is rebuilt to give the units back.
    qint64 unconfirmedMs = 2 * 60 * 1000;
    // How long a product that is not on sale is remembered as such (a catalog change forgets it at once).
    qint64 offSaleLifetimeMs = 60 * 1000;
};

struct HoldDecision
{
    enum class Outcome {
        Granted,
        Insufficient,
        UserLimit,
        OwnProduct,
        NotOnSale,
        RateLimited,
        Rebuild,
        Unavailable
    };
    Outcome outcome = Outcome::Unavailable;
    qint64 available = 0;  // after the grant, or what there was
    qint64 generation = 0; // the state's hold generation (Granted, Insufficient)
    qint64 overdue = 0;    // unconfirmed holds past their deadline (Granted, Insufficient)
    qint64 unitsHeld = 0;  // UserLimit
    qint64 retryAfterMs = 0;
    QUuid sellerId; // NotOnSale
};

// A product's holds in Redis: the keys of one product share the hash tag {p:<id>}, so every script runs
// on Redis Cluster. All calls are asynchronous and answer on the client's thread.
class HoldStore
{
public:
    static QList<QByteArray> keysOf(const QUuid &productId);
    static QByteArray rebuildLockKey(const QUuid &productId);

    static void reserve(infra::RedisClient *redis, const HoldPolicy &policy, const HoldRequest &hold,
                        std::function<void(HoldDecision)> done);
    // PostgreSQL recorded the hold: it is no longer a candidate for repair.
    static void confirm(infra::RedisClient *redis, const HoldRequest &hold);
    // Ends a hold: its units go back on sale (released, expired, never recorded) or not (sold).
    // Answers the quantity returned, 0 when Redis did not know the hold.
    static void end(infra::RedisClient *redis, const QUuid &productId, const QUuid &holdId, bool backOnSale,
                    std::function<void(Result<qint64>)> done);
    // Installs a state rebuilt from PostgreSQL; false when a newer one was already there.
    static void load(infra::RedisClient *redis, const HoldPolicy &policy, const QUuid &productId,
                     const HoldSnapshot &snapshot, std::function<void(Result<bool>)> done);
    // Drops the product's state, so the next reserve rebuilds it (after a catalog change).
    static void forget(infra::RedisClient *redis, const QUuid &productId);
    // The generation of the state Redis holds now; 0 when it holds none.
    static void generation(infra::RedisClient *redis, const QUuid &productId,
                           std::function<void(Result<qint64>)> done);

    // One rebuild per product at a time across every node: true when this caller may rebuild.
    static void lockRebuild(infra::RedisClient *redis, const QUuid &productId, const QByteArray &token,
                            qint64 ttlMs, std::function<void(bool)> done);
    static void unlockRebuild(infra::RedisClient *redis, const QUuid &productId, const QByteArray &token);
};

} // namespace fd::reservations
