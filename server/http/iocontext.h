#pragma once

#include <QObject>

#include "server/infra/ratelimit/ratelimitlease.h"

#include <memory>
#include <optional>

namespace fd::infra {
class RedisClient;
}

namespace fd::http {

class Exchange;

// The per-IO-thread object: lives in its thread, so continuations queued to it run there, and it carries
// the thread's own connections (one async Redis connection per IO thread).
class IoContext : public QObject
{
    Q_OBJECT
public:
    explicit IoContext(int index, QObject *parent = nullptr) : QObject(parent), m_index(index) {}

    int index() const { return m_index; }
    infra::RedisClient *redis() const { return m_redis; }
    void setRedis(infra::RedisClient *redis) { m_redis = redis; }

    static IoContext *of(const Exchange &exchange);

    // This thread's lease of the cluster-wide limit, made on first use.
    infra::RateLimitLease &globalLease(const infra::RateLimitPolicy &policy)
    {
        if (!m_globalLease)
            m_globalLease.emplace(policy);
        return *m_globalLease;
    }

private:
    std::optional<infra::RateLimitLease> m_globalLease;
    int m_index;
    infra::RedisClient *m_redis = nullptr;
};

} // namespace fd::http
