#pragma once

#include "server/http/exchange.h"
#include "server/http/pagination.h"
#include "server/infra/db/dbpool.h"
#include "server/infra/db/timekey.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <functional>

namespace fd::http {

// Answers one page of a list ordered by (time, id), newest first: reads ?limit and ?cursor, fetches
// limit + 1 rows on a database thread and answers {items, next_cursor}. A filter that failed to parse is
// passed in as its error, so every problem of the request is answered the same way.
template <typename Row, typename Filter>
void respondTimeKeyPage(infra::DbPool &db, const ExchangePtr &exchange, const Result<Filter> &filter,
                        std::function<Result<QList<Row>>(QSqlDatabase &, const Filter &,
                                                         const std::optional<infra::TimeKey> &, int)>
                            fetch,
                        std::function<QJsonObject(const Row &)> toJson)
{
    const auto page = readPageRequest(exchange->request().query);
    const auto after =
        page ? infra::timeKeyAfter(page->after) : Result<std::optional<infra::TimeKey>>(page.error());
    if (!filter || !after) {
        exchange->respondProblem(!filter ? filter.error() : after.error());
        return;
    }
    using Listed = Result<QList<Row>>;
    db.run<Listed>(
        exchange->context(),
        [fetch = std::move(fetch), filter = *filter, after = *after,
         limit = page->limit](QSqlDatabase &connection) { return fetch(connection, filter, after, limit); },
        [exchange, toJson = std::move(toJson), limit = page->limit](Listed rows) {
            if (!rows) {
                exchange->respondProblem(rows.error());
                return;
            }
            const auto next = infra::trimToPage(*rows, limit);
            QJsonArray items;
            for (const Row &row : std::as_const(*rows))
                items.append(toJson(row));
            exchange->respondJson(
                200, QJsonDocument(pageBody(items, next ? std::optional(next->toJson()) : std::nullopt)));
        });
}

} // namespace fd::http
