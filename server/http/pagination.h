#pragma once

#include "common/result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QUrlQuery>

#include <optional>

namespace fd::http {

// Keyset pagination as the API contract has it: ?limit=1..200 (default 50) and an opaque ?cursor= that
// carries the sort key of the last row seen. The cursor is base64url JSON; clients must not build it.
struct PageRequest
{
    int limit = 50;
    std::optional<QJsonObject> after; // the decoded cursor, absent on the first page
};

Result<PageRequest> readPageRequest(const QUrlQuery &query);
QString encodeCursor(const QJsonObject &lastRowKey);

// {"items": [...], "next_cursor": "..." | null}
QJsonObject pageBody(const QJsonArray &items, const std::optional<QJsonObject> &nextKey);

} // namespace fd::http
