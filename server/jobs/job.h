#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>

namespace fd::infra {
class RedisClient;
}

namespace fd::jobs {

// One delivery of a job from the stream. At least once: a handler must be safe to run again.
struct Job
{
    QByteArray messageId; // the stream entry
    QString type;         // "holds.sweep", ...
    QByteArray id;        // the job's own id, the same across retries
    int attempts = 0;     // failed runs before this one
    QByteArray payload;
};

// Where a handler runs: the worker's thread and its own Redis connection.
struct JobContext
{
    QObject *context = nullptr;
    infra::RedisClient *redis = nullptr;
};

using JobDone = std::function<void(Result<void>)>;
// Calls done exactly once, on the worker's thread (later is fine).
using JobHandler = std::function<void(const Job &, const JobContext &, JobDone)>;

} // namespace fd::jobs
