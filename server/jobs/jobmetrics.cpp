#include "server/jobs/jobmetrics.h"

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

namespace fd::jobs {

JobMetrics::JobMetrics(prometheus::Registry &registry)
    : m_outcomes(&prometheus::BuildCounter()
                      .Name("fairdrop_jobs_total")
                      .Help("Background job runs by type and outcome")
                      .Register(registry)),
      m_durations(&prometheus::BuildHistogram()
                       .Name("fairdrop_job_duration_seconds")
                       .Help("How long background job runs took")
                       .Register(registry))
{
    auto &waiting = prometheus::BuildGauge()
                        .Name("fairdrop_jobs_waiting")
                        .Help("Jobs waiting, by queue")
                        .Register(registry);
    m_stream = &waiting.Add({{"queue", "stream"}});
    m_delayed = &waiting.Add({{"queue", "delayed"}});
    m_dead = &waiting.Add({{"queue", "dead"}});
}

void JobMetrics::finished(const QString &type, const char *outcome, double seconds)
{
    const std::string name = type.toStdString();
    std::lock_guard lock(m_mutex);
    m_outcomes->Add({{"type", name}, {"outcome", outcome}}).Increment();
    m_durations->Add({{"type", name}}, prometheus::Histogram::BucketBoundaries{0.001, 0.01, 0.1, 1, 10, 60})
        .Observe(seconds);
}

void JobMetrics::depth(double stream, double delayed, double dead)
{
    m_stream->Set(stream);
    m_delayed->Set(delayed);
    m_dead->Set(dead);
}

} // namespace fd::jobs
