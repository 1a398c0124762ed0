#pragma once

#include "common/result.h"
#include "server/catalog/catalogquery.h"
#include "server/catalog/productrecord.h"

#include <QMap>
#include <QSqlDatabase>

namespace fd::catalog {

// A product's editable content, validated.
struct ProductContent
{
    QString name;
    QString description;
    qint64 priceCents = 0;
    int stock = 0;
};

// A moderation-state change, written in one statement. Times come from the database clock.
struct StateChange
{
    ProductStatus status = ProductStatus::Draft;
    std::optional<QUuid> claimBy; // set: claimed by this user for claimSeconds from now; unset: no claim
    qint64 claimSeconds = 0;
    bool submittedNow = false;
    bool publishNow = false; // sets published_at on the first approval only
    QString rejectionReason; // empty: none
};

struct SellerStanding
{
    bool verified = false;
    bool active = false;
};

// A listed product with the value it is sorted by, exactly as the database compares it.
struct ListedProduct
{
    ProductRecord product;
    QString sortValue;

    CatalogKey key() const { return {sortValue, product.id}; }
};

// SQL for products. Lists fetch limit + 1 rows to learn whether another page follows.
class ProductRepository
{
public:
    explicit ProductRepository(QSqlDatabase &db) : m_db(db) {}

    Result<QUuid> insert(const QUuid &sellerId, const ProductContent &content);
    // forUpdate locks the row until the transaction ends.
    Result<std::optional<ProductRecord>> find(const QUuid &id, bool forUpdate = false);
    // Content edits; toStatus set when the edit sends an ACTIVE product back to moderation.
    Result<void> updateContent(const QUuid &id, const ProductContent &content,
                               std::optional<ProductStatus> toStatus);
    Result<void> writeState(const QUuid &id, const StateChange &change);
    // False when something still refers to the product (it was reserved).
    Result<bool> remove(const QUuid &id);

    // Locks the seller's account row: concurrent creates for one seller take turns, so the product limit
    // is counted and used atomically.
    Result<std::optional<SellerStanding>> lockSeller(const QUuid &sellerId);
    Result<std::optional<SellerStanding>> sellerStanding(const QUuid &sellerId);
    Result<qint64> countCountedTowardLimit(const QUuid &sellerId);
    // Units of the product that PENDING reservations hold.
    Result<qint64> unitsHeld(const QUuid &id);

    Result<QList<ListedProduct>> listPublic(const CatalogFilter &filter,
                                            const std::optional<CatalogKey> &after, int limit);
    Result<QList<ListedProduct>> listBySeller(const QUuid &sellerId, std::optional<ProductStatus> status,
                                              const std::optional<CatalogKey> &after, int limit);
    // Waiting products (and lapsed claims) oldest first, plus the ones the moderator holds.
    Result<QList<ListedProduct>> moderationQueue(const QUuid &moderatorId,
                                                 const std::optional<CatalogKey> &after, int limit);
    // Every status with its count (zero included); one seller's, or everyone's.
    Result<QMap<ProductStatus, qint64>> countByStatus(const std::optional<QUuid> &sellerId);

private:
    QSqlDatabase &m_db;
};

} // namespace fd::catalog
