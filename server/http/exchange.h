#pragma once

#include "common/result.h"
#include "server/http/access.h"
#include "server/http/request.h"

#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QList>
#include <QPointer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <functional>
#include <memory>
#include <utility>

namespace fd::http {

class ConnectionGuard;

// Receives one call per finished exchange: metrics and the access log live behind it.
class ExchangeObserver
{
public:
    virtual ~ExchangeObserver() = default;
    virtual void exchangeFinished(const Request &request, int status, qint64 bodyBytes, bool delivered) = 0;
};

using HeaderList = QList<std::pair<QByteArray, QByteArray>>;

// The Idempotency-Key this request claimed: handlers that commit to PostgreSQL keep it there too.
struct IdempotencyClaim
{
    QByteArray scope;       // hex SHA-256 of caller, method, path and key
    QByteArray fingerprint; // hex SHA-256 of the body
};

// One request and its pending response. Handlers keep it in a shared_ptr while they work
// asynchronously and answer from the IO thread that owns it (post back with context()).
// If the client has gone away the answer is dropped; if nobody answers, the destructor sends a 500.
class Exchange
{
public:
    Exchange(Request request, QHttpServerResponder &&responder, QObject *ioContext,
             std::shared_ptr<ExchangeObserver> observer);
    ~Exchange();
    Exchange(const Exchange &) = delete;
    Exchange &operator=(const Exchange &) = delete;

    const Request &request() const { return m_request; }
    // The IO thread's object: queue continuations to it so the answer is written on the right thread.
    QObject *context() const { return m_context; }
    bool answered() const { return m_answered; }
    // Set by the pipeline on authenticated routes before the handler runs.
    const Principal &principal() const { return *m_principal; }
    bool hasPrincipal() const { return m_principal.has_value(); }
    void setPrincipal(Principal principal) { m_principal = std::move(principal); }
    // Answers 503 if nobody has answered within ms. The timer lives only while the exchange is unanswered,
    // so the event loop never carries more timers than requests in flight.
    void armDeadline(int ms);
    // Headers every answer to this request carries (e.g. RateLimit), whoever writes it.
    void addHeaders(const HeaderList &headers) { m_headers.append(headers); }
    bool clientGone() const { return m_socket.isNull(); }
    // Sees the answer once, as it is given (even when the client has gone): what idempotency replays.
    using AnswerHook = std::function<void(int status, const QByteArray &body, const QByteArray &contentType,
                                          const HeaderList &headers)>;
    void setAnswerHook(AnswerHook hook) { m_answerHook = std::move(hook); }
    QThread *ioThread() const { return m_ioThread; }
    const std::optional<IdempotencyClaim> &idempotencyClaim() const { return m_idempotencyClaim; }
    void setIdempotencyClaim(IdempotencyClaim claim) { m_idempotencyClaim = std::move(claim); }

    void respond(int status, const QByteArray &body, const QByteArray &contentType,
                 const HeaderList &extra = {});
    void respondJson(int status, const QJsonDocument &document, const HeaderList &extra = {});
    void respondEmpty(int status, const HeaderList &extra = {});
    void respondProblem(const Error &error, const HeaderList &extra = {});

private:
    void finish(int status, qint64 bodyBytes, bool delivered);
    void write(int status, const QByteArray &body, const QByteArray &contentType, const HeaderList &extra);

    Request m_request;
    QHttpServerResponder m_responder;
    QPointer<QTcpSocket> m_socket;
    QPointer<ConnectionGuard> m_guard;
    QObject *m_context;
    QThread *m_ioThread;                          // the only thread that may touch the socket
    std::shared_ptr<ExchangeObserver> m_observer; // kept alive by every exchange, even past shutdown
    std::optional<Principal> m_principal;
    HeaderList m_headers;
    AnswerHook m_answerHook;
    std::optional<IdempotencyClaim> m_idempotencyClaim;
    std::unique_ptr<QTimer> m_deadline;
    bool m_answered = false;
};

using ExchangePtr = std::shared_ptr<Exchange>;

} // namespace fd::http
