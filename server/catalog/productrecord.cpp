#include "server/catalog/productrecord.h"

#include "common/money.h"

#include <QCryptographicHash>

namespace fd::catalog {

namespace {

struct StatusName
{
    ProductStatus status;
    QLatin1StringView name;
};

constexpr StatusName kStatusNames[] = {
    {ProductStatus::Draft, QLatin1StringView("DRAFT")},
    {ProductStatus::PendingModeration, QLatin1StringView("PENDING_MODERATION")},
    {ProductStatus::ModerationInProgress, QLatin1StringView("MODERATION_IN_PROGRESS")},
    {ProductStatus::Active, QLatin1StringView("ACTIVE")},
    {ProductStatus::Rejected, QLatin1StringView("REJECTED")},
    {ProductStatus::Archived, QLatin1StringView("ARCHIVED")},
};

QJsonValue timeOrNull(const QString &time)
{
    return time.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(time);
}

QString uuidText(const QUuid &id)
{
    return id.toString(QUuid::WithoutBraces);
}

} // namespace

QString statusName(ProductStatus status)
{
    for (const auto &entry : kStatusNames) {
        if (entry.status == status)
            return entry.name;
    }
    return QStringLiteral("DRAFT");
}

std::optional<ProductStatus> statusFromName(QStringView name)
{
    for (const auto &entry : kStatusNames) {
        if (name == entry.name)
            return entry.status;
    }
    return std::nullopt;
}

const QList<ProductStatus> &allStatuses()
{
    static const QList<ProductStatus> kAll{
        ProductStatus::Draft,  ProductStatus::PendingModeration, ProductStatus::ModerationInProgress,
        ProductStatus::Active, ProductStatus::Rejected,          ProductStatus::Archived};
    return kAll;
}

QByteArray ProductRecord::etag(ProductView view) const
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(id.toRfc4122());
    hash.addData(QByteArray::number(version));
    // The claim may lapse without a write: it is part of what the reader sees.
    hash.addData(statusName(status).toLatin1());
    hash.addData(view == ProductView::Public ? QByteArrayView("public") : QByteArrayView("full"));
    return '"' + hash.result().left(12).toHex() + '"';
}

QJsonObject ProductRecord::toJson(ProductView view) const
{
    QJsonObject json{
        {QStringLiteral("id"), uuidText(id)},
        {QStringLiteral("seller_id"), uuidText(sellerId)},
        {QStringLiteral("name"), name},
        {QStringLiteral("description"), description},
        {QStringLiteral("price"), money::formatCents(priceCents)},
        {QStringLiteral("stock"), stock},
        {QStringLiteral("status"), statusName(status)},
        {QStringLiteral("published_at"), timeOrNull(publishedAt)},
        {QStringLiteral("created_at"), createdAt},
        {QStringLiteral("updated_at"), updatedAt},
    };
    if (view == ProductView::Full) {
        json.insert(QStringLiteral("rejection_reason"),
                    rejectionReason.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(rejectionReason));
        json.insert(QStringLiteral("claimed_by"),
                    claimedBy ? QJsonValue(uuidText(*claimedBy)) : QJsonValue(QJsonValue::Null));
        json.insert(QStringLiteral("claim_expires_at"), timeOrNull(claimExpiresAt));
        json.insert(QStringLiteral("submitted_at"), timeOrNull(submittedAt));
    }
    return json;
}

QJsonObject ProductRecord::auditState() const
{
    QJsonObject state{
        {QStringLiteral("status"), statusName(status)},
        {QStringLiteral("name"), name},
        {QStringLiteral("price"), money::formatCents(priceCents)},
        {QStringLiteral("stock"), stock},
    };
    if (!rejectionReason.isEmpty())
        state.insert(QStringLiteral("rejection_reason"), rejectionReason);
    if (claimedBy)
        state.insert(QStringLiteral("claimed_by"), uuidText(*claimedBy));
    return state;
}

} // namespace fd::catalog
