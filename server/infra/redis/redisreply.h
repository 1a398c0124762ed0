#pragma once

#include <QByteArray>
#include <QList>
#include <QtGlobal>

#include <utility>

struct redisReply;

namespace fd::infra {

// A hiredis reply copied into Qt types: hiredis frees its own reply as soon as the callback returns, and
// callers often keep parts of it (or move it to another thread) after that.
struct RedisReply
{
    enum class Type { Nil, Status, Error, Integer, String, Array };

    Type type = Type::Nil;
    qint64 integer = 0;
    QByteArray string; // bulk string, status text or error message (e.g. "ERR unknown command")
    QList<RedisReply> elements;

    bool isError() const { return type == Type::Error; }

    static RedisReply error(QByteArray message)
    {
        RedisReply reply;
        reply.type = Type::Error;
        reply.string = std::move(message);
        return reply;
    }
};

// Deep copy of a hiredis reply (defined in redisclient.cpp, next to the only code that sees hiredis replies).
RedisReply fromHiredis(const redisReply *reply);

} // namespace fd::infra
