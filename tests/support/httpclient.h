#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace fd::test {

struct HttpResponse
{
    int status = 0;                        // 0: no response (connection failed or closed early)
    QHash<QByteArray, QByteArray> headers; // names lower-cased
    QByteArray body;

    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    QJsonDocument json() const { return QJsonDocument::fromJson(body); }
};

// A deliberately plain HTTP/1.1 client over QTcpSocket, so tests control every byte on the wire.
// Blocking: the server under test runs on its own threads or in another process.
HttpResponse sendRaw(quint16 port, const QByteArray &request, int timeoutMs = 10'000);
HttpResponse request(quint16 port, const QByteArray &method, const QByteArray &path,
                     const QByteArray &body = {},
                     const QList<std::pair<QByteArray, QByteArray>> &headers = {}, int timeoutMs = 10'000);
// A JSON object as a compact request body.
QByteArray json(const QJsonObject &object);
// Parses one response from the front of buffer; returns false while it is incomplete.
bool parseResponse(const QByteArray &buffer, HttpResponse *response, qsizetype *consumed);

} // namespace fd::test
