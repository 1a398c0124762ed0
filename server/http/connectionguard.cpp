#include "server/http/connectionguard.h"

#include "server/http/problem.h"

#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QTcpSocket>

#include <sys/socket.h>

Q_LOGGING_CATEGORY(lcGuard, "fd.server.http.guard")

namespace fd::http {
namespace {

constexpr int kLingerMs = 2000;
constexpr char kGuardProperty[] = "fd_connection_guard";

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 411:
        return QByteArrayLiteral("Length Required");
    case 413:
        return QByteArrayLiteral("Payload Too Large");
    case 431:
        return QByteArrayLiteral("Request Header Fields Too Large");
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 408:
        return QByteArrayLiteral("Request Timeout");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    default:
        return QByteArrayLiteral("Error");
    }
}

// Parses a header value out of a raw request head; names compare case-insensitively.
QByteArray headerValue(const QByteArray &head, QByteArrayView name)
{
    qsizetype lineStart = head.indexOf("\r\n");
    while (lineStart >= 0 && lineStart + 2 < head.size()) {
        lineStart += 2;
        qsizetype lineEnd = head.indexOf("\r\n", lineStart);
        if (lineEnd < 0)
            lineEnd = head.size();
        const QByteArrayView line(head.constData() + lineStart, lineEnd - lineStart);
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.first(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.sliced(colon + 1).trimmed().toByteArray();
        lineStart = lineEnd;
    }
    return {};
}

} // namespace

ConnectionGuard::ConnectionGuard(QTcpSocket *socket, const ConnectionLimits &limits)
    : QObject(socket), m_socket(socket), m_limits(limits)
{
    socket->setProperty(kGuardProperty, QVariant::fromValue(static_cast<QObject *>(this)));
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ConnectionGuard::onTimeout);
    connect(socket, &QTcpSocket::readyRead, this, &ConnectionGuard::onReadyRead);
    armTimer();
}

ConnectionGuard *ConnectionGuard::of(QTcpSocket *socket)
{
    if (!socket)
        return nullptr;
    return qobject_cast<ConnectionGuard *>(socket->property(kGuardProperty).value<QObject *>());
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
        m_socket->disconnectFromHost();
}

void ConnectionGuard::armTimer()
{
    if (m_inFlight > 0 || m_state == State::Rejected) {
        m_timer.stop();
        return;
    }
    const bool midRequest = m_state == State::Body || !m_head.isEmpty();
    m_timer.start(midRequest ? m_limits.requestReadTimeoutMs : m_limits.idleTimeoutMs);
}

void ConnectionGuard::onTimeout()
{
    if (m_inFlight > 0 || m_state == State::Rejected)
        return;
    qCDebug(lcGuard).noquote() << "closing idle connection from" << m_socket->peerAddress();
    m_socket->disconnectFromHost();
}

void ConnectionGuard::onReadyRead()
{
    const QByteArray fresh = m_socket->peek(m_socket->bytesAvailable());
    if (!consume(fresh.constData(), fresh.size()))
        return;
    armTimer();
}

bool ConnectionGuard::consume(const char *data, qint64 size)
{
    qint64 offset = 0;
    while (offset < size) {
        if (m_state == State::Body) {
            const qint64 take = qMin(m_bodyRemaining, size - offset);
            m_bodyRemaining -= take;
            offset += take;
            if (m_bodyRemaining == 0)
                m_state = State::Head;
            continue;
        }
        // Head: collect until the blank line, never beyond the header cap.
        const qint64 before = m_head.size();
        const qint64 room = m_limits.maxHeaderBytes + 4 - before;
        const qint64 take = qMin(room, size - offset);
        m_head.append(data + offset, take);
        const qsizetype searchFrom = qMax<qsizetype>(0, before - 3);
        const qsizetype end = m_head.indexOf("\r\n\r\n", searchFrom);
        if (end < 0) {
            while (m_head.startsWith("\r\n")) // tolerated empty lines between requests
                m_head.remove(0, 2);
            if (m_head.size() > m_limits.maxHeaderBytes) {
                reject(ErrorCode::HeadersTooLarge);
                return false;
            }
            offset += take;
            continue;
        }
        const qint64 headEnd = end + 4;
        offset += headEnd - before;
        m_head.truncate(headEnd);
        if (!finishHead())
            return false;
    }
    return true;
}

bool ConnectionGuard::finishHead()
{
    if (m_head.size() > m_limits.maxHeaderBytes) {
        reject(ErrorCode::HeadersTooLarge);
        return false;
    }
    if (!headerValue(m_head, "transfer-encoding").isEmpty()) {
        reject(ErrorCode::LengthRequired);
        return false;
    }
    const QByteArray lengthText = headerValue(m_head, "content-length");
    qint64 length = 0;
    if (!lengthText.isEmpty()) {
        bool ok = false;
        length = lengthText.toLongLong(&ok);
        if (!ok || length < 0) {
            reject(ErrorCode::BadRequest);
            return false;
        }
    }
    if (length > m_limits.maxBodyBytes) {
        reject(ErrorCode::PayloadTooLarge);
        return false;
    }
    m_head.clear();
    m_bodyRemaining = length;
    m_state = length > 0 ? State::Body : State::Head;
    return true;
}

void ConnectionGuard::reject(ErrorCode code)
{
    m_state = State::Rejected;
    m_head.clear();
    m_timer.stop();
    // Qt's parser must not see the rest of this stream.
    disconnect(m_socket, &QTcpSocket::readyRead, nullptr, nullptr);
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
    // Lingering close: drain what the client still sends so it reads our answer instead of a reset.
    QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket] { socket->readAll(); });
    QTimer::singleShot(kLingerMs, socket, [socket] { socket->abort(); });
    qCInfo(lcGuard).noquote() << "rejected connection from" << socket->peerAddress() << "with" << info.httpStatus;
}

} // namespace fd::http
