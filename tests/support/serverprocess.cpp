#include "tests/support/serverprocess.h"

#include "tests/support/httpclient.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QThread>
#include <QUrl>
#include <QUrlQuery>

#include <signal.h>

namespace fd::test {

DataDir::DataDir()
{
    QFile::setPermissions(m_dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                            QFileDevice::ExeOwner | QFileDevice::ReadGroup |
                                            QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                            QFileDevice::ExeOther);
}

QString DataDir::databaseUrl() const
{
    QUrl url(QStringLiteral("postgresql://fairdrop@localhost/fairdrop"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("host"), path() + QStringLiteral("/run"));
    url.setQuery(query);
    return url.toString();
}

QSqlDatabase DataDir::database(const QString &connectionName) const
{
    QSqlDatabase db = QSqlDatabase::database(connectionName);
    if (db.isValid() && db.isOpen())
        return db;
    if (!db.isValid())
        db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connectionName);
    db.setHostName(path() + QStringLiteral("/run"));
    db.setUserName(QStringLiteral("fairdrop"));
    db.setDatabaseName(QStringLiteral("fairdrop"));
    db.open();
    return db;
}

ServerProcess::ServerProcess(QString dataDir)
    : m_dataDir(std::move(dataDir)), m_environment(QProcessEnvironment::systemEnvironment())
{
    m_environment.insert(QStringLiteral("FAIRDROP_LOG_FORMAT"), QStringLiteral("text"));
    m_environment.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("fd.access=false"));
}

ServerProcess::~ServerProcess()
{
    terminate();
}

bool ServerProcess::start(const QStringList &extraArguments, int timeoutMs)
{
    // Output goes to a file, never a pipe: a test busy on its own threads does not drain a pipe, and a
    // server whose pipe is full blocks on its next log line.
    m_logOffset = QFileInfo(logPath()).size();
    m_process = std::make_unique<QProcess>();
    m_process->setProcessEnvironment(m_environment);
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setStandardOutputFile(logPath(), QIODevice::Append);
    m_process->start(QStringLiteral(FAIRDROP_SERVER_BINARY),
                     QStringList{m_command, QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                 QStringLiteral("--data-dir"), m_dataDir, QStringLiteral("--threads"),
                                 QStringLiteral("2")} +
                         extraArguments);
    static const QRegularExpression serving(QStringLiteral("serving at http://127\\.0\\.0\\.1:(\\d+)"));
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        const bool ended = m_process->waitForFinished(100) || m_process->state() == QProcess::NotRunning;
        const auto match = serving.match(QString::fromUtf8(output()));
        if (match.hasMatch()) {
            m_port = quint16(match.captured(1).toUInt());
            return true;
        }
        if (ended)
            return false;
    }
    return false;
}

QByteArray ServerProcess::output() const
{
    QFile log(logPath());
    if (!log.open(QIODevice::ReadOnly) || !log.seek(m_logOffset))
        return {};
    return log.readAll();
}

QString ServerProcess::logPath() const
{
    return m_logDir.filePath(QStringLiteral("server.log"));
}

int ServerProcess::runToCompletion(const QStringList &arguments, QByteArray *output, int timeoutMs)
{
    QProcess process;
    process.setProcessEnvironment(m_environment);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral(FAIRDROP_SERVER_BINARY),
                  arguments + QStringList{QStringLiteral("--data-dir"), m_dataDir});
    const bool finished = process.waitForFinished(timeoutMs);
    if (output)
        *output = process.readAll();
    if (!finished) {
        process.kill();
        process.waitForFinished();
        return -1;
    }
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

void ServerProcess::terminate(int timeoutMs)
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(timeoutMs)) {
            m_process->kill();
            m_process->waitForFinished();
        }
    }
}

void ServerProcess::kill()
{
    if (!m_process)
        return;
    m_process->kill();
    m_process->waitForFinished();
}

bool ServerProcess::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

qint64 ServerProcess::pid() const
{
    return m_process ? m_process->processId() : 0;
}

bool waitForStatus(quint16 port, const QByteArray &path, int status, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (request(port, "GET", path, {}, {}, 2000).status == status)
            return true;
        QThread::msleep(50);
    }
    return false;
}

bool processAlive(qint64 pid)
{
    if (pid <= 0 || ::kill(pid_t(pid), 0) != 0)
        return false;
    // A zombie is gone for our purposes.
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    return close < 0 || text.mid(close + 2, 1) != "Z";
}

qint64 pidFromFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    return file.readLine().trimmed().toLongLong();
}

} // namespace fd::test
