#include "server/catalog/productresponse.h"

#include "server/http/conditional.h"
#include "server/http/pagination.h"

namespace fd::catalog {

void respondProduct(const http::ExchangePtr &exchange, const ProductRecord &product, ProductView view,
                    int status, const http::HeaderList &extra)
{
    const QByteArray etag = product.etag(view);
    http::HeaderList headers = extra;
    headers.append({"ETag", etag});
    if (status == 200 && (exchange->request().method == "GET" || exchange->request().method == "HEAD") &&
        http::notModified(exchange->request(), etag)) {
        exchange->respondEmpty(304, headers);
        return;
    }
    exchange->respondJson(status, QJsonDocument(product.toJson(view)), headers);
}

void respondChanged(const http::ExchangePtr &exchange, const Result<ProductRecord> &changed)
{
    if (!changed)
        exchange->respondProblem(changed.error());
    else
        respondProduct(exchange, *changed, ProductView::Full);
}

void respondProductPage(const http::ExchangePtr &exchange, QList<ListedProduct> rows, int limit,
                        const QString &order, ProductView view)
{
    std::optional<QJsonObject> next;
    if (rows.size() > limit) {
        rows.resize(limit);
        next = rows.last().key().toJson(order);
    }
    QJsonArray items;
    for (const ListedProduct &row : std::as_const(rows))
        items.append(row.product.toJson(view));
    exchange->respondJson(200, QJsonDocument(http::pageBody(items, next)));
}

} // namespace fd::catalog
