#include "common/version.h"
#include "server/app/cli.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("fairdrop-server"));
    QCoreApplication::setApplicationVersion(fd::productVersion());
    return fd::app::runCli(QCoreApplication::arguments());
}
