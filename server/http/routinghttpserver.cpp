#include "server/http/routinghttpserver.h"

#include "server/http/exchange.h"
#include "server/http/httppipeline.h"
#include "server/http/iocontext.h"

namespace fd::http {

IoContext *IoContext::of(const Exchange &exchange)
{
    return static_cast<IoContext *>(exchange.context());
}

RoutingHttpServer::RoutingHttpServer(std::shared_ptr<HttpPipeline> pipeline, QObject *ioContext,
                                     QObject *parent)
    : QAbstractHttpServer(parent), m_pipeline(std::move(pipeline)), m_ioContext(ioContext)
{}

bool RoutingHttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    m_pipeline->dispatch(request, socket, makeResponder(request, socket), m_ioContext);
    return true;
}

void RoutingHttpServer::missingHandler(const QHttpServerRequest &, QTcpSocket *)
{
    // Unreachable: handleRequest accepts every request and the pipeline answers unknown routes itself.
}

} // namespace fd::http
