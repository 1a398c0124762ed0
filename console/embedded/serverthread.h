#pragma once

#include "server/app/bootstrap.h"
#include "server/app/config.h"

#include <QThread>
#include <QUrl>

#include <atomic>
#include <optional>

namespace fd::console {

// One run of an in-process server. The ServerContext is created, started, served and stopped inside run(),
// so its sockets, child processes and database connections all belong to this thread: the server's blocking
// start never touches the GUI thread, and the embedded PostgreSQL and Redis (which die with the thread that
// spawned them) live exactly as long as the run. Signals are delivered queued to receivers elsewhere.
class ServerThread : public QThread
{
    Q_OBJECT
public:
    explicit ServerThread(app::Config config, QObject *parent = nullptr);
    ~ServerThread() override;

    // Thread-safe; works before, during and after the (blocking) start.
    void requestStop();

Q_SIGNALS:
    void serving(const QUrl &baseUrl, const std::optional<fd::app::AdminCredentials> &createdAdmin);
    void startFailed(const QString &message);
    void fatalError(const QString &message);

protected:
    void run() override;

private:
    const app::Config m_config;
    std::atomic<bool> m_stopRequested{false};
};

} // namespace fd::console
