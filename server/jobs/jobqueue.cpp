#include "server/jobs/jobqueue.h"

#include "server/infra/redis/redisclient.h"
#include "server/jobs/jobkeys.h"

#include <QUuid>

namespace fd::jobs {
namespace {

const infra::LuaScript &delayScript()
{
    static const infra::LuaScript loaded =
        *infra::LuaScript::fromFile(QStringLiteral(":/lua/jobs_delay.lua"));
    return loaded;
}

} // namespace

void JobQueue::enqueue(infra::RedisClient *redis, const QString &type, const QByteArray &payload,
                       qint64 delayMs, std::function<void(Result<void>)> done)
{
    const QByteArray id = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    auto answer = [done = std::move(done)](const infra::RedisReply &reply) {
        if (!done)
            return;
        if (reply.isError())
            done(Error{ErrorCode::ServiceUnavailable, QString::fromUtf8(reply.string)});
        else
            done({});
    };
    if (delayMs > 0)
        redis->evalScript(delayScript(), {JobKeys::delayed()},
                          {QByteArray::number(delayMs), type.toUtf8(), payload, id}, std::move(answer));
    else
        redis->command({"XADD", JobKeys::stream(), "*", "type", type.toUtf8(), "id", id, "attempts", "0",
                        "payload", payload},
                       std::move(answer));
}

} // namespace fd::jobs
