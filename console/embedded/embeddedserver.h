#pragma once

#include "server/app/bootstrap.h"
#include "server/app/config.h"

#include <QLoggingCategory>
#include <QObject>
#include <QUrl>

#include <memory>
#include <optional>

namespace fd::console {

Q_DECLARE_LOGGING_CATEGORY(lcEmbedded)

class ServerThread;

// Runs a full FairDrop server (with its own PostgreSQL and Redis) inside the console process, on a thread of
// its own. Every call returns at once; outcomes arrive as signals on the owner's thread.
class EmbeddedServer : public QObject
{
    Q_OBJECT
public:
    enum class State { Stopped, Starting, Running, Stopping };
    Q_ENUM(State)

    explicit EmbeddedServer(QObject *parent = nullptr);
    // Stops a running server and waits for it: the one place that blocks, so the data directory is never
    // left locked and no child process outlives the console.
    ~EmbeddedServer() override;

    // Accepted only when Stopped (returns false otherwise). First runs initialise the database: seconds.
    bool start(app::Config config);
    // Asynchronous; stopped() follows. Safe in any state, also while still starting.
    void stop();

    State state() const { return m_state; }
    QUrl baseUrl() const { return m_baseUrl; } // valid while Running
    // The administrator made by this run's first start of a fresh data directory (show it once).
    const std::optional<app::AdminCredentials> &createdAdmin() const { return m_createdAdmin; }

Q_SIGNALS:
    void stateChanged(fd::console::EmbeddedServer::State state);
    void started(const QUrl &baseUrl);
    // The start failed, or a running server lost PostgreSQL or Redis for good (it is then stopped).
    void failed(const QString &message);
    // The run is over and its thread has ended, after stop() or a failure: start() may be called again.
    void stopped();

private:
    void onServing(const QUrl &baseUrl, const std::optional<app::AdminCredentials> &createdAdmin);
    void onStartFailed(const QString &message);
    void onFatalError(const QString &message);
    void onThreadFinished();
    void setState(State state);

    std::unique_ptr<ServerThread> m_thread;
    State m_state = State::Stopped;
    QUrl m_baseUrl;
    std::optional<app::AdminCredentials> m_createdAdmin;
};

} // namespace fd::console
