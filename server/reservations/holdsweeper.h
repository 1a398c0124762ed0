#pragma once

#include "server/infra/redis/redisendpoint.h"
#include "server/reservations/holdsdeps.h"
#include "server/reservations/reservationrepository.h"

#include <QObject>
#include <QSqlDatabase>
#include <QTimer>

#include <functional>

namespace fd::reservations {

// Returns holds that outlived their deadline: marks them EXPIRED in PostgreSQL (each exactly once, however
// many sweepers run on however many nodes), then puts their units back on sale in Redis (idempotent, so a
// hold's units return at most once, and a sold hold is never PENDING, so never returned). Lives in its own
// thread with its own Redis connection.
class HoldSweeper : public QObject
{
    Q_OBJECT
public:
    // One pass of one kind of expiry: marks at most `batch` lapsed rows and answers the holds that ended.
    using ExpiryStep = std::function<Result<QList<ExpiredHold>>(QSqlDatabase &, int batch)>;

    HoldSweeper(HoldsDeps deps, QList<ExpiryStep> steps, infra::RedisEndpoint redis, int intervalMs,
                QObject *parent = nullptr);

    // Call in the sweeper's thread.
    void start();

private:
    void sweep();
    void returnUnits(const QList<ExpiredHold> &expired, bool more);

    HoldsDeps m_deps;
    QList<ExpiryStep> m_steps;
    infra::RedisEndpoint m_endpoint;
    infra::RedisClient *m_redis = nullptr;
    QTimer m_timer;
    bool m_sweeping = false;
};

} // namespace fd::reservations
