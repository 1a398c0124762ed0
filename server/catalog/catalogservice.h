#pragma once

#include "common/result.h"
#include "common/role.h"
#include "server/audit/auditentry.h"
#include "server/catalog/productrepository.h"

#include <QByteArrayList>
#include <QSqlDatabase>

namespace fd::catalog {

struct CatalogSettings
{
    qint64 unverifiedSellerProducts = 3;
    qint64 verifiedSellerProducts = 100;
    qint64 moderationClaimSeconds = 1800;
};

// Who is asking; anonymous readers have no id.
struct Viewer
{
    std::optional<QUuid> userId;
    Role role = Role::Buyer;

    bool staff() const { return userId && (role == Role::Admin || role == Role::Moderator); }
    bool owns(const ProductRecord &product) const { return userId && *userId == product.sellerId; }
    // The full view: the owner and staff. Everyone else sees ACTIVE products only, publicly.
    std::optional<ProductView> viewOf(const ProductRecord &product) const;
};

// Absent members stay as they are.
struct ProductChange
{
    std::optional<QString> name;
    std::optional<QString> description;
    std::optional<qint64> priceCents;
    std::optional<int> stock;
};

struct SellerLimit
{
    qint64 max = 0;
    qint64 used = 0;
};

// The rules of the catalog and its moderation. Every method runs on a database thread with the connection
// it is given; each change runs in one transaction with its audit entry (target type "product").
// Refusals: not visible to the caller → NotFound; visible but not theirs to change → Forbidden; wrong
// state → InvalidState.
class CatalogService
{
public:
    explicit CatalogService(CatalogSettings settings) : m_settings(settings) {}

    Result<ProductRecord> create(QSqlDatabase &db, const ProductContent &content, const audit::Actor &actor);
    Result<ProductRecord> find(QSqlDatabase &db, const QUuid &id, const Viewer &viewer);
    // ifMatch: the tags of If-Match, compared with the full view's ETag (empty: no condition).
    Result<ProductRecord> update(QSqlDatabase &db, const QUuid &id, const ProductChange &change,
                                 const QByteArrayList &ifMatch, const audit::Actor &actor);
    Result<ProductRecord> submit(QSqlDatabase &db, const QUuid &id, const audit::Actor &actor);
    Result<ProductRecord> claim(QSqlDatabase &db, const QUuid &id, const audit::Actor &actor);
    Result<ProductRecord> approve(QSqlDatabase &db, const QUuid &id, const audit::Actor &actor);
    Result<ProductRecord> reject(QSqlDatabase &db, const QUuid &id, const QString &reason,
                                 const audit::Actor &actor);
    Result<ProductRecord> archive(QSqlDatabase &db, const QUuid &id, const audit::Actor &actor);
    Result<void> remove(QSqlDatabase &db, const QUuid &id, const audit::Actor &actor);
    // Refuses (NotFound / Forbidden) unless the viewer may read the product's history.
    Result<void> checkHistoryAccess(QSqlDatabase &db, const QUuid &id, const Viewer &viewer);

    Result<SellerLimit> sellerLimit(QSqlDatabase &db, const QUuid &sellerId);

private:
    enum class Decision { Approve, Reject };
    Result<ProductRecord> decide(QSqlDatabase &db, const QUuid &id, Decision decision, const QString &reason,
                                 const audit::Actor &actor);
    qint64 limitFor(bool verified) const;

    CatalogSettings m_settings;
};

Viewer viewerOf(const audit::Actor &actor);

} // namespace fd::catalog
