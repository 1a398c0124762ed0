#pragma once

#include "common/errorcode.h"
#include "server/http/connectionlimits.h"

#include <QByteArray>
#include <QObject>
#include <QTimer>

class QTcpSocket;

namespace fd::http {

// Watches one connection's byte stream before Qt's HTTP parser buffers it, so oversized heads and bodies
// are refused as soon as they are announced, idle or slow connections are closed, and a draining server
// closes keep-alive connections after their current response.
//
// It relies on being connected to readyRead before QAbstractHttpServer is: it peeks each new chunk of bytes
// (Qt's server then reads all of them) and follows request boundaries by Content-Length.
class ConnectionGuard : public QObject
{
    Q_OBJECT
public:
    ConnectionGuard(QTcpSocket *socket, const ConnectionLimits &limits);

    static ConnectionGuard *of(QTcpSocket *socket);

    void exchangeStarted();
    void exchangeFinished();
    // Stop keeping the connection alive: close it once nothing is in flight.
    void startDraining();
    bool draining() const { return m_draining; }

    // Writes a problem response outside Qt's server and closes the connection after it.
    static void rejectConnection(QTcpSocket *socket, ErrorCode code);

private:
    void onReadyRead();
    void onTimeout();
    bool consume(const char *data, qint64 size);
    bool finishHead();
    void reject(ErrorCode code);
    void armTimer();

    enum class State { Head, Body, Rejected };

    QTcpSocket *m_socket;
    ConnectionLimits m_limits;
    QTimer m_timer;
    QByteArray m_head;
    qint64 m_bodyRemaining = 0;
    State m_state = State::Head;
    int m_inFlight = 0;
    bool m_draining = false;
};

} // namespace fd::http
