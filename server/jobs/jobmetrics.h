#pragma once

#include <QString>

#include <map>
#include <mutex>

namespace prometheus {
class Registry;
class Counter;
class Gauge;
class Histogram;
template <typename T> class Family;
} // namespace prometheus

namespace fd::jobs {

// fairdrop_jobs_total{type,outcome} (succeeded, retried, dead), fairdrop_job_duration_seconds{type}, and
// the queue's depth as the worker last saw it: fairdrop_jobs_waiting{queue} (stream, delayed, dead).
class JobMetrics
{
public:
    explicit JobMetrics(prometheus::Registry &registry);

    void finished(const QString &type, const char *outcome, double seconds);
    void depth(double stream, double delayed, double dead);

private:
    prometheus::Family<prometheus::Counter> *m_outcomes;
    prometheus::Family<prometheus::Histogram> *m_durations;
    prometheus::Gauge *m_stream;
    prometheus::Gauge *m_delayed;
    prometheus::Gauge *m_dead;
    std::mutex m_mutex; // job types are open-ended: their series are added on first use
};

} // namespace fd::jobs
