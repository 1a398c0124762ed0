#include "server/http/clientaddress.h"

#include "server/http/request.h"

namespace fd::http {
namespace {

bool trusted(const QHostAddress &address, const Subnets &proxies)
{
    for (const auto &subnet : proxies) {
        if (address.isInSubnet(subnet))
            return true;
    }
    return false;
}

} // namespace

QHostAddress clientAddress(const Request &request, const Subnets &trustedProxies)
{
    QHostAddress peer = request.peerAddress;
    if (peer.protocol() == QAbstractSocket::IPv6Protocol) {
        bool mapped = false;
        const QHostAddress v4(peer.toIPv4Address(&mapped));
        if (mapped)
            peer = v4;
    }
    if (trustedProxies.isEmpty() || !trusted(peer, trustedProxies))
        return peer;
    const QList<QByteArray> hops = request.header("x-forwarded-for").split(',');
    for (auto hop = hops.crbegin(); hop != hops.crend(); ++hop) {
        const QHostAddress address(QString::fromLatin1(hop->trimmed()));
        if (address.isNull())
            return peer; // malformed header: do not guess
        if (!trusted(address, trustedProxies))
            return address;
    }
    return peer;
}

} // namespace fd::http
