#include "server/infra/metrics/httpmetrics.h"

#include "server/infra/metrics/metricsregistry.h"

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <QHash>

namespace fd::infra {
namespace {

const prometheus::Histogram::BucketBoundaries kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                       0.1,    0.25,  0.5,    1.0,   2.5,  5.0,   10.0};

struct SeriesCache
{
    const HttpMetrics *owner = nullptr;
    QHash<QString, prometheus::Counter *> counters;
    QHash<QString, prometheus::Histogram *> histograms;
};

thread_local SeriesCache t_cache;

} // namespace

HttpMetrics::HttpMetrics(MetricsRegistry &registry)
    : m_requests(prometheus::BuildCounter()
                     .Name("fairdrop_http_requests_total")
                     .Help("HTTP requests answered, by method, route template and status")
                     .Register(registry.registry())),
      m_durations(prometheus::BuildHistogram()
                      .Name("fairdrop_http_request_duration_seconds")
                      .Help("Time from request parsed to response written, by method and route template")
                      .Register(registry.registry())),
      m_inFlight(prometheus::BuildGauge()
                     .Name("fairdrop_http_requests_in_flight")
                     .Help("Requests being handled now")
                     .Register(registry.registry())
                     .Add({}))
{}

void HttpMetrics::requestStarted()
{
    m_inFlight.Increment();
}

void HttpMetrics::requestFinished(const QByteArray &method, const QString &route, int status, double seconds)
{
    m_inFlight.Decrement();
    if (t_cache.owner != this) { // a new registry (tests build several servers in one process)
        t_cache = SeriesCache{};
        t_cache.owner = this;
    }
    const QString durationKey = QString::fromLatin1(method) + u' ' + route;
    const QString countKey = durationKey + u' ' + QString::number(status);
    auto counter = t_cache.counters.constFind(countKey);
    if (counter == t_cache.counters.cend()) {
        counter = t_cache.counters.insert(countKey, &m_requests.Add({{"method", method.toStdString()},
                                                                     {"route", route.toStdString()},
                                                                     {"status", std::to_string(status)}}));
    }
    (*counter)->Increment();
    auto histogram = t_cache.histograms.constFind(durationKey);
    if (histogram == t_cache.histograms.cend()) {
        histogram = t_cache.histograms.insert(
            durationKey,
            &m_durations.Add({{"method", method.toStdString()}, {"route", route.toStdString()}}, kBuckets));
    }
    (*histogram)->Observe(seconds);
}

} // namespace fd::infra
