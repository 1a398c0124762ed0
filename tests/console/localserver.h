#pragma once

#include "console/embedded/embeddedserver.h"

#include <QTemporaryDir>
#include <QUrl>

#include <functional>

namespace fd::test {

// Starts a whole server in-process (its own PostgreSQL and Redis) on the fresh data directory, with this
// administrator, and waits until it serves: its URL, or an empty one (with a warning) when it did not start.
// `adjust` may change the configuration before the start (e.g. raise a limit for seeding).
QUrl startLocalServer(console::EmbeddedServer &server, const QTemporaryDir &dataDir,
                      const QString &adminEmail, const QString &adminPassword,
                      const std::function<void(app::Config &)> &adjust = {});
// Limits loose enough for a test that signs many accounts up and in, and writes fast, from one address.
void relaxLimits(app::Config &config);
// Stops it and waits until its thread has ended.
void stopLocalServer(console::EmbeddedServer &server);

} // namespace fd::test
