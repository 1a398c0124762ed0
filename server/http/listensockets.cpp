#include "server/http/listensockets.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace fd::http {
namespace {

struct SocketAddress
{
    sockaddr_storage storage{};
    socklen_t length = 0;
};

SocketAddress toSockaddr(const QHostAddress &address, quint16 port)
{
    SocketAddress result;
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        auto *in6 = reinterpret_cast<sockaddr_in6 *>(&result.storage);
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(port);
        const Q_IPV6ADDR raw = address.toIPv6Address();
        std::memcpy(&in6->sin6_addr, &raw, sizeof raw);
        result.length = sizeof(sockaddr_in6);
    } else {
        auto *in4 = reinterpret_cast<sockaddr_in *>(&result.storage);
        in4->sin_family = AF_INET;
        in4->sin_port = htons(port);
        in4->sin_addr.s_addr = htonl(address.toIPv4Address());
        result.length = sizeof(sockaddr_in);
    }
    return result;
}

Error bindError(const QHostAddress &address, quint16 port, int error)
{
    const QString where = address.toString() + u':' + QString::number(port);
    if (error == EADDRINUSE)
        return Error{ErrorCode::Conflict,
                     QStringLiteral("listen address %1 is already in use by another process").arg(where)};
    return Error{
        ErrorCode::Internal,
        QStringLiteral("cannot listen on %1: %2").arg(where, QString::fromLocal8Bit(std::strerror(error)))};
}

int bindSocket(const SocketAddress &where, bool reusePort, int *error)
{
    const int fd = ::socket(where.storage.ss_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) {
        *error = errno;
        return -1;
    }
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (reusePort)
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    if (::bind(fd, reinterpret_cast<const sockaddr *>(&where.storage), where.length) != 0) {
        *error = errno;
        ::close(fd);
        return -1;
    }
    return fd;
}

quint16 boundPort(int fd)
{
    sockaddr_storage storage{};
    socklen_t length = sizeof storage;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&storage), &length);
    if (storage.ss_family == AF_INET6)
        return ntohs(reinterpret_cast<sockaddr_in6 *>(&storage)->sin6_port);
    return ntohs(reinterpret_cast<sockaddr_in *>(&storage)->sin_port);
}

} // namespace

Result<ListenSockets> openListenSockets(const QHostAddress &address, quint16 port, int count)
{
    int error = 0;
    ListenSockets sockets;
    // The first socket binds without SO_REUSEPORT to prove the port is free, then is replaced.
    const int probe = bindSocket(toSockaddr(address, port), false, &error);
    if (probe < 0)
        return bindError(address, port, error);
    sockets.port = boundPort(probe);
    ::close(probe);

    const SocketAddress where = toSockaddr(address, sockets.port);
    for (int i = 0; i < count; ++i) {
        const int fd = bindSocket(where, true, &error);
        if (fd < 0 || ::listen(fd, 1024) != 0) {
            if (fd >= 0) {
                error = errno;
                ::close(fd);
            }
            closeListenSockets(sockets);
            return bindError(address, sockets.port, error);
        }
        sockets.descriptors.append(fd);
    }
    return sockets;
}

void closeListenSockets(ListenSockets &sockets)
{
    for (int fd : std::as_const(sockets.descriptors))
        ::close(fd);
    sockets.descriptors.clear();
}

} // namespace fd::http
