#include "server/http/connectionguard.h"

#include "server/http/problem.h"
#include "server/http/requesthead.h"

#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QTcpSocket>

#include <sys/socket.h>

Q_LOGGING_CATEGORY(lcGuard, "fd.server.http.guard")

namespace fd::http {
namespace {

constexpr int kLingerMs = 2000;
constexpr int kForceCloseMs = 5000;
constexpr char kGuardProperty[] = "fd_connection_guard";

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 411:
        return QByteArrayLiteral("Length Required");
    case 413:
        return QByteArrayLiteral("Payload Too Large");
    case 431:
        return QByteArrayLiteral("Request Header Fields Too Large");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    default:
        return QByteArrayLiteral("Error");
    }
}

} // namespace

ConnectionGuard::ConnectionGuard(QTcpSocket *socket, const ConnectionLimits &limits)
    : QObject(socket), m_socket(socket), m_limits(limits)
{
    socket->setProperty(kGuardProperty, QVariant::fromValue(static_cast<QObject *>(this)));
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ConnectionGuard::onTimeout);
    connect(socket, &QTcpSocket::readyRead, this, &ConnectionGuard::beforeParser);
    armTimer();
}

ConnectionGuard *ConnectionGuard::of(QTcpSocket *socket)
{
    if (!socket)
        return nullptr;
    return qobject_cast<ConnectionGuard *>(socket->property(kGuardProperty).value<QObject *>());
}

void ConnectionGuard::followParser()
{
    connect(m_socket, &QTcpSocket::readyRead, this, &ConnectionGuard::afterParser);
}

void ConnectionGuard::exchangeStarted()
{
    ++m_inFlight;
    armTimer();
}

void ConnectionGuard::exchangeFinished()
{
    if (m_inFlight > 0)
        --m_inFlight;
    armTimer();
}

void ConnectionGuard::startDraining()
{
    m_draining = true;
    if (m_inFlight == 0 && m_state == State::Head && m_head.isEmpty())
        closeAfterWrite();
}

void ConnectionGuard::closeAfterWrite()
{
    m_socket->disconnectFromHost();
    // A client that never reads would keep the socket forever.
    QTimer::singleShot(kForceCloseMs, m_socket, [socket = m_socket] { socket->abort(); });
}

void ConnectionGuard::armTimer()
{
    if (m_inFlight > 0 || m_state == State::Rejected) {
        m_timer.stop();
        return;
    }
    if (!midRequest()) {
        m_timer.start(m_limits.idleTimeoutMs);
        return;
    }
    // A deadline for the whole request, not an inactivity timer: a byte a second must not keep it open.
    if (m_requestDeadline.isForever())
        m_requestDeadline.setRemainingTime(m_limits.requestReadTimeoutMs);
    m_timer.start(int(qMax<qint64>(1, m_requestDeadline.remainingTime())));
}

void ConnectionGuard::onTimeout()
{
    if (m_inFlight > 0 || m_state == State::Rejected)
        return;
    qCDebug(lcGuard) << (midRequest() ? "closing slow connection from" : "closing idle connection from")
                     << m_socket->peerAddress();
    if (midRequest())
        m_socket->abort();
    else
        closeAfterWrite();
}

void ConnectionGuard::beforeParser()
{
    m_availableBeforeParser = m_socket->bytesAvailable();
    if (m_state == State::Rejected || m_availableBeforeParser <= m_unreadByParser)
        return;
    const QByteArray fresh = m_socket->peek(m_availableBeforeParser).sliced(m_unreadByParser);
    if (!consume(fresh.constData(), fresh.size()))
        return;
    armTimer();
}

void ConnectionGuard::afterParser()
{
    if (m_state == State::Rejected)
        return;
    m_unreadByParser = m_socket->bytesAvailable();
    // Qt stops after one request; a pipelined one already here would wait for bytes that never come.
    if (m_unreadByParser > 0 && m_unreadByParser < m_availableBeforeParser)
        QMetaObject::invokeMethod(m_socket, &QTcpSocket::readyRead, Qt::QueuedConnection);
}

