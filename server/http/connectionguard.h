#pragma once

#include "common/errorcode.h"
#include "server/http/connectionlimits.h"

#include <QByteArray>
#include <QDeadlineTimer>
#include <QObject>
#include <QTimer>

class QTcpSocket;

namespace fd::http {

// Watches one connection's byte stream before Qt's HTTP parser buffers it, so oversized or ambiguous heads
// and bodies are refused as soon as they are announced, slow or idle connections are closed, and a draining
// server closes keep-alive connections after their current response.
//
// Qt 6.4's parser reads one request per readyRead and leaves what follows unread. The guard therefore has
// two slots: one before Qt's (peek the bytes Qt has not seen, judge them) and one after it (note how much
// Qt left unread, so those bytes are not judged twice, and wake Qt for a pipelined request it left behind).
class ConnectionGuard : public QObject
{
    Q_OBJECT
public:
    ConnectionGuard(QTcpSocket *socket, const ConnectionLimits &limits);

    static ConnectionGuard *of(QTcpSocket *socket);

    // Call once Qt's server has connected its own readyRead slot.
    void followParser();

    void exchangeStarted();
    void exchangeFinished();
    // Stop keeping the connection alive: close it once nothing is in flight.
    void startDraining();
    bool draining() const { return m_draining; }
    // Close after what is queued has been written, and for good if the client does not read it.
    void closeAfterWrite();

    // Writes a problem response outside Qt's server and closes the connection after it.
    static void rejectConnection(QTcpSocket *socket, ErrorCode code);

private:
    void beforeParser();
    void afterParser();
    void onTimeout();
    bool consume(const char *data, qint64 size);
    bool consumeHead(const char *data, qint64 size, qint64 *used);
    void reject(ErrorCode code);
    void armTimer();
    bool midRequest() const { return m_state == State::Body || !m_head.isEmpty(); }

    enum class State { Head, Body, Rejected };

    QTcpSocket *m_socket;
    ConnectionLimits m_limits;
    QTimer m_timer;
    QDeadlineTimer m_requestDeadline; // from a request's first byte to its last
    QByteArray m_head;
    qint64 m_bodyRemaining = 0;
    qint64 m_unreadByParser = 0; // bytes already judged that Qt left in the socket
    qint64 m_availableBeforeParser = 0;
    State m_state = State::Head;
    int m_inFlight = 0;
    bool m_draining = false;
};

} // namespace fd::http
