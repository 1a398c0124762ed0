#pragma once

#include "common/result.h"

#include <QHostAddress>
#include <QList>

namespace fd::http {

// One listening socket per IO thread, all bound to the same address with SO_REUSEPORT so the kernel
// spreads connections evenly. Before binding, a plain probe bind makes sure no other process holds the
// port (SO_REUSEPORT would otherwise let two servers silently share it).
struct ListenSockets
{
    QList<int> descriptors;
    quint16 port = 0;
};

Result<ListenSockets> openListenSockets(const QHostAddress &address, quint16 port, int count);
void closeListenSockets(ListenSockets &sockets);

} // namespace fd::http
