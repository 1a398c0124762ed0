#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace fd::infra {

// A Lua script run by its SHA1 (EVALSHA), so only 40 bytes travel per call; the source is kept for the
// EVAL fallback after Redis lost its script cache (restart, SCRIPT FLUSH, failover).
struct LuaScript
{
    QByteArray name; // for logs and metrics, e.g. "reserve"
    QByteArray source;
    QByteArray sha1; // lower-case hex, the form Redis uses

    static LuaScript fromSource(QByteArray name, QByteArray source);
    // The name is the file name without its extension; nullopt (and a warning) when unreadable.
    // Works for resource paths (":/lua/reserve.lua").
    static std::optional<LuaScript> fromFile(const QString &path);
};

} // namespace fd::infra
