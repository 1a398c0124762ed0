#include "server/infra/runtime/runtimeuser.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>

#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fd::infra {

Result<RuntimeUser> RuntimeUser::resolve(const QString &preferredName)
{
    RuntimeUser user;
    if (::geteuid() != 0) {
        user.uid = ::geteuid();
        user.gid = ::getegid();
        const passwd *self = ::getpwuid(user.uid);
        user.name = self ? QString::fromLocal8Bit(self->pw_name) : QString::number(user.uid);
        return user;
    }
    for (const QString &candidate : {preferredName, QStringLiteral("postgres")}) {
        if (candidate.isEmpty() || candidate == QLatin1StringView("root"))
            continue;
        if (const passwd *entry = ::getpwnam(candidate.toLocal8Bit().constData())) {
            user.uid = entry->pw_uid;
            user.gid = entry->pw_gid;
            user.name = candidate;
            user.dropPrivileges = true;
            return user;
        }
    }
    return Error{ErrorCode::Internal,
                 QStringLiteral("running as root, but no unprivileged user '%1' exists to run PostgreSQL and "
                                "Redis; create it with: useradd --system --no-create-home %1")
                     .arg(preferredName)};
}

Result<void> RuntimeUser::prepareDirectory(const QString &path) const
{
    if (!QDir().mkpath(path))
        return Error{ErrorCode::Internal, QStringLiteral("cannot create directory %1").arg(path)};
    const QByteArray native = QFile::encodeName(path);
    if (dropPrivileges && ::chown(native.constData(), uid, gid) != 0)
        return Error{ErrorCode::Internal, QStringLiteral("cannot give %1 to user %2").arg(path, name)};
    ::chmod(native.constData(), 0700);
    if (!dropPrivileges)
        return {};
    // Every parent must be searchable by the runtime user, or PostgreSQL cannot reach its data.
    QDir dir(QFileInfo(path).absolutePath());
    for (;;) {
        struct stat info
        {
        };
        const QByteArray parent = QFile::encodeName(dir.absolutePath());
        if (::stat(parent.constData(), &info) == 0) {
            const bool searchable = (info.st_mode & S_IXOTH) ||
                                    (info.st_uid == uid && (info.st_mode & S_IXUSR)) ||
                                    (info.st_gid == gid && (info.st_mode & S_IXGRP));
            if (!searchable)
                return Error{
                    ErrorCode::Internal,
                    QStringLiteral("user %1 cannot reach %2 because %3 is not searchable by it; choose "
                                   "another --data-dir (e.g. /var/lib/fairdrop)")
                        .arg(name, path, dir.absolutePath())};
        }
        if (dir.isRoot())
            break;
        dir.cdUp();
    }
    return {};
}

void RuntimeUser::start(QProcess &process) const
{
    const pid_t parent = ::getpid();
    const RuntimeUser user = *this;
    // Runs in the child between fork and exec (sharing the parent's memory in Qt 6.4): no allocation here.
    process.setChildProcessModifier([user, parent] {
        ::setpgid(0, 0);
        if (user.dropPrivileges) {
            ::setgroups(0, nullptr);
            if (::setgid(user.gid) != 0 || ::setuid(user.uid) != 0)
                ::_exit(126);
        }
        // After the credential change, which would clear it. SIGINT: PostgreSQL's fast shutdown.
        ::prctl(PR_SET_PDEATHSIG, SIGINT);
        if (::getppid() != parent)
            ::_exit(0); // the server died before we got here
    });
    process.start();
    // The credential change in the memory-sharing child cleared the server's "dumpable" flag too.
    ::prctl(PR_SET_DUMPABLE, 1);
}

} // namespace fd::infra
