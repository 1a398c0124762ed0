#include "tests/support/httpclient.h"

#include <QDeadlineTimer>
#include <QTcpSocket>

namespace fd::test {

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

bool parseResponse(const QByteArray &buffer, HttpResponse *response, qsizetype *consumed)
{
    const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return false;
    const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
    HttpResponse parsed;
    const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
    parsed.status = statusLine.size() > 1 ? statusLine.at(1).toInt() : 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon > 0)
            parsed.headers.insert(lines.at(i).left(colon).trimmed().toLower(),
                                  lines.at(i).mid(colon + 1).trimmed());
    }
    const qsizetype length = parsed.headers.value("content-length", "0").toLongLong();
    if (buffer.size() < headEnd + 4 + length)
        return false;
    parsed.body = buffer.mid(headEnd + 4, length);
    *response = parsed;
    *consumed = headEnd + 4 + length;
    return true;
}

HttpResponse sendRaw(quint16 port, const QByteArray &requestBytes, int timeoutMs)
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForConnected(timeoutMs))
        return {};
    socket.write(requestBytes);
    QByteArray buffer;
    HttpResponse response;
    qsizetype consumed = 0;
    QDeadlineTimer deadline(timeoutMs);
    while (!parseResponse(buffer, &response, &consumed) && !deadline.hasExpired()) {
        if (!socket.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))) &&
            socket.state() != QAbstractSocket::ConnectedState && socket.bytesAvailable() == 0)
            break;
        buffer += socket.readAll();
    }
    return response;
}

HttpResponse request(quint16 port, const QByteArray &method, const QByteArray &path, const QByteArray &body,
                     const QList<std::pair<QByteArray, QByteArray>> &headers, int timeoutMs)
{
    QByteArray bytes = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    bool hasContentType = false;
    for (const auto &[name, value] : headers) {
        bytes += name + ": " + value + "\r\n";
        hasContentType = hasContentType || name.toLower() == "content-type";
    }
    if (!body.isEmpty() && !hasContentType)
        bytes += "Content-Type: application/json\r\n";
    if (!body.isEmpty() || method == "POST" || method == "PATCH" || method == "PUT")
        bytes += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    bytes += "\r\n" + body;
    return sendRaw(port, bytes, timeoutMs);
}

} // namespace fd::test
