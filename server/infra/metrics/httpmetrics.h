#pragma once

#include <QByteArray>
#include <QString>

namespace prometheus {
class Counter;
class Gauge;
class Histogram;
template <typename T> class Family;
} // namespace prometheus

namespace fd::infra {

class MetricsRegistry;

// Request metrics labelled by route template (never raw paths). Family::Add takes a lock, so each
// thread caches the series it has used.
class HttpMetrics
{
public:
    explicit HttpMetrics(MetricsRegistry &registry);

    void requestStarted();
    void requestFinished(const QByteArray &method, const QString &route, int status, double seconds);

private:
    prometheus::Family<prometheus::Counter> &m_requests;
    prometheus::Family<prometheus::Histogram> &m_durations;
    prometheus::Gauge &m_inFlight;
};

} // namespace fd::infra
