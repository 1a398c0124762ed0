#pragma once

#include <QJsonObject>
#include <QString>
#include <QUuid>

namespace fd::reservations {

// A hold as the ledger keeps it. Times are RFC 3339 UTC text rendered by PostgreSQL.
struct Reservation
{
    QUuid id;
    QUuid productId;
    QUuid userId;
    int quantity = 0;
    QString status; // PENDING, RELEASED, EXPIRED, SOLD
    QString expiresAt;
    QString createdAt;
    QUuid orderId; // null until ordered

    // The owner's view implies the user; staff see whose hold it is.
    QJsonObject toJson(bool withUser = false) const
    {
        QJsonObject json{
            {QStringLiteral("id"), id.toString(QUuid::WithoutBraces)},
            {QStringLiteral("product_id"), productId.toString(QUuid::WithoutBraces)},
            {QStringLiteral("quantity"), quantity},
            {QStringLiteral("status"), status},
            {QStringLiteral("order_id"),
             orderId.isNull() ? QJsonValue() : QJsonValue(orderId.toString(QUuid::WithoutBraces))},
            {QStringLiteral("expires_at"), expiresAt},
            {QStringLiteral("created_at"), createdAt}};
        if (withUser)
            json.insert(QStringLiteral("user_id"), userId.toString(QUuid::WithoutBraces));
        return json;
    }
};

// What a hold is, before anything recorded it.
struct HoldRequest
{
    QUuid holdId;
    QUuid productId;
    QUuid userId;
    int quantity = 0;
};

// One PENDING hold, as a rebuild of the product's Redis state needs it.
struct PendingHold
{
    QUuid holdId;
    QUuid userId;
    int quantity = 0;
};

// A product's sellable units as PostgreSQL knows them, at a new hold generation.
struct HoldSnapshot
{
    bool exists = false;
    bool sellable = false; // ACTIVE
    QUuid sellerId;
    qint64 generation = 0;
    qint64 available = 0; // stock minus the units of PENDING holds
    QList<PendingHold> holds;
};

} // namespace fd::reservations
