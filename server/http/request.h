#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QString>
#include <QUrlQuery>

namespace fd::http {

// Everything a handler may need from a request, copied out of Qt's per-connection request object
// (which is reused for the next request on the connection, so it must not be referenced after dispatch).
struct Request
{
    QByteArray method; // "GET", "POST", ...
    QString path;      // decoded path, e.g. "/api/v1/inventory/42"
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers; // names lower-cased
    QByteArray body;
    QHostAddress peerAddress;
    quint16 peerPort = 0;
    QByteArray requestId;
    QString routeTemplate; // e.g. "/api/v1/inventory/{id}"; empty when no route matched
    QHash<QString, QString> pathParams;
    QElapsedTimer started;

    QByteArray header(const QByteArray &lowerCaseName) const { return headers.value(lowerCaseName); }
    bool wantsClose() const;
};

} // namespace fd::http
