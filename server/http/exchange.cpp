#include "server/http/exchange.h"

#include "server/http/connectionguard.h"
#include "server/http/problem.h"

#include <QLoggingCategory>
#include <QMetaEnum>

#include <algorithm>
#include <utility>

Q_LOGGING_CATEGORY(lcExchange, "fd.server.http")

namespace fd::http {

bool Request::wantsClose() const
{
    return headers.value(QByteArrayLiteral("connection")).trimmed().toLower() == "close";
}

namespace {

// More than this waiting to be written means the client does not read its answers.
constexpr qint64 kMaxWriteBacklog = 16 << 20;

bool knownStatus(int status)
{
    static const QMetaEnum statuses = QMetaEnum::fromType<QHttpServerResponder::StatusCode>();
    return statuses.valueToKey(status) != nullptr; // Qt 6.4 throws on a status missing from its table
}

} // namespace

Exchange::Exchange(Request request, QHttpServerResponder &&responder, QObject *ioContext,
                   std::shared_ptr<ExchangeObserver> observer)
    : m_request(std::move(request)), m_responder(std::move(responder)), m_socket(m_responder.socket()),
      m_guard(ConnectionGuard::of(m_responder.socket())), m_context(ioContext),
      m_ioThread(QThread::currentThread()), m_observer(std::move(observer))
{
    if (m_guard)
        m_guard->exchangeStarted();
}

Exchange::~Exchange()
{
    if (!m_answered) {
        qCCritical(lcExchange).noquote()
            << "handler dropped request" << m_request.requestId << "without an answer";
        respondProblem(Error{ErrorCode::Internal, QStringLiteral("no answer")});
    }
}

void Exchange::armDeadline(int ms)
{
    m_deadline = std::make_unique<QTimer>();
    m_deadline->setSingleShot(true);
    m_deadline->setTimerType(Qt::CoarseTimer);
    // The timer dies with the exchange, so `this` is valid whenever it fires.
    QObject::connect(m_deadline.get(), &QTimer::timeout, [this] {
        respondProblem(Error{ErrorCode::ServiceUnavailable, QStringLiteral("The request took too long")},
                       {{"Retry-After", "1"}});
    });
    m_deadline->start(ms);
}

void Exchange::respond(int status, const QByteArray &body, const QByteArray &contentType,
                       const HeaderList &extra)
{
    if (m_answered) {
        qCDebug(lcExchange).noquote() << "late answer to" << m_request.requestId << "dropped";
        return;
    }
    m_answered = true;
    if (m_answerHook)
        std::exchange(m_answerHook, nullptr)(status, body, contentType, extra);
    if (QThread::currentThread() != m_ioThread) {
        // Only at shutdown, when the IO thread is gone: the socket and guard went with it, and the
        // deadline timer belongs to that thread, so it must not be touched here.
        (void)m_deadline.release();
        m_guard = nullptr;
        finish(status, body.size(), false);
        return;
    }
    if (m_deadline) // deleteLater: this may run inside the timer's own timeout signal
        m_deadline.release()->deleteLater();
    if (m_socket.isNull()) {
        finish(status, body.size(), false);
        return;
    }
    write(knownStatus(status) ? status : 500, body, contentType, extra);
    finish(status, body.size(), true);
}

void Exchange::write(int status, const QByteArray &body, const QByteArray &contentType,
                     const HeaderList &extra)
{
    m_responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(status));
    m_responder.writeHeader(QByteArrayLiteral("X-Request-ID"), m_request.requestId);
    if (!contentType.isEmpty())
        m_responder.writeHeader(QByteArrayLiteral("Content-Type"), contentType);
    m_responder.writeHeader(QByteArrayLiteral("Content-Length"), QByteArray::number(body.size()));
    for (const auto &[name, value] : m_headers)
        m_responder.writeHeader(name, value);
    for (const auto &[name, value] : extra)
        m_responder.writeHeader(name, value);
    const bool close = m_request.wantsClose() || (m_guard && m_guard->draining());
    if (close)
        m_responder.writeHeader(QByteArrayLiteral("Connection"), QByteArrayLiteral("close"));
    // A HEAD answer carries the GET answer's headers and no body.
    m_responder.writeBody(m_request.method == "HEAD" ? QByteArray() : body);
    if (m_socket->bytesToWrite() > kMaxWriteBacklog)
        m_socket->abort();
    else if (close && m_guard)
        m_guard->closeAfterWrite();
    else if (close)
        m_socket->disconnectFromHost();
}

void Exchange::respondJson(int status, const QJsonDocument &document, const HeaderList &extra)
{
    respond(status, document.toJson(QJsonDocument::Compact), QByteArrayLiteral("application/json"), extra);
}

void Exchange::respondEmpty(int status, const HeaderList &extra)
{
    respond(status, {}, {}, extra);
}

void Exchange::respondProblem(const Error &error, const HeaderList &extra)
{
    const int status = problemStatus(error);
    if (status >= 500)
        qCWarning(lcExchange).noquote() << "request" << m_request.requestId << "failed:" << error.detail;
    HeaderList headers = extra;
    // Every 503 says when to come back, whoever produced it.
    const bool hasRetryAfter = std::any_of(headers.cbegin(), headers.cend(), [](const auto &header) {
        return header.first.compare("Retry-After", Qt::CaseInsensitive) == 0;
    });
    if (status == 503 && !hasRetryAfter)
        headers.append(std::pair<QByteArray, QByteArray>("Retry-After", "1"));
    respond(status, problemBody(error, m_request.requestId), kProblemContentType, headers);
}

void Exchange::finish(int status, qint64 bodyBytes, bool delivered)
{
    if (m_guard)
        m_guard->exchangeFinished();
    if (m_observer)
        m_observer->exchangeFinished(m_request, status, bodyBytes, delivered);
}

} // namespace fd::http
