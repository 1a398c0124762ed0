#include "server/http/guardedtcpserver.h"

#include "server/http/connectionguard.h"

#include <QTcpSocket>

namespace fd::http {

GuardedTcpServer::GuardedTcpServer(const ConnectionLimits &limits, int maxConnections, QObject *parent)
    : QTcpServer(parent), m_limits(limits), m_maxConnections(maxConnections)
{}

void GuardedTcpServer::incomingConnection(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    if (m_draining || m_sockets.size() >= m_maxConnections) {
        ConnectionGuard::rejectConnection(socket, ErrorCode::ServiceUnavailable);
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        return;
    }
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_sockets.insert(socket);
    connect(socket, &QObject::destroyed, this, [this, socket] { m_sockets.remove(socket); });
    auto *guard = new ConnectionGuard(socket, m_limits);
    addPendingConnection(socket); // Qt's server connects its readyRead slot here, synchronously
    guard->followParser();
}

void GuardedTcpServer::drain()
{
    m_draining = true;
    pauseAccepting();
    close();
    for (QTcpSocket *socket : std::as_const(m_sockets)) {
        if (auto *guard = ConnectionGuard::of(socket))
            guard->startDraining();
    }
}

} // namespace fd::http
