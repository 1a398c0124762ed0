#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QSqlDatabase>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace fd::test {

// A data directory the embedded runtime can use when the tests run as root (the unprivileged runtime
// user must be able to reach it, and QTemporaryDir makes it 0700).
class DataDir
{
public:
    DataDir();
    QString path() const { return m_dir.path(); }
    // The embedded PostgreSQL, reachable as root or as the owner through its Unix socket.
    QString databaseUrl() const;
    // A connection to it in the calling thread, opened once per name and reused.
    QSqlDatabase database(const QString &connectionName = QStringLiteral("test")) const;

private:
    QTemporaryDir m_dir;
};

// A real fairdrop-server process, as ops would run it.
class ServerProcess
{
public:
    explicit ServerProcess(QString dataDir);
    ~ServerProcess();

    QProcessEnvironment &environment() { return m_environment; }
    // What start() runs: "serve" unless told otherwise ("worker").
    void setCommand(QString command) { m_command = std::move(command); }
    // Starts `fairdrop-server serve` (or other arguments) and waits for its "serving at" line.
    bool start(const QStringList &extraArguments = {}, int timeoutMs = 60'000);
    // Runs a command to completion (migrate, user create, or a serve that must fail).
    int runToCompletion(const QStringList &arguments, QByteArray *output, int timeoutMs = 60'000);
    void terminate(int timeoutMs = 30'000); // SIGTERM and wait
    void kill();                            // SIGKILL, no cleanup
    bool isRunning() const;
    qint64 pid() const;

    quint16 port() const { return m_port; }
    // Everything the current (or last) run wrote to stdout and stderr.
    QByteArray output() const;
    QString logPath() const;
    QString dataDir() const { return m_dataDir; }

private:
    QString m_dataDir;
    QProcessEnvironment m_environment;
    QString m_command = QStringLiteral("serve");
    std::unique_ptr<QProcess> m_process;
    QTemporaryDir m_logDir;
    qint64 m_logOffset = 0;
    quint16 m_port = 0;
};

// Polls until `GET path` answers with status, or the timeout passes.
bool waitForStatus(quint16 port, const QByteArray &path, int status, int timeoutMs);
// True when a process with this pid exists.
bool processAlive(qint64 pid);
// The pid recorded in the first line of a pid file, or 0.
qint64 pidFromFile(const QString &path);

} // namespace fd::test
