#pragma once

#include "server/http/connectionlimits.h"

#include <QMutex>
#include <QThread>
#include <QWaitCondition>

#include <functional>
#include <memory>

namespace fd::http {

class HttpPipeline;
class IoContext;
class GuardedTcpServer;

// One event loop serving the connections of one listening socket. Everything it owns is created and
// destroyed inside the thread.
class IoThread : public QThread
{
    Q_OBJECT
public:
    // Runs inside the thread before it serves: attaches the thread's own connections to its context.
    using ThreadSetup = std::function<void(IoContext &)>;

    IoThread(int index, int listenDescriptor, std::shared_ptr<HttpPipeline> pipeline, int maxConnections,
             ThreadSetup setup);

    // Blocks until the thread serves (or failed to); returns false on failure.
    bool waitUntilServing();
    // Stop accepting and close keep-alive connections once idle; safe from any thread.
    void drain();

protected:
    void run() override;

private:
    int m_index;
    int m_descriptor;
    std::shared_ptr<HttpPipeline> m_pipeline;
    int m_maxConnections;
    ThreadSetup m_setup;
    GuardedTcpServer *m_tcpServer = nullptr;
    QMutex m_mutex;
    QWaitCondition m_ready;
    bool m_started = false;
    bool m_serving = false;
};

} // namespace fd::http
