#pragma once

#include <QByteArray>
#include <QByteArrayList>
#include <QUuid>

#include <optional>

namespace fd::http {

class Exchange;
struct Request;

// A path parameter that must be a UUID. A malformed one names nothing, so routes answer it like an
// unknown id (404).
std::optional<QUuid> pathUuid(const Exchange &exchange, const QString &name = QStringLiteral("id"));

// The entity tags of If-Match; empty when the header is absent. A header naming no tag matches nothing.
QByteArrayList ifMatchTags(const Request &request);
// Strong comparison, as RFC 9110 asks of If-Match: "*" matches any, a weak tag never does.
bool ifMatchAccepts(const QByteArrayList &tags, const QByteArray &etag);
// If-None-Match on a read (weak comparison): true when the client's copy is current and 304 will do.
bool notModified(const Request &request, const QByteArray &etag);

} // namespace fd::http
