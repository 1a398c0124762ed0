#include "server/catalog/catalogservice.h"

#include "common/money.h"
#include "server/audit/auditwriter.h"
#include "server/http/conditional.h"
#include "server/infra/db/sqlsupport.h"
#include "server/infra/db/transaction.h"

namespace fd::catalog {

namespace {

Error notFound()
{
    return Error{ErrorCode::NotFound, QStringLiteral("No such product")};
}

Error wrongState(const ProductRecord &product, const QString &what)
{
    return Error{ErrorCode::InvalidState,
                 QStringLiteral("A %1 product cannot be %2").arg(statusName(product.status), what)};
}

Result<void> auditProduct(QSqlDatabase &db, const audit::Actor &actor, const QString &action, const QUuid &id,
                          const QJsonObject &before, const QJsonObject &after)
{
    return audit::AuditWriter(db).write({actor, QStringLiteral("product.") + action,
                                         QStringLiteral("product"), infra::uuidText(id), before, after});
}

Result<ProductRecord> reread(ProductRepository &products, const QUuid &id)
{
    auto product = products.find(id);
    if (!product)
        return product.error();
    if (!*product)
        return notFound();
    return **product;
}

// Loads and locks the product for a change, hiding it from callers who may not see it.
Result<ProductRecord> lockVisible(ProductRepository &products, const QUuid &id, const Viewer &viewer)
{
    auto found = products.find(id, true);
    if (!found)
        return found.error();
    if (!*found || !viewer.viewOf(**found))
        return notFound();
    return **found;
}

// The members of a change that differ, before and after, for the audit entry.
std::pair<QJsonObject, QJsonObject> contentDiff(const ProductContent &before, const ProductContent &after)
{
    QJsonObject was;
    QJsonObject now;
    auto note = [&](const QString &field, const QJsonValue &old, const QJsonValue &next) {
        if (old != next) {
            was.insert(field, old);
            now.insert(field, next);
        }
    };
    note(QStringLiteral("name"), before.name, after.name);
    // Descriptions can be long: the entry says that it changed, not what it says.
    if (before.description != after.description) {
        was.insert(QStringLiteral("description_length"), before.description.size());
        now.insert(QStringLiteral("description_length"), after.description.size());
    }
    note(QStringLiteral("price"), money::formatCents(before.priceCents),
         money::formatCents(after.priceCents));
    note(QStringLiteral("stock"), before.stock, after.stock);
    return {was, now};
}

ProductContent contentOf(const ProductRecord &product)
{
    return {product.name, product.description, product.priceCents, product.stock};
}

} // namespace

std::optional<ProductView> Viewer::viewOf(const ProductRecord &product) const
{
    if (owns(product) || staff())
        return ProductView::Full;
    if (product.publiclyVisible())
        return ProductView::Public;
    return std::nullopt;
}

Viewer viewerOf(const audit::Actor &actor)
{
    Viewer viewer;
    if (!actor.userId.isNull()) {
        viewer.userId = actor.userId;
        viewer.role = roleFromName(actor.role).value_or(Role::Buyer);
    }
    return viewer;
}

qint64 CatalogService::limitFor(bool verified) const
{
    return verified ? m_settings.verifiedSellerProducts : m_settings.unverifiedSellerProducts;
}

Result<ProductRecord> CatalogService::create(QSqlDatabase &db, const ProductContent &content,
                                             const audit::Actor &actor)
{
    return infra::inTransaction(db, [&]() -> Result<ProductRecord> {
        ProductRepository products(db);
        auto seller = products.lockSeller(actor.userId);
        if (!seller)
            return seller.error();
        if (!*seller || !(*seller)->active)
            return Error{ErrorCode::AccountDisabled, QStringLiteral("The account is deactivated")};
        auto used = products.countCountedTowardLimit(actor.userId);
        if (!used)
            return used.error();
        const qint64 max = limitFor((*seller)->verified);
        if (*used >= max)
            return Error{
                ErrorCode::ProductLimitReached,
                (*seller)->verified
                    ? QStringLiteral("Sellers may list %1 products; archive one first").arg(max)
                    : QStringLiteral("Unverified sellers may list %1 products; archive one or ask to be "
                                     "verified")
                          .arg(max)};
        auto id = products.insert(actor.userId, content);
        if (!id)
            return id.error();
        auto created = reread(products, *id);
        if (!created)
            return created;
        if (auto written = auditProduct(db, actor, QStringLiteral("create"), *id, {}, created->auditState());
            !written)
            return written.error();
        return created;
    });
}

Result<ProductRecord> CatalogService::find(QSqlDatabase &db, const QUuid &id, const Viewer &viewer)
{
    auto found = ProductRepository(db).find(id);
    if (!found)
        return found.error();
    if (!*found || !viewer.viewOf(**found))
        return notFound();
    return **found;
}

Result<ProductRecord> CatalogService::update(QSqlDatabase &db, const QUuid &id, const ProductChange &change,
                                             const QByteArrayList &ifMatch, const audit::Actor &actor)
{
    return infra::inTransaction(db, [&]() -> Result<ProductRecord> {
        ProductRepository products(db);
        const Viewer viewer = viewerOf(actor);
        auto before = lockVisible(products, id, viewer);
        if (!before)
            return before;
        if (!viewer.owns(*before))
            return Error{ErrorCode::Forbidden, QStringLiteral("Only the seller edits a product")};
        if (!ifMatch.isEmpty() && !http::ifMatchAccepts(ifMatch, before->etag(ProductView::Full)))
            return Error{ErrorCode::PreconditionFailed,
                         QStringLiteral("The product was changed since you read it; read it again")};
        if (before->underModeration() || before->status == ProductStatus::Archived)
            return wrongState(*before, QStringLiteral("edited"));
        const ProductContent old = contentOf(*before);
        const ProductContent next{
            change.name.value_or(old.name), change.description.value_or(old.description),
            change.priceCents.value_or(old.priceCents), change.stock.value_or(old.stock)};
        if (next.stock < old.stock) {
            // Held units are promised: the row lock above keeps new holds out while this is counted.
            auto held = products.unitsHeld(id);
            if (!held)
                return held.error();
            if (next.stock < *held)
                return Error{ErrorCode::InvalidState,
                             QStringLiteral("Buyers hold %1 units; stock cannot go below that").arg(*held),
                             {{QStringLiteral("stock"), QStringLiteral("is below the units buyers hold")}}};
        }
        const auto [was, now] = contentDiff(old, next);
        if (was.isEmpty())
            return before;
        // What buyers were shown was approved: changing what it says needs approval again. Stock does not.
        const bool needsReview = before->status == ProductStatus::Active &&
                                 (next.name != old.name || next.description != old.description ||
                                  next.priceCents != old.priceCents);
        const auto toStatus = needsReview ? std::optional(ProductStatus::PendingModeration) : std::nullopt;
        if (auto updated = products.updateContent(id, next, toStatus); !updated)
            return updated.error();
        QJsonObject after = now;
        if (toStatus) {
            QJsonObject beforeWithStatus = was;
            beforeWithStatus.insert(QStringLiteral("status"), statusName(before->status));
            after.insert(QStringLiteral("status"), statusName(*toStatus));
            if (auto written = auditProduct(db, actor, QStringLiteral("update"), id, beforeWithStatus, after);
                !written)
                return written.error();
        } else if (auto written = auditProduct(db, actor, QStringLiteral("update"), id, was, after);
                   !written) {
            return written.error();
        }
        return reread(products, id);
    });
}

namespace {

// One moderation-state transition: lock, check, write, audit, read back.
template <typename Decide>
Result<ProductRecord> transition(QSqlDatabase &db, const QUuid &id, const audit::Actor &actor,
                                 const QString &action, Decide decide)
{
    return infra::inTransaction(db, [&]() -> Result<ProductRecord> {
        ProductRepository products(db);
        auto before = lockVisible(products, id, viewerOf(actor));
        if (!before)
            return before;
        Result<StateChange> change = decide(*before);
        if (!change)
            return change.error();
        if (auto written = products.writeState(id, *change); !written)
            return written.error();
        auto after = reread(products, id);
        if (!after)
            return after;
        if (auto written = auditProduct(db, actor, action, id, before->auditState(), after->auditState());
            !written)
            return written.error();
        return after;
    });
}

} // namespace

Result<ProductRecord> CatalogService::submit(QSqlDatabase &db, const QUuid &id, const audit::Actor &actor)
{
    return transition(
        db, id, actor, QStringLiteral("submit"), [&](const ProductRecord &p) -> Result<StateChange> {
            if (!viewerOf(actor).owns(p))
                return Error{ErrorCode::Forbidden, QStringLiteral("Only the seller submits a product")};
            if (p.status != ProductStatus::Draft && p.status != ProductStatus::Rejected)
                return wrongState(p, QStringLiteral("submitted"));
            StateChange change;
            change.status = ProductStatus::PendingModeration;
            change.submittedNow = true;
            return change;
        });
}

Result<ProductRecord> CatalogService::claim(QSqlDatabase &db, const QUuid &id, const audit::Actor &actor)
{
    return transition(db, id, actor, QStringLiteral("claim"),
                      [&](const ProductRecord &p) -> Result<StateChange> {
                          const bool waiting = p.status == ProductStatus::PendingModeration;
                          const bool renewing =
                              p.status == ProductStatus::ModerationInProgress && p.claimedBy == actor.userId;
                          if (p.status == ProductStatus::ModerationInProgress && !renewing)
                              return Error{ErrorCode::AlreadyClaimed,
                                           QStringLiteral("Another moderator is reviewing this product")};
                          if (!waiting && !renewing)
                              return wrongState(p, QStringLiteral("claimed"));
                          StateChange change;
                          change.status = ProductStatus::ModerationInProgress;
                          change.claimBy = actor.userId;
                          change.claimSeconds = m_settings.moderationClaimSeconds;
                          return change;
                      });
}

Result<ProductRecord> CatalogService::decide(QSqlDatabase &db, const QUuid &id, Decision decision,
                                             const QString &reason, const audit::Actor &actor)
{
    const bool approving = decision == Decision::Approve;
    const QString action = approving ? QStringLiteral("approve") : QStringLiteral("reject");
    return transition(db, id, actor, action, [&](const ProductRecord &p) -> Result<StateChange> {
        const bool admin = viewerOf(actor).role == Role::Admin;
        if (p.status == ProductStatus::ModerationInProgress) {
            if (p.claimedBy != actor.userId && !admin)
                return Error{ErrorCode::Forbidden,
                             QStringLiteral("Another moderator is reviewing this product")};
        } else if (p.status == ProductStatus::PendingModeration) {
            if (!admin)
                return Error{ErrorCode::InvalidState, QStringLiteral("Claim the product before deciding")};
        } else {
            return wrongState(p, approving ? QStringLiteral("approved") : QStringLiteral("rejected"));
        }
        StateChange change;
        change.status = approving ? ProductStatus::Active : ProductStatus::Rejected;
        change.publishNow = approving;
        change.rejectionReason = approving ? QString() : reason;
        return change;
    });
}

Result<ProductRecord> CatalogService::approve(QSqlDatabase &db, const QUuid &id, const audit::Actor &actor)
{
    return decide(db, id, Decision::Approve, {}, actor);
}

Result<ProductRecord> CatalogService::reject(QSqlDatabase &db, const QUuid &id, const QString &reason,
                                             const audit::Actor &actor)
{
    return decide(db, id, Decision::Reject, reason, actor);
}

Result<ProductRecord> CatalogService::archive(QSqlDatabase &db, const QUuid &id, const audit::Actor &actor)
{
    return transition(db, id, actor, QStringLiteral("archive"),
                      [&](const ProductRecord &p) -> Result<StateChange> {
                          const Viewer viewer = viewerOf(actor);
                          if (!viewer.owns(p) && viewer.role != Role::Admin)
                              return Error{ErrorCode::Forbidden,
                                           QStringLiteral("Only the seller or an admin archives a product")};
                          if (p.status == ProductStatus::Archived)
                              return wrongState(p, QStringLiteral("archived"));
                          StateChange change;
                          change.status = ProductStatus::Archived;
                          change.rejectionReason = p.rejectionReason;
                          return change;
                      });
}

Result<void> CatalogService::remove(QSqlDatabase &db, const QUuid &id, const audit::Actor &actor)
{
    return infra::inTransaction(db, [&]() -> Result<void> {
        ProductRepository products(db);
        auto before = lockVisible(products, id, viewerOf(actor));
        if (!before)
            return before.error();
        auto removed = products.remove(id);
        if (!removed)
            return removed.error();
        if (!*removed)
            return Error{ErrorCode::ProductReserved,
                         QStringLiteral("The product was reserved; archive it instead")};
        return auditProduct(db, actor, QStringLiteral("delete"), id, before->auditState(), {});
    });
}

Result<void> CatalogService::checkHistoryAccess(QSqlDatabase &db, const QUuid &id, const Viewer &viewer)
{
    auto product = find(db, id, viewer);
    if (!product)
        return product.error();
    if (!viewer.owns(*product) && !viewer.staff())
        return Error{ErrorCode::Forbidden,
                     QStringLiteral("Only the seller and staff read a product's history")};
    return {};
}

Result<SellerLimit> CatalogService::sellerLimit(QSqlDatabase &db, const QUuid &sellerId)
{
    ProductRepository products(db);
    auto standing = products.sellerStanding(sellerId);
    if (!standing)
        return standing.error();
    const bool verified = *standing && (*standing)->verified;
    auto used = products.countCountedTowardLimit(sellerId);
    if (!used)
        return used.error();
    return SellerLimit{limitFor(verified), *used};
}

} // namespace fd::catalog
