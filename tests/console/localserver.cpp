#include "tests/console/localserver.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>

namespace fd::test {

QUrl startLocalServer(console::EmbeddedServer &server, const QTemporaryDir &dataDir,
                      const QString &adminEmail, const QString &adminPassword,
                      const std::function<void(app::Config &)> &adjust)
{
    // As root the server runs PostgreSQL as an unprivileged user, who must be able to enter this directory.
    QFile::setPermissions(dataDir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                              QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther |
                                              QFile::ExeOther);
    app::Config config;
    config.dataDir = dataDir.path();
    config.listenPort = 0;
    config.threads = 1;
    config.dbPoolSize = 2;
    config.shutdownGraceMs = 2000;
    config.adminEmail = adminEmail;
    config.adminPassword = adminPassword;
    if (adjust)
        adjust(config);
    QSignalSpy started(&server, &console::EmbeddedServer::started);
    QSignalSpy failed(&server, &console::EmbeddedServer::failed);
    if (!server.start(config) ||
        !QTest::qWaitFor([&] { return !started.isEmpty() || !failed.isEmpty(); }, 60'000) ||
        !failed.isEmpty()) {
        qWarning("the local server did not start: %s", qPrintable(failed.value(0).value(0).toString()));
        return {};
    }
    return started.at(0).at(0).toUrl();
}

void relaxLimits(app::Config &config)
{
    config.limits.signupPerIpPerHour = 100;
    config.limits.loginPerAccountPerMinute = 100;
    config.limits.loginPerIpPerMinute = 1000;
    config.limits.userWritesPerSecond = 1000;
}

void stopLocalServer(console::EmbeddedServer &server)
{
    QSignalSpy stopped(&server, &console::EmbeddedServer::stopped);
    server.stop();
    if (!QTest::qWaitFor([&] { return !stopped.isEmpty(); }, 30'000))
        qWarning("the local server did not stop");
}

} // namespace fd::test
