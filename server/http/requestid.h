#pragma once

#include <QByteArray>

namespace fd::http {

// Echoes a client's X-Request-ID when it is short and made of safe characters, else makes a new one.
QByteArray requestIdFor(const QByteArray &incoming);

} // namespace fd::http
