#pragma once

#include "server/infra/runtime/supervisedprocess.h"

#include <memory>

namespace fd::infra {

// Redis with append-only persistence under <dataDir>/redis, reachable only through <dataDir>/run/redis.sock.
class EmbeddedRedis : public QObject
{
    Q_OBJECT
public:
    EmbeddedRedis(QString dataDir, RuntimeUser user, QObject *parent = nullptr);

    Result<QString> start(); // returns the unix:// URL
    void stop();

Q_SIGNALS:
    void failed(const QString &message);

private:
    bool answersPing() const;

    QString m_redisDir;
    QString m_socketDir;
    RuntimeUser m_user;
    std::unique_ptr<SupervisedProcess> m_process;
};

} // namespace fd::infra
