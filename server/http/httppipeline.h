#pragma once

#include "server/http/connectionlimits.h"
#include "server/http/exchange.h"
#include "server/http/router.h"
#include "server/infra/ratelimit/ratelimiter.h"

#include <QHttpServerRequest>

#include <atomic>
#include <memory>

class QTcpSocket;

namespace fd::infra {
class HttpMetrics;
}

namespace fd::http {

struct PipelineSettings
{
    ConnectionLimits connection;
    int maxInFlight = 1024;        // per node; beyond it requests are shed with 503
    int handlerTimeoutMs = 30'000; // an exchange still unanswered then gets a 503
    // Every /api/v1 request counts toward the cluster-wide limit; writes of a signed-in user toward theirs.
    std::optional<infra::RateLimitPolicy> globalLimit;
    std::optional<infra::RateLimitPolicy> userWriteLimit;
    IdempotencySettings idempotency;
};

// What every request goes through, shared by all IO threads: request id, load shedding, routing,
// content-type check, then the handler; on the way out, metrics and the access log.
class HttpPipeline : public ExchangeObserver, public std::enable_shared_from_this<HttpPipeline>
{
public:
    HttpPipeline(std::shared_ptr<const Router> router, PipelineSettings settings,
                 std::shared_ptr<infra::HttpMetrics> metrics,
                 std::shared_ptr<Authenticator> authenticator = {});

    void dispatch(const QHttpServerRequest &request, QTcpSocket *socket, QHttpServerResponder &&responder,
                  QObject *ioContext);

    void exchangeFinished(const Request &request, int status, qint64 bodyBytes, bool delivered) override;

    const PipelineSettings &settings() const { return m_settings; }
    int inFlight() const { return m_inFlight.load(std::memory_order_relaxed); }

private:
    void authorizeThenHandle(const Route &route, const ExchangePtr &exchange);
    void limitThenHandle(const Route &route, const ExchangePtr &exchange);
    void handle(const Route &route, const ExchangePtr &exchange);
    void runHandler(const Route &route, const ExchangePtr &exchange);

    std::shared_ptr<const Router> m_router;
    PipelineSettings m_settings;
    std::shared_ptr<infra::HttpMetrics> m_metrics;
    std::shared_ptr<Authenticator> m_authenticator;
    std::atomic<int> m_inFlight{0};
};

} // namespace fd::http
