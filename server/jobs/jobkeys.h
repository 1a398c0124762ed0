#pragma once

#include <QByteArray>

namespace fd::jobs {

// Every job key shares one hash tag, so the scripts that touch several of them run on Redis Cluster.
struct JobKeys
{
    static QByteArray stream() { return QByteArrayLiteral("{jobs}:stream"); }
    static QByteArray delayed() { return QByteArrayLiteral("{jobs}:delayed"); }
    static QByteArray dead() { return QByteArrayLiteral("{jobs}:dead"); }
    static QByteArray periodic() { return QByteArrayLiteral("{jobs}:periodic"); }
    static QByteArray group() { return QByteArrayLiteral("workers"); }
};

} // namespace fd::jobs
