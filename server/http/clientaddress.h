#pragma once

#include <QHostAddress>
#include <QList>
#include <QPair>

namespace fd::http {

struct Request;

using Subnets = QList<QPair<QHostAddress, int>>;

// The client's address: the socket peer, or, when the peer is a trusted proxy, the right-most
// X-Forwarded-For entry that is not itself a trusted proxy (entries further left are client-supplied).
QHostAddress clientAddress(const Request &request, const Subnets &trustedProxies);

} // namespace fd::http
