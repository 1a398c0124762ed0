#include "server/http/httppipeline.h"

#include "server/http/iocontext.h"
#include "server/http/requestid.h"
#include "server/infra/logging/jsonlog.h"
#include "server/infra/metrics/httpmetrics.h"

#include <QJsonObject>
#include <QLoggingCategory>
#include <QTcpSocket>
#include <QTimer>

#include <limits>

Q_LOGGING_CATEGORY(lcAccess, "fd.access")
Q_DECLARE_LOGGING_CATEGORY(lcExchange)

namespace fd::http {
namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    using M = QHttpServerRequest::Method;
    switch (method) {
    case M::Get:
        return QByteArrayLiteral("GET");
    case M::Put:
        return QByteArrayLiteral("PUT");
    case M::Delete:
        return QByteArrayLiteral("DELETE");
    case M::Post:
        return QByteArrayLiteral("POST");
    case M::Head:
        return QByteArrayLiteral("HEAD");
    case M::Options:
        return QByteArrayLiteral("OPTIONS");
    case M::Patch:
        return QByteArrayLiteral("PATCH");
    case M::Connect:
        return QByteArrayLiteral("CONNECT");
    case M::Trace:
        return QByteArrayLiteral("TRACE");
    default:
        return QByteArrayLiteral("UNKNOWN");
    }
}

Request copyRequest(const QHttpServerRequest &source, QTcpSocket *socket)
{
    Request request;
    request.method = methodName(source.method());
    const QUrl url = source.url();
    request.path = url.path();
    request.query = QUrlQuery(url);
    const auto headers = source.headers();
    request.headers.reserve(headers.size());
    for (const auto &[name, value] : headers)
        request.headers.insert(name.toLower(), value);
    request.body = source.body();
    request.peerAddress = source.remoteAddress();
    request.peerPort = socket ? socket->peerPort() : 0;
    request.requestId = requestIdFor(request.header("x-request-id"));
    request.started.start();
    return request;
}

bool isJsonContentType(const QByteArray &contentType)
{
    const QByteArray mime = contentType.split(';').first().trimmed().toLower();
    return mime == "application/json" || (mime.startsWith("application/") && mime.endsWith("+json"));
}

} // namespace

HttpPipeline::HttpPipeline(std::shared_ptr<const Router> router, PipelineSettings settings,
                           std::shared_ptr<infra::HttpMetrics> metrics,
                           std::shared_ptr<Authenticator> authenticator)
    : m_router(std::move(router)), m_settings(settings), m_metrics(std::move(metrics)),
      m_authenticator(std::move(authenticator))
{}

void HttpPipeline::dispatch(const QHttpServerRequest &source, QTcpSocket *socket,
                            QHttpServerResponder &&responder, QObject *ioContext)
{
    Request request = copyRequest(source, socket);
    const Router::Match match = m_router->match(request.method, request.path);
    if (match.route) {
        request.routeTemplate = match.route->pathTemplate;
        request.pathParams = match.params;
    }
    m_inFlight.fetch_add(1, std::memory_order_relaxed);
    if (m_metrics)
        m_metrics->requestStarted();
    auto exchange =
        std::make_shared<Exchange>(std::move(request), std::move(responder), ioContext, shared_from_this());
    exchange->armDeadline(m_settings.handlerTimeoutMs);

    if (m_inFlight.load(std::memory_order_relaxed) > m_settings.maxInFlight) {
        exchange->respondProblem(
            Error{ErrorCode::ServiceUnavailable, QStringLiteral("Server is at capacity")},
            {{"Retry-After", "1"}});
        return;
    }
    if (!match.route) {
        if (!match.allowedMethods.isEmpty()) {
            exchange->respondProblem(
                Error{ErrorCode::MethodNotAllowed,
                      QStringLiteral("Allowed: ") + QString::fromLatin1(match.allowedMethods.join(", "))},
                {{"Allow", match.allowedMethods.join(", ")}});
        } else {
            exchange->respondProblem(Error{ErrorCode::NotFound, QStringLiteral("No such resource")});
        }
        return;
    }
    if (match.route->options.jsonBody && !exchange->request().body.isEmpty() &&
        !isJsonContentType(exchange->request().header("content-type"))) {
        exchange->respondProblem(
            Error{ErrorCode::UnsupportedMediaType, QStringLiteral("Send the body as application/json")});
        return;
    }
    authorizeThenHandle(*match.route, exchange);
}

void HttpPipeline::authorizeThenHandle(const Route &route, const ExchangePtr &exchange)
{
    const AccessRule &rule = route.options.access;
    const bool presented = !exchange->request().header("authorization").isEmpty() ||
                           !exchange->request().header("x-api-key").isEmpty();
    if (!rule.authenticated && !(rule.identifiesCaller && presented)) {
        limitThenHandle(route, exchange);
        return;
    }
    if (!m_authenticator) {
        exchange->respondProblem(Error{ErrorCode::Unauthorized, QStringLiteral("Sign in first")},
                                 {{"WWW-Authenticate", "Bearer"}});
        return;
    }
    // The router outlives every exchange, so the route may be referenced from the continuation.
    m_authenticator->authenticate(
        exchange->request(), static_cast<IoContext *>(exchange->context()),
        [this, &route, exchange](Result<Principal> principal) {
            if (!principal) {
                const bool challenge = errorInfo(principal.error().code).httpStatus == 401;
                const QByteArray hadToken = exchange->request().header("authorization").isEmpty()
                                                ? QByteArray("Bearer")
                                                : QByteArray("Bearer error=\"invalid_token\"");
                exchange->respondProblem(
                    principal.error(), challenge ? HeaderList{{"WWW-Authenticate", hadToken}} : HeaderList{});
                return;
            }
            if (auto denied = route.options.access.check(*principal)) {
                exchange->respondProblem(*denied);
                return;
            }
            exchange->setPrincipal(std::move(*principal));
            limitThenHandle(route, exchange);
        });
}

