#include "server/infra/metrics/metricsregistry.h"

#include "common/version.h"

#include <prometheus/gauge.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

namespace fd::infra {

MetricsRegistry::MetricsRegistry() : m_registry(std::make_shared<prometheus::Registry>())
{
    prometheus::BuildGauge()
        .Name("fairdrop_build_info")
        .Help("Build information; the value is always 1")
        .Register(*m_registry)
        .Add({{"version", productVersion().toStdString()}, {"qt", qVersion()}})
        .Set(1);
}

MetricsRegistry::~MetricsRegistry() = default;

void MetricsRegistry::addCollectHook(std::function<void()> hook)
{
    m_hooks.push_back(std::move(hook));
}

QByteArray MetricsRegistry::scrape()
{
    // IO threads scrape independently; hooks may keep state between scrapes.
    const QMutexLocker lock(&m_scrapeMutex);
    for (const auto &hook : m_hooks)
        hook();
    const std::string text = prometheus::TextSerializer().Serialize(m_registry->Collect());
    return QByteArray(text.data(), qsizetype(text.size()));
}

} // namespace fd::infra
