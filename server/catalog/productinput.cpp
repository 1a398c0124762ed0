#include "server/catalog/productinput.h"

#include "common/validation/productrules.h"
#include "server/http/fieldreader.h"

namespace fd::catalog {

namespace {

using validation::hasControlCharacters;
using validation::kProductStockMax;

const QStringList kContentFields{QStringLiteral("name"), QStringLiteral("description"),
                                 QStringLiteral("price"), QStringLiteral("stock")};

std::optional<QString> readName(http::FieldReader &fields, bool required)
{
    auto name = fields.string(QStringLiteral("name"), required, validation::kProductNameMaxLength);
    if (!name)
        return std::nullopt;
    const QString trimmed = name->trimmed();
    if (trimmed.isEmpty())
        fields.fail(QStringLiteral("name"), QStringLiteral("must not be empty"));
    else if (hasControlCharacters(trimmed, false))
        fields.fail(QStringLiteral("name"), QStringLiteral("must not contain control characters"));
    else
        return trimmed;
    return std::nullopt;
}

std::optional<QString> readDescription(http::FieldReader &fields)
{
    auto description =
        fields.string(QStringLiteral("description"), false, validation::kProductDescriptionMaxLength);
    if (description && hasControlCharacters(*description, true)) {
        fields.fail(QStringLiteral("description"),
                    QStringLiteral("must not contain control characters other than line breaks and tabs"));
        return std::nullopt;
    }
    return description;
}

std::optional<qint64> readPrice(const QJsonObject &body, http::FieldReader &fields, bool required)
{
    const QJsonValue value = body.value(QStringLiteral("price"));
    if (value.isUndefined() || value.isNull()) {
        if (required)
            fields.fail(QStringLiteral("price"), QStringLiteral("is required"));
        return std::nullopt;
    }
    const auto cents = value.isString() ? validation::checkPrice(value.toString()).cents : std::nullopt;
    if (!cents) {
        fields.fail(
            QStringLiteral("price"),
            QStringLiteral("must be a decimal string from \"0.10\" to \"1000000.00\", like \"149.90\""));
        return std::nullopt;
    }
    return cents;
}

} // namespace

Result<ProductContent> readNewProduct(const QJsonObject &body)
{
    http::FieldReader fields(body);
    fields.onlyMembers(kContentFields);
    const auto name = readName(fields, true);
    const auto description = readDescription(fields);
    const auto price = readPrice(body, fields, true);
    const auto stock = fields.integer(QStringLiteral("stock"), true, 0, kProductStockMax);
    if (!fields.ok())
        return fields.error();
    return ProductContent{*name, description.value_or(QString()), *price, int(*stock)};
}

Result<ProductChange> readProductChange(const QJsonObject &body)
{
    if (body.isEmpty())
        return Error{ErrorCode::ValidationFailed,
                     QStringLiteral("Send at least one of name, description, price, stock")};
    http::FieldReader fields(body);
    fields.onlyMembers(kContentFields);
    ProductChange change;
    change.name = readName(fields, false);
    change.description = readDescription(fields);
    change.priceCents = readPrice(body, fields, false);
    if (const auto stock = fields.integer(QStringLiteral("stock"), false, 0, kProductStockMax))
        change.stock = int(*stock);
    for (const QString &field : kContentFields) {
        if (body.contains(field) && body.value(field).isNull())
            fields.fail(field, QStringLiteral("must not be null"));
    }
    if (!fields.ok())
        return fields.error();
    return change;
}

Result<QString> readRejection(const QJsonObject &body)
{
    http::FieldReader fields(body);
    fields.onlyMembers({QStringLiteral("reason")});
    auto reason = fields.string(QStringLiteral("reason"), true, validation::kRejectionReasonMaxLength);
    if (reason) {
        reason = reason->trimmed();
        if (reason->isEmpty())
            fields.fail(QStringLiteral("reason"), QStringLiteral("is required"));
        else if (hasControlCharacters(*reason, true))
            fields.fail(QStringLiteral("reason"), QStringLiteral("must not contain control characters"));
    }
    if (!fields.ok())
        return fields.error();
    return *reason;
}

} // namespace fd::catalog
