#pragma once

#include "common/result.h"
#include "server/http/iothread.h"

#include <QHostAddress>
#include <QList>

#include <functional>
#include <memory>

namespace fd::http {

class HttpPipeline;

// The listening side of the server: N IO threads on SO_REUSEPORT sockets sharing one pipeline.
class HttpService
{
public:
    HttpService(std::shared_ptr<HttpPipeline> pipeline, IoThread::ThreadSetup setup);
    ~HttpService();

    Result<quint16> start(const QHostAddress &address, quint16 port, int threads);
    // Stops accepting, waits up to graceMs for in-flight requests, runs whileThreadsRun (e.g. to let worker
    // pools deliver their last results to the IO threads), then stops the IO threads.
    void stop(int graceMs, const std::function<void()> &whileThreadsRun = {});

    quint16 port() const { return m_port; }

private:
    std::shared_ptr<HttpPipeline> m_pipeline;
    IoThread::ThreadSetup m_setup;
    QList<IoThread *> m_threads;
    quint16 m_port = 0;
};

} // namespace fd::http
