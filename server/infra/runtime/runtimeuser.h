#pragma once

#include "common/result.h"

#include <QString>

class QProcess;

#include <sys/types.h>

namespace fd::infra {

// The account embedded PostgreSQL and Redis run as. PostgreSQL refuses to run as root, so a root server
// drops its children to an unprivileged system user; otherwise children run as ourselves.
struct RuntimeUser
{
    uid_t uid = 0;
    gid_t gid = 0;
    QString name;
    bool dropPrivileges = false;

    static Result<RuntimeUser> resolve(const QString &preferredName);

    // Creates the directory (and parents), owned by this user, mode 0700, and checks the user can reach it.
    Result<void> prepareDirectory(const QString &path) const;
    // Starts the process as this user, in its own process group (so a terminal's Ctrl-C reaches only the
    // server, which then stops its children in order), set to die with the server.
    void start(QProcess &process) const;
};

} // namespace fd::infra
