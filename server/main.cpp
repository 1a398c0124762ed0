#include "common/version.h"
#include "server/app/cli.h"

#include <QCoreApplication>

#include <cstdlib>

int main(int argc, char *argv[])
{
    // With TZ unset, glibc stats /etc/localtime on every local-time conversion, and every timestamp read
    // from PostgreSQL takes one: naming the zone file once keeps the same zone without a syscall per value.
    setenv("TZ", ":/etc/localtime", 0);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("fairdrop-server"));
    QCoreApplication::setApplicationVersion(fd::productVersion());
    return fd::app::runCli(QCoreApplication::arguments());
}