void HttpPipeline::limitThenHandle(const Route &route, const ExchangePtr &exchange)
{
    struct Check
    {
        const infra::RateLimitPolicy *policy;
        QByteArray subject;
    };
    QList<Check> checks;
    if (m_settings.globalLimit && exchange->request().path.startsWith(QLatin1StringView("/api/v1/")))
        checks.append({&*m_settings.globalLimit, QByteArrayLiteral("cluster")});
    if (m_settings.userWriteLimit && route.options.access.rateLimitedWrite && exchange->hasPrincipal())
        checks.append(
            {&*m_settings.userWriteLimit, exchange->principal().userId.toByteArray(QUuid::WithoutBraces)});
    if (checks.isEmpty()) {
        handle(route, exchange);
        return;
    }
    // The checks run at once; the answer waits for all of them and reports the tightest.
    struct Outcome
    {
        int pending = 0;
        bool refused = false;
        HeaderList headers;
        qint64 fewestLeft = std::numeric_limits<qint64>::max();
    };
    auto outcome = std::make_shared<Outcome>();
    outcome->pending = int(checks.size());
    infra::RedisClient *redis = static_cast<IoContext *>(exchange->context())->redis();
    auto *io = static_cast<IoContext *>(exchange->context());
    for (const Check &check : std::as_const(checks)) {
        const infra::RateLimitPolicy *policy = check.policy;
        auto decide = [this, &route, exchange, outcome, policy](infra::RateLimitDecision decision) {
            const bool tighter =
                !outcome->refused && (!decision.allowed || decision.remaining < outcome->fewestLeft);
            if (tighter) {
                outcome->headers = decision.headers(*policy);
                outcome->fewestLeft = decision.remaining;
                outcome->refused = !decision.allowed;
            }
            if (--outcome->pending > 0)
                return;
            if (outcome->refused) {
                exchange->respondProblem(Error{ErrorCode::RateLimited, QStringLiteral("Too many requests")},
                                         outcome->headers);
                return;
            }
            exchange->addHeaders(outcome->headers);
            handle(route, exchange);
        };
        // The cluster-wide limit is spent from this thread's lease; the per-user one asks Redis each time.
        if (policy == &*m_settings.globalLimit)
            io->globalLease(*policy).check(redis, check.subject, std::move(decide));
        else
            infra::RateLimiter::check(redis, *policy, check.subject, std::move(decide));
    }
}

void HttpPipeline::handle(const Route &route, const ExchangePtr &exchange)
{
    // The router outlives every exchange, so the route may be referenced from the continuation.
    runIdempotently(m_settings.idempotency, route.options.idempotency, exchange,
                    [this, &route, exchange] { runHandler(route, exchange); });
}

void HttpPipeline::runHandler(const Route &route, const ExchangePtr &exchange)
{
    try {
        route.handler(exchange);
    } catch (const std::exception &failure) {
        // Exceptions never cross into Qt's event loop; the client gets a 500 without internals.
        qCCritical(lcExchange) << "handler for" << route.pathTemplate << "threw:" << failure.what();
        if (!exchange->answered())
            exchange->respondProblem(Error{ErrorCode::Internal, QString::fromUtf8(failure.what())});
    }
}

void HttpPipeline::exchangeFinished(const Request &request, int status, qint64 bodyBytes, bool delivered)
{
    m_inFlight.fetch_sub(1, std::memory_order_relaxed);
    const double seconds = double(request.started.nsecsElapsed()) / 1e9;
    const QString route =
        request.routeTemplate.isEmpty() ? QStringLiteral("unmatched") : request.routeTemplate;
    if (m_metrics)
        m_metrics->requestFinished(request.method, route, status, seconds);
    if (lcAccess().isInfoEnabled()) {
        infra::logging::writeRecord(
            QtInfoMsg, lcAccess().categoryName(),
            QJsonObject{
                {QStringLiteral("msg"), QStringLiteral("request")},
                {QStringLiteral("request_id"), QString::fromLatin1(request.requestId)},
                {QStringLiteral("method"), QString::fromLatin1(request.method)},
                {QStringLiteral("route"), route},
                {QStringLiteral("path"), request.path},
                {QStringLiteral("status"), status},
                {QStringLiteral("duration_ms"), seconds * 1000.0},
                {QStringLiteral("bytes"), bodyBytes},
                {QStringLiteral("peer"), request.peerAddress.toString()},
                {QStringLiteral("delivered"), delivered},
            });
    }
}

} // namespace fd::http
