#include "console/embedded/embeddedserver.h"

#include "console/embedded/serverthread.h"

namespace fd::console {

Q_LOGGING_CATEGORY(lcEmbedded, "fd.console.embedded")

EmbeddedServer::EmbeddedServer(QObject *parent) : QObject(parent) {}

EmbeddedServer::~EmbeddedServer()
{
    if (!m_thread)
        return;
    // Nothing may reach this half-destroyed object while we wait.
    m_thread->disconnect(this);
    qCInfo(lcEmbedded) << "stopping the local server before exit";
    m_thread->requestStop();
    m_thread->wait();
}

bool EmbeddedServer::start(app::Config config)
{
    if (m_state != State::Stopped)
        return false;
    qCInfo(lcEmbedded).noquote() << "starting a local server in" << config.dataDir;
    m_createdAdmin.reset();
    m_thread = std::make_unique<ServerThread>(std::move(config));
    connect(m_thread.get(), &ServerThread::serving, this, &EmbeddedServer::onServing);
    connect(m_thread.get(), &ServerThread::startFailed, this, &EmbeddedServer::onStartFailed);
    connect(m_thread.get(), &ServerThread::fatalError, this, &EmbeddedServer::onFatalError);
    connect(m_thread.get(), &QThread::finished, this, &EmbeddedServer::onThreadFinished);
    setState(State::Starting);
    m_thread->start();
    return true;
}

void EmbeddedServer::stop()
{
    if (m_state != State::Starting && m_state != State::Running)
        return;
    setState(State::Stopping);
    m_thread->requestStop();
}

void EmbeddedServer::onServing(const QUrl &baseUrl, const std::optional<app::AdminCredentials> &createdAdmin)
{
    if (m_state != State::Starting)
        return; // stop() came first; the thread is already on its way out
    m_baseUrl = baseUrl;
    m_createdAdmin = createdAdmin;
    qCInfo(lcEmbedded).noquote() << "local server serving at" << baseUrl.toDisplayString();
    setState(State::Running);
    Q_EMIT started(baseUrl);
}

void EmbeddedServer::onStartFailed(const QString &message)
{
    qCWarning(lcEmbedded).noquote() << "local server failed to start:" << message;
    Q_EMIT failed(message);
}

void EmbeddedServer::onFatalError(const QString &message)
{
    qCWarning(lcEmbedded).noquote() << "local server failed:" << message;
    Q_EMIT failed(message);
    stop();
}

void EmbeddedServer::onThreadFinished()
{
    // finished() is emitted from the thread's last moments: this wait returns at once, and it is needed
    // before the QThread object may be deleted.
    m_thread->wait();
    m_thread.reset();
    m_baseUrl.clear();
    qCInfo(lcEmbedded) << "local server stopped";
    setState(State::Stopped);
    Q_EMIT stopped();
}

void EmbeddedServer::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace fd::console
