#include "server/http/iothread.h"

#include "server/http/guardedtcpserver.h"
#include "server/http/httppipeline.h"
#include "server/http/iocontext.h"
#include "server/http/routinghttpserver.h"

#include <QLoggingCategory>

#include <unistd.h>

Q_LOGGING_CATEGORY(lcIo, "fd.server.http.io")

namespace fd::http {

IoThread::IoThread(int index, int listenDescriptor, std::shared_ptr<HttpPipeline> pipeline,
                   int maxConnections, ThreadSetup setup)
    : m_index(index), m_descriptor(listenDescriptor), m_pipeline(std::move(pipeline)),
      m_maxConnections(maxConnections), m_setup(std::move(setup))
{
    setObjectName(QStringLiteral("io-%1").arg(index));
}

bool IoThread::waitUntilServing()
{
    QMutexLocker lock(&m_mutex);
    while (!m_started)
        m_ready.wait(&m_mutex);
    return m_serving;
}

void IoThread::drain()
{
    QMutexLocker lock(&m_mutex);
    if (m_tcpServer)
        QMetaObject::invokeMethod(m_tcpServer, &GuardedTcpServer::drain, Qt::QueuedConnection);
}

void IoThread::run()
{
    IoContext context(m_index);
    auto *tcpServer = new GuardedTcpServer(m_pipeline->settings().connection, m_maxConnections);
    const bool listening = tcpServer->setSocketDescriptor(m_descriptor);
    RoutingHttpServer httpServer(m_pipeline, &context);
    if (listening) {
        httpServer.bind(tcpServer); // takes ownership
        if (m_setup)
            m_setup(context);
    } else {
        qCCritical(lcIo).noquote() << "IO thread" << m_index
                                   << "cannot adopt its listening socket:" << tcpServer->errorString();
        ::close(m_descriptor);
        delete tcpServer;
        tcpServer = nullptr;
    }
    {
        QMutexLocker lock(&m_mutex);
        m_tcpServer = tcpServer;
        m_serving = listening;
        m_started = true;
        m_ready.wakeAll();
    }
    if (listening)
        exec();
    QMutexLocker lock(&m_mutex);
    m_tcpServer = nullptr;
}

} // namespace fd::http
