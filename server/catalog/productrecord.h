#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QUuid>

#include <optional>

namespace fd::catalog {

enum class ProductStatus { Draft, PendingModeration, ModerationInProgress, Active, Rejected, Archived };

QString statusName(ProductStatus status);
std::optional<ProductStatus> statusFromName(QStringView name);
const QList<ProductStatus> &allStatuses();

// Who reads a product decides how much of it they see.
enum class ProductView {
    Public, // anyone, ACTIVE products only: no moderation details
    Full,   // the owner and staff
};

// A product as stored, with the claim already judged: an expired claim reads as PENDING_MODERATION with no
// claimer, so no sweeper is needed to release it.
struct ProductRecord
{
    QUuid id;
    QUuid sellerId;
    QString name;
    QString description;
    qint64 priceCents = 0;
    int stock = 0;
    ProductStatus status = ProductStatus::Draft;
    QString rejectionReason;        // empty: none
    std::optional<QUuid> claimedBy; // only while the claim runs
    // Times as RFC 3339 UTC text rendered by PostgreSQL (no conversion per row); null: none.
    QString claimExpiresAt;
    QString submittedAt;
    QString publishedAt;
    int version = 1;
    QString createdAt;
    QString updatedAt;

    bool publiclyVisible() const { return status == ProductStatus::Active; }
    bool underModeration() const
    {
        return status == ProductStatus::PendingModeration || status == ProductStatus::ModerationInProgress;
    }
    // A strong entity tag per view: the two views are different representations.
    QByteArray etag(ProductView view) const;
    QJsonObject toJson(ProductView view) const;
    // What audit entries record of a product: the fields that change, none personal.
    QJsonObject auditState() const;
};

} // namespace fd::catalog
