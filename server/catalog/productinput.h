#pragma once

#include "common/result.h"
#include "server/catalog/catalogservice.h"

#include <QJsonObject>

namespace fd::catalog {

// Request bodies of the catalog, validated: every problem is reported at once (422 with `errors`).
// A new product: {name, description?, price, stock}.
Result<ProductContent> readNewProduct(const QJsonObject &body);
// An edit: any of name, description, price, stock; at least one.
Result<ProductChange> readProductChange(const QJsonObject &body);
// A rejection: {reason}.
Result<QString> readRejection(const QJsonObject &body);

} // namespace fd::catalog
