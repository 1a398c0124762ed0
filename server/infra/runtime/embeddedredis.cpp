#include "server/infra/runtime/embeddedredis.h"

#include <QFile>
#include <QLocalSocket>

#include <signal.h>

namespace fd::infra {

EmbeddedRedis::EmbeddedRedis(QString dataDir, RuntimeUser user, QObject *parent)
    : QObject(parent), m_redisDir(dataDir + QStringLiteral("/redis")),
      m_socketDir(dataDir + QStringLiteral("/run")), m_user(std::move(user))
{}

bool EmbeddedRedis::answersPing() const
{
    QLocalSocket socket;
    socket.connectToServer(m_socketDir + QStringLiteral("/redis.sock"));
    if (!socket.waitForConnected(500))
        return false;
    socket.write("PING\r\n");
    if (!socket.waitForBytesWritten(500))
        return false;
    QByteArray answer;
    while (!answer.contains("\r\n") && socket.waitForReadyRead(1000))
        answer += socket.readAll();
    return answer.startsWith("+PONG");
}

Result<QString> EmbeddedRedis::start()
{
    for (const QString &dir : {m_redisDir, m_socketDir}) {
        if (auto prepared = m_user.prepareDirectory(dir); !prepared)
            return prepared.error();
    }
    const QString pidFile = m_socketDir + QStringLiteral("/redis.pid");
    stopOrphan(pidFile, QStringLiteral("/usr/bin/redis-server"), m_redisDir, SIGTERM);
    const QString socketPath = m_socketDir + QStringLiteral("/redis.sock");

    SupervisedProcess::Spec spec;
    spec.name = QStringLiteral("redis");
    spec.program = QStringLiteral("/usr/bin/redis-server");
    spec.arguments = {QStringLiteral("--port"),
                      QStringLiteral("0"),
                      QStringLiteral("--unixsocket"),
                      socketPath,
                      QStringLiteral("--unixsocketperm"),
                      QStringLiteral("700"),
                      QStringLiteral("--dir"),
                      m_redisDir,
                      QStringLiteral("--pidfile"),
                      pidFile,
                      QStringLiteral("--appendonly"),
                      QStringLiteral("yes"),
                      QStringLiteral("--appendfsync"),
                      QStringLiteral("everysec"),
                      QStringLiteral("--save"),
                      QString(),
                      QStringLiteral("--daemonize"),
                      QStringLiteral("no"),
                      QStringLiteral("--loglevel"),
                      QStringLiteral("warning")};
    spec.stopSignal = SIGTERM; // Redis flushes the AOF and exits
    spec.forwardOutput = true; // Redis logs to stdout; its warnings belong in ours
    spec.isReady = [this] { return answersPing(); };
    m_process = std::make_unique<SupervisedProcess>(spec, m_user);
    connect(m_process.get(), &SupervisedProcess::failed, this, &EmbeddedRedis::failed);
    if (auto started = m_process->start(); !started)
        return started.error();
    return QString(QStringLiteral("unix://") + socketPath);
}

void EmbeddedRedis::stop()
{
    if (m_process)
        m_process->stop();
}

} // namespace fd::infra
