#include "server/http/exchange.h"

#include "server/http/connectionguard.h"
#include "server/http/problem.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcExchange, "fd.server.http")

namespace fd::http {

bool Request::wantsClose() const
{
    return headers.value(QByteArrayLiteral("connection")).trimmed().toLower() == "close";
}

Exchange::Exchange(Request request, QHttpServerResponder &&responder, QObject *ioContext,
                   ExchangeObserver *observer)
    : m_request(std::move(request)), m_responder(std::move(responder)), m_socket(m_responder.socket()),
      m_guard(ConnectionGuard::of(m_responder.socket())), m_context(ioContext), m_observer(observer)
{
    if (m_guard)
        m_guard->exchangeStarted();
}

Exchange::~Exchange()
{
    if (!m_answered) {
        qCCritical(lcExchange).noquote() << "handler dropped request" << m_request.requestId << "without an answer";
        respondProblem(Error{ErrorCode::Internal, QStringLiteral("no answer")});
    }
}

void Exchange::respond(int status, const QByteArray &body, const QByteArray &contentType,
                       const HeaderList &extra)
{
    Q_ASSERT(!m_answered);
    if (m_answered)
        return;
    m_answered = true;
    if (m_socket.isNull()) {
        finish(status, body.size(), false);
        return;
    }
    m_responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(status));
    m_responder.writeHeader(QByteArrayLiteral("X-Request-ID"), m_request.requestId);
    if (!contentType.isEmpty())
        m_responder.writeHeader(QByteArrayLiteral("Content-Type"), contentType);
    m_responder.writeHeader(QByteArrayLiteral("Content-Length"), QByteArray::number(body.size()));
    for (const auto &[name, value] : extra)
        m_responder.writeHeader(name, value);
    const bool close = m_request.wantsClose() || (m_guard && m_guard->draining());
    if (close)
        m_responder.writeHeader(QByteArrayLiteral("Connection"), QByteArrayLiteral("close"));
    m_responder.writeBody(body);
    if (close)
        m_socket->disconnectFromHost();
    finish(status, body.size(), true);
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
    if (problemStatus(error) >= 500)
        qCWarning(lcExchange).noquote() << "request" << m_request.requestId << "failed:" << error.detail;
    respond(problemStatus(error), problemBody(error, m_request.requestId), kProblemContentType, extra);
}

void Exchange::finish(int status, qint64 bodyBytes, bool delivered)
{
    if (m_guard)
        m_guard->exchangeFinished();
    if (m_observer)
        m_observer->exchangeFinished(m_request, status, bodyBytes, delivered);
}

} // namespace fd::http