bool ConnectionGuard::consume(const char *data, qint64 size)
{
    qint64 offset = 0;
    while (offset < size) {
        if (m_state == State::Body) {
            const qint64 take = qMin(m_bodyRemaining, size - offset);
            m_bodyRemaining -= take;
            offset += take;
            if (m_bodyRemaining == 0) {
                m_state = State::Head;
                m_requestDeadline = QDeadlineTimer(QDeadlineTimer::Forever);
            }
            continue;
        }
        qint64 used = 0;
        if (!consumeHead(data + offset, size - offset, &used))
            return false;
        offset += used;
    }
    return true;
}

bool ConnectionGuard::consumeHead(const char *data, qint64 size, qint64 *used)
{
    const qint64 before = m_head.size();
    const qint64 take = qMin(m_limits.maxHeaderBytes + 4 - before, size);
    const char previous = before > 0 ? m_head.back() : '\0';
    if (hasBareLineFeed(QByteArrayView(data, take), previous)) {
        reject(ErrorCode::BadRequest); // Qt would end lines there; we must not read the head differently
        return false;
    }
    m_head.append(data, take);
    while (m_head.startsWith("\r\n")) // empty lines between requests are tolerated
        m_head.remove(0, 2);
    const qsizetype end = m_head.indexOf("\r\n\r\n", qMax<qsizetype>(0, before - 5));
    if (end < 0) {
        if (m_head.size() > m_limits.maxHeaderBytes) {
            reject(ErrorCode::HeadersTooLarge);
            return false;
        }
        *used = take;
        return true;
    }
    const qint64 headEnd = end + 4;
    *used = take - (m_head.size() - headEnd);
    m_head.truncate(headEnd);
    if (m_head.size() > m_limits.maxHeaderBytes) {
        reject(ErrorCode::HeadersTooLarge);
        return false;
    }
    const HeadVerdict verdict = inspectHead(m_head, m_limits.maxBodyBytes);
    if (verdict.refusal) {
        reject(*verdict.refusal);
        return false;
    }
    m_head.clear();
    m_bodyRemaining = verdict.contentLength;
    m_state = verdict.contentLength > 0 ? State::Body : State::Head;
    if (m_state == State::Head)
        m_requestDeadline = QDeadlineTimer(QDeadlineTimer::Forever);
    return true;
}

void ConnectionGuard::reject(ErrorCode code)
{
    m_state = State::Rejected;
    m_head.clear();
    m_timer.stop();
    // Qt's parser must not see the rest of this stream, nor keep what it already read of it.
    disconnect(m_socket, &QTcpSocket::readyRead, nullptr, nullptr);
    if (m_socket->isTransactionStarted())
        m_socket->commitTransaction();
    rejectConnection(m_socket, code);
}

void ConnectionGuard::rejectConnection(QTcpSocket *socket, ErrorCode code)
{
    const ErrorInfo info = errorInfo(code);
    QByteArray requestId = QByteArray::number(QRandomGenerator::global()->generate64(), 16);
    const QByteArray body = problemBody(Error{code, {}}, requestId);
    QByteArray response = "HTTP/1.1 " + QByteArray::number(info.httpStatus) + ' ' +
                          reasonPhrase(info.httpStatus) + "\r\nContent-Type: " + kProblemContentType +
                          "\r\nContent-Length: " + QByteArray::number(body.size()) +
                          "\r\nX-Request-ID: " + requestId + "\r\nConnection: close\r\n";
    if (info.httpStatus == 503)
        response += "Retry-After: 1\r\n";
    response += "\r\n" + body;
    socket->write(response);
    socket->flush();
    // Half-close: the client reads our answer while we drain what it still sends.
    QObject::connect(socket, &QTcpSocket::bytesWritten, socket, [socket] {
        if (socket->bytesToWrite() == 0)
            ::shutdown(static_cast<int>(socket->socketDescriptor()), SHUT_WR);
    });
    if (socket->bytesToWrite() == 0)
        ::shutdown(static_cast<int>(socket->socketDescriptor()), SHUT_WR);
    // Lingering close: discard what the client still sends so it reads our answer instead of a reset.
    QObject::connect(socket, &QTcpSocket::readyRead, socket,
                     [socket] { socket->skip(socket->bytesAvailable()); });
    QTimer::singleShot(kLingerMs, socket, [socket] { socket->abort(); });
    qCInfo(lcGuard).noquote() << "refused a request from" << socket->peerAddress().toString() << "with"
                              << info.httpStatus;
}

} // namespace fd::http
