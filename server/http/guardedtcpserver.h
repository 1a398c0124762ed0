#pragma once

#include "server/http/connectionlimits.h"

#include <QSet>
#include <QTcpServer>

namespace fd::http {

// Accepts connections for one IO thread: caps their number, and attaches a ConnectionGuard to each
// socket before Qt's HTTP server sees it (so the guard's readyRead slot runs first).
class GuardedTcpServer : public QTcpServer
{
    Q_OBJECT
public:
    GuardedTcpServer(const ConnectionLimits &limits, int maxConnections, QObject *parent = nullptr);

    int openConnections() const { return int(m_sockets.size()); }
    // Stop accepting and ask every open connection to close after its current response.
    void drain();

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    ConnectionLimits m_limits;
    int m_maxConnections;
    bool m_draining = false;
    QSet<QTcpSocket *> m_sockets;
};

} // namespace fd::http
