#include "server/http/requestid.h"

#include <QRandomGenerator>

namespace fd::http {
namespace {

bool isSafe(const QByteArray &id)
{
    if (id.isEmpty() || id.size() > 128)
        return false;
    for (char c : id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '-' || c == '_' || c == '.' || c == ':';
        if (!ok)
            return false;
    }
    return true;
}

} // namespace

QByteArray requestIdFor(const QByteArray &incoming)
{
    if (isSafe(incoming))
        return incoming;
    quint64 random[2];
    QRandomGenerator::global()->fillRange(random);
    return QByteArray(reinterpret_cast<const char *>(random), sizeof random).toHex();
}

} // namespace fd::http
