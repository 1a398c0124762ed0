#pragma once

#include <QByteArray>
#include <QMutex>

#include <functional>
#include <memory>

namespace prometheus {
class Registry;
}

namespace fd::infra {

// The process' Prometheus registry plus gauges that are sampled at scrape time (pool sizes, Redis state).
class MetricsRegistry
{
public:
    MetricsRegistry();
    ~MetricsRegistry();

    prometheus::Registry &registry() { return *m_registry; }
    // Called on every scrape, before serialisation, one scrape at a time; used to refresh sampled gauges.
    void addCollectHook(std::function<void()> hook);
    QByteArray scrape();

private:
    std::shared_ptr<prometheus::Registry> m_registry;
    std::vector<std::function<void()>> m_hooks;
    QMutex m_scrapeMutex;
};

} // namespace fd::infra
