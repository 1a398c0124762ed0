#include "server/http/httpservice.h"

#include "server/http/httppipeline.h"
#include "server/http/listensockets.h"

#include <QDeadlineTimer>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcHttpService, "fd.server.http.service")

namespace fd::http {

HttpService::HttpService(std::shared_ptr<HttpPipeline> pipeline, IoThread::ThreadSetup setup)
    : m_pipeline(std::move(pipeline)), m_setup(std::move(setup))
{}

HttpService::~HttpService()
{
    stop(0);
}

Result<quint16> HttpService::start(const QHostAddress &address, quint16 port, int threads)
{
    auto sockets = openListenSockets(address, port, threads);
    if (!sockets)
        return sockets.error();
    m_port = sockets->port;
    const int perThread = qMax(1, m_pipeline->settings().connection.maxConnections / threads);
    for (int i = 0; i < threads; ++i) {
        auto *thread = new IoThread(i, sockets->descriptors.at(i), m_pipeline, perThread, m_setup);
        m_threads.append(thread);
        thread->start();
    }
    bool allServing = true;
    for (IoThread *thread : std::as_const(m_threads))
        allServing = thread->waitUntilServing() && allServing;
    if (!allServing) {
        stop(0);
        return Error{ErrorCode::Internal, QStringLiteral("IO threads failed to start")};
    }
    qCInfo(lcHttpService).noquote() << "serving on" << address.toString() << "port" << m_port << "with"
                                    << threads << "IO threads";
    return m_port;
}

void HttpService::stop(int graceMs, const std::function<void()> &whileThreadsRun)
{
    if (m_threads.isEmpty())
        return;
    for (IoThread *thread : std::as_const(m_threads))
        thread->drain();
    QDeadlineTimer deadline(graceMs);
    while (m_pipeline->inFlight() > 0 && !deadline.hasExpired())
        QThread::msleep(5);
    if (m_pipeline->inFlight() > 0)
        qCWarning(lcHttpService).noquote()
            << m_pipeline->inFlight() << "requests still in flight after the grace period";
    if (whileThreadsRun)
        whileThreadsRun();
    for (IoThread *thread : std::as_const(m_threads)) {
        thread->quit();
        thread->wait();
        delete thread;
    }
    m_threads.clear();
}

} // namespace fd::http
