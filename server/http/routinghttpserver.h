#pragma once

#include <QAbstractHttpServer>

#include <memory>

namespace fd::http {

class HttpPipeline;

// Qt's HTTP parser and connection handling, with our own routing: every request goes to the pipeline
// (Qt's router cannot answer 405, label metrics by template, or keep requests alive across async work).
class RoutingHttpServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    RoutingHttpServer(std::shared_ptr<HttpPipeline> pipeline, QObject *ioContext, QObject *parent = nullptr);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    std::shared_ptr<HttpPipeline> m_pipeline;
    QObject *m_ioContext;
};

} // namespace fd::http
