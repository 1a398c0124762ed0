#pragma once

#include <QStringList>

namespace fd::app {

// fairdrop-server [serve] | migrate | user create | --version | --help. Returns the process exit code.
int runCli(const QStringList &arguments);

} // namespace fd::app
