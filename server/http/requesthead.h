#pragma once

#include "common/errorcode.h"

#include <QByteArrayView>

#include <optional>

namespace fd::http {

struct HeadVerdict
{
    std::optional<ErrorCode> refusal; // set when the request must not reach Qt's parser
    qint64 contentLength = 0;
};

// Judges a complete request head (through its blank line) the strict way: CRLF line ends only, no folded
// lines, no Transfer-Encoding (411), one Content-Length of plain digits within maxBodyBytes. Anything
// Qt's lenient parser might read differently is refused, so the guard and the parser never disagree about
// where a body ends.
HeadVerdict inspectHead(QByteArrayView head, qint64 maxBodyBytes);

// True when data holds a line feed not preceded by a carriage return (previous: the byte before data).
bool hasBareLineFeed(QByteArrayView data, char previous);

} // namespace fd::http
