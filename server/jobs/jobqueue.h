#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QString>

#include <functional>

namespace fd::infra {
class RedisClient;
}

namespace fd::jobs {

// Puts jobs on the stream that workers (any node's) consume. Asynchronous; answers on the client's thread.
class JobQueue
{
public:
    // delayMs > 0: the job enters the stream that much later, by Redis' clock.
    static void enqueue(infra::RedisClient *redis, const QString &type, const QByteArray &payload,
                        qint64 delayMs = 0, std::function<void(Result<void>)> done = {});
};

} // namespace fd::jobs
