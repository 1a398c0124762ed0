#include "server/http/requesthead.h"

namespace fd::http {
namespace {

bool isDigits(QByteArrayView text)
{
    if (text.isEmpty() || text.size() > 18)
        return false;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

} // namespace

bool hasBareLineFeed(QByteArrayView data, char previous)
{
    for (char c : data) {
        if (c == '\n' && previous != '\r')
            return true;
        previous = c;
    }
    return false;
}

HeadVerdict inspectHead(QByteArrayView head, qint64 maxBodyBytes)
{
    HeadVerdict verdict;
    int lengthHeaders = 0;
    qsizetype lineStart = head.indexOf("\r\n");
    if (lineStart < 0)
        return {ErrorCode::BadRequest, 0};
    lineStart += 2;
    while (lineStart < head.size()) {
        const qsizetype lineEnd = head.indexOf("\r\n", lineStart);
        if (lineEnd < 0 || lineEnd == lineStart)
            break; // the blank line that ends the head
        const QByteArrayView line = head.sliced(lineStart, lineEnd - lineStart);
        lineStart = lineEnd + 2;
        if (line.front() == ' ' || line.front() == '\t')
            return {ErrorCode::BadRequest, 0}; // obsolete line folding
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return {ErrorCode::BadRequest, 0};
        const QByteArrayView name = line.first(colon).trimmed();
        const QByteArrayView value = line.sliced(colon + 1).trimmed();
        if (name.compare("transfer-encoding", Qt::CaseInsensitive) == 0)
            return {ErrorCode::LengthRequired, 0};
        if (name.compare("content-length", Qt::CaseInsensitive) == 0) {
            if (++lengthHeaders > 1 || !isDigits(value))
                return {ErrorCode::BadRequest, 0};
            verdict.contentLength = value.toLongLong();
        }
    }
    if (verdict.contentLength > maxBodyBytes)
        return {ErrorCode::PayloadTooLarge, 0};
    return verdict;
}

} // namespace fd::http
