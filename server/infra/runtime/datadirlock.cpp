#include "server/infra/runtime/datadirlock.h"

#include <QDir>
#include <QFile>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace fd::infra {

DataDirLock::~DataDirLock()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

Result<void> DataDirLock::acquire(const QString &dataDir)
{
    if (!QDir().mkpath(dataDir))
        return Error{ErrorCode::Internal, QStringLiteral("cannot create data directory %1").arg(dataDir)};
    const QByteArray path = QFile::encodeName(dataDir + QStringLiteral("/fairdrop.lock"));
    m_fd = ::open(path.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (m_fd < 0)
        return Error{ErrorCode::Internal, QStringLiteral("cannot open lock file in %1").arg(dataDir)};
    if (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
        char owner[32] = {};
        const ssize_t n = ::pread(m_fd, owner, sizeof owner - 1, 0);
        ::close(m_fd);
        m_fd = -1;
        return Error{ErrorCode::Conflict,
                     QStringLiteral("data directory %1 is in use by another fairdrop-server (pid %2)")
                         .arg(dataDir, QString::fromLatin1(owner, n > 0 ? int(n) : 0).trimmed())};
    }
    const QByteArray pid = QByteArray::number(::getpid()) + '\n';
    if (::ftruncate(m_fd, 0) != 0 || ::pwrite(m_fd, pid.constData(), size_t(pid.size()), 0) < 0)
        return Error{ErrorCode::Internal, QStringLiteral("cannot write lock file in %1").arg(dataDir)};
    return {};
}

} // namespace fd::infra
