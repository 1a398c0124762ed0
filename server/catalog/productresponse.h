#pragma once

#include "server/catalog/catalogquery.h"
#include "server/catalog/catalogservice.h"
#include "server/http/exchange.h"

#include <QJsonArray>

namespace fd::catalog {

// One product in the view the caller is entitled to, with its ETag (304 when If-None-Match matches).
void respondProduct(const http::ExchangePtr &exchange, const ProductRecord &product, ProductView view,
                    int status = 200, const http::HeaderList &extra = {});
// The answer of a change: the full view, or the problem.
void respondChanged(const http::ExchangePtr &exchange, const Result<ProductRecord> &changed);
// A keyset page; order names the cursor's order.
void respondProductPage(const http::ExchangePtr &exchange, QList<ListedProduct> rows, int limit,
                        const QString &order, ProductView view);

} // namespace fd::catalog
