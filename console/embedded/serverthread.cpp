#include "console/embedded/serverthread.h"

#include "server/app/servercontext.h"

namespace fd::console {

ServerThread::ServerThread(app::Config config, QObject *parent) : QThread(parent), m_config(std::move(config))
{
    setObjectName(QStringLiteral("fd-embedded-server"));
}

ServerThread::~ServerThread()
{
    requestStop();
    wait();
}

void ServerThread::requestStop()
{
    m_stopRequested = true;
    // Also covers a stop asked for between the check in run() and exec(): exec() returns at once then.
    quit();
}

void ServerThread::run()
{
    app::ServerContext context(m_config);
    // Direct: relay from this thread at once; the hop to the receiver's thread happens on our own signal.
    connect(&context, &app::ServerContext::fatalError, this, &ServerThread::fatalError, Qt::DirectConnection);

    if (const Result<void> started = context.start(); !started) {
        Q_EMIT startFailed(started.error().detail);
        return; // the context's destructor releases whatever the failed start had acquired
    }
    Q_EMIT serving(context.baseUrl(), context.createdAdmin());
    if (!m_stopRequested)
        exec(); // the event loop drives the server's supervisors of PostgreSQL and Redis
    context.stop();
}

} // namespace fd::console
