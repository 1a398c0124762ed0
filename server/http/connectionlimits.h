#pragma once

#include <QtGlobal>

namespace fd::http {

struct ConnectionLimits
{
    qint64 maxBodyBytes = 1 << 20;
    qint64 maxHeaderBytes = 32 * 1024;
    int maxConnections = 10000; // per node; split evenly over IO threads
    int idleTimeoutMs = 60'000;
    int requestReadTimeoutMs = 30'000;
};

} // namespace fd::http
