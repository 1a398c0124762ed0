#include "server/infra/runtime/supervisedprocess.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QThread>
#include <QTimer>

#include <signal.h>

Q_LOGGING_CATEGORY(lcRuntime, "fd.server.runtime")

namespace fd::infra {
namespace {

constexpr int kMaxCrashes = 3;
constexpr qint64 kCrashWindowMs = 60'000;

bool waitForExit(qint64 pid, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (::kill(pid_t(pid), 0) == 0) {
        if (deadline.hasExpired())
            return false;
        QThread::msleep(20);
    }
    return true;
}

} // namespace

SupervisedProcess::SupervisedProcess(Spec spec, RuntimeUser user, QObject *parent)
    : QObject(parent), m_spec(std::move(spec)), m_user(std::move(user))
{}

SupervisedProcess::~SupervisedProcess()
{
    stop();
}

Result<void> SupervisedProcess::start()
{
    m_stopping = false;
    return launch();
}

Result<void> SupervisedProcess::launch()
{
    delete m_process;
    m_process = new QProcess(this);
    m_process->setProgram(m_spec.program);
    m_process->setArguments(m_spec.arguments);
    if (m_spec.forwardOutput) {
        m_process->setProcessChannelMode(QProcess::ForwardedChannels);
    } else {
        m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process->setStandardOutputFile(QProcess::nullDevice());
    }
    m_user.start(*m_process);
    if (!m_process->waitForStarted(10'000))
        return Error{ErrorCode::Internal, QStringLiteral("cannot start %1 (%2): %3")
                                              .arg(m_spec.name, m_spec.program, m_process->errorString())};
    QDeadlineTimer deadline(m_spec.readyTimeoutMs);
    while (!m_spec.isReady || !m_spec.isReady()) {
        if (m_process->state() != QProcess::Running || m_process->waitForFinished(0))
            return Error{ErrorCode::Internal,
                         QStringLiteral("%1 exited during start-up with code %2; see its messages above")
                             .arg(m_spec.name)
                             .arg(m_process->exitCode())};
        if (deadline.hasExpired()) {
            // Not stop(): that would end supervision, and the caller counts this as a crash and retries.
            m_process->kill();
            m_process->waitForFinished(5'000);
            return Error{ErrorCode::Internal, QStringLiteral("%1 did not become ready in %2 ms")
                                                  .arg(m_spec.name)
                                                  .arg(m_spec.readyTimeoutMs)};
        }
        QThread::msleep(25);
    }
    connect(m_process, &QProcess::finished, this, &SupervisedProcess::onFinished);
    qCInfo(lcRuntime).noquote() << m_spec.name << "running with pid" << m_process->processId();
    return {};
}

void SupervisedProcess::onFinished(int exitCode, QProcess::ExitStatus status)
{
    if (m_stopping)
        return;
    qCWarning(lcRuntime).noquote() << m_spec.name << "exited unexpectedly (code" << exitCode << "status"
                                   << status << ")";
    recordCrashAndRestart();
}

void SupervisedProcess::recordCrashAndRestart()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_recentCrashes.removeIf([now](qint64 at) { return now - at > kCrashWindowMs; });
    m_recentCrashes.append(now);
    if (m_recentCrashes.size() > kMaxCrashes) {
        Q_EMIT failed(QStringLiteral("%1 keeps exiting (%2 times in a minute); giving up")
                          .arg(m_spec.name)
                          .arg(m_recentCrashes.size()));
        return;
    }
    // Back off a little more after each crash so a child that dies at once does not spin.
    const int delayMs = qMin(2000, 100 << (m_recentCrashes.size() - 1));
    QTimer::singleShot(delayMs, this, [this] {
        if (m_stopping)
            return;
        if (auto restarted = launch(); !restarted) {
            qCWarning(lcRuntime).noquote() << restarted.error().detail;
            recordCrashAndRestart();
            return;
        }
        qCInfo(lcRuntime).noquote() << m_spec.name << "restarted";
    });
}

void SupervisedProcess::stop(int timeoutMs)
{
    m_stopping = true;
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return;
    const qint64 pid = m_process->processId();
    ::kill(pid_t(pid), m_spec.stopSignal);
    if (!m_process->waitForFinished(timeoutMs)) {
        qCWarning(lcRuntime).noquote() << m_spec.name << "did not stop in time; killing it";
        m_process->kill();
        m_process->waitForFinished(5'000);
    }
    qCInfo(lcRuntime).noquote() << m_spec.name << "stopped";
}

void stopOrphan(const QString &pidFile, const QString &program, const QString &workingDir, int signal)
{
    QFile file(pidFile);
    if (!file.open(QIODevice::ReadOnly))
        return;
    const qint64 pid = file.readLine().trimmed().toLongLong();
    if (pid <= 1 || ::kill(pid_t(pid), 0) != 0)
        return;
    const QString proc = QStringLiteral("/proc/%1/").arg(pid);
    const QString exe = QFileInfo(proc + QStringLiteral("exe")).canonicalFilePath();
    const QString cwd = QFileInfo(proc + QStringLiteral("cwd")).canonicalFilePath();
    if (exe != QFileInfo(program).canonicalFilePath() || cwd != QFileInfo(workingDir).canonicalFilePath())
        return; // the pid was reused by something else
    qCWarning(lcRuntime).noquote() << "stopping leftover" << program << "with pid" << pid
                                   << "from a previous run";
    ::kill(pid_t(pid), signal);
    if (!waitForExit(pid, 15'000)) {
        ::kill(pid_t(pid), SIGKILL);
        waitForExit(pid, 5'000);
    }
}

} // namespace fd::infra
