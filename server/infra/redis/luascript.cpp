#include "server/infra/redis/luascript.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcRedis)

namespace fd::infra {

LuaScript LuaScript::fromSource(QByteArray name, QByteArray source)
{
    LuaScript script;
    script.name = std::move(name);
    script.source = std::move(source);
    script.sha1 = QCryptographicHash::hash(script.source, QCryptographicHash::Sha1).toHex();
    return script;
}

std::optional<LuaScript> LuaScript::fromFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        qCWarning(lcRedis).noquote() << "cannot read Lua script" << path << ':' << file.errorString();
        return std::nullopt;
    }
    return fromSource(QFileInfo(path).completeBaseName().toUtf8(), file.readAll());
}

} // namespace fd::infra
