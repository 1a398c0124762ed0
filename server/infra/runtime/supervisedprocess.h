#pragma once

#include "server/infra/runtime/runtimeuser.h"

#include <QDeadlineTimer>
#include <QObject>
#include <QProcess>
#include <QStringList>

#include <functional>

namespace fd::infra {

// A child service (PostgreSQL, Redis) kept alive: restarted when it dies unexpectedly, given up on
// (failed()) when it keeps dying, and stopped with a signal and a bounded wait.
class SupervisedProcess : public QObject
{
    Q_OBJECT
public:
    struct Spec
    {
        QString name; // "postgresql", "redis"
        QString program;
        QStringList arguments;
        int stopSignal = 15;
        std::function<bool()> isReady; // polled after start until true
        int readyTimeoutMs = 30'000;
        bool forwardOutput = false; // its log goes to stdout (Redis) and should reach ours
    };

    SupervisedProcess(Spec spec, RuntimeUser user, QObject *parent = nullptr);
    ~SupervisedProcess() override;

    Result<void> start();
    void stop(int timeoutMs = 15'000);
    qint64 pid() const { return m_process ? m_process->processId() : 0; }

Q_SIGNALS:
    void failed(const QString &message);

private:
    Result<void> launch();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void recordCrashAndRestart();

    Spec m_spec;
    RuntimeUser m_user;
    QProcess *m_process = nullptr;
    bool m_stopping = false;
    QList<qint64> m_recentCrashes; // msecs since epoch
};

// Ends a leftover process recorded in a pid file, but only if it is the expected program working in the
// expected directory (a stale pid may belong to anything by now).
void stopOrphan(const QString &pidFile, const QString &program, const QString &workingDir, int signal);

} // namespace fd::infra
