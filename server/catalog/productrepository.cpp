#include "server/catalog/productrepository.h"

#include "common/money.h"
#include "server/infra/db/preparedqueries.h"
#include "server/infra/db/sqlsupport.h"
#include "server/infra/db/timekey.h"

#include <QSqlQuery>

namespace fd::catalog {

using infra::sqlFailure;
using infra::uuidText;

namespace {

constexpr QLatin1StringView kForeignKeyViolation("23503");

using infra::isoTimeSql;

// Claims are judged at read time, against the database clock: a lapsed claim reads as waiting, with no
// claimer. These two expressions are the one place that rule is written.
const QString kClaimRuns =
    QStringLiteral("(p.status = 'MODERATION_IN_PROGRESS' AND p.claim_expires_at > now())");
const QString kEffectiveStatus =
    QStringLiteral("(CASE WHEN p.status = 'MODERATION_IN_PROGRESS' AND NOT %1 THEN 'PENDING_MODERATION' "
                   "ELSE p.status END)")
        .arg(kClaimRuns);

QString selectColumns(const QString &sortValueSql)
{
    return QStringLiteral(
               "SELECT p.id, p.seller_id, p.name, p.description, p.price::text, p.stock, %1, "
               "p.rejection_reason, CASE WHEN %2 THEN p.claimed_by END, CASE WHEN %2 THEN %3 END, ")
               .arg(kEffectiveStatus, kClaimRuns, isoTimeSql(QLatin1StringView("p.claim_expires_at"))) +
           QStringList{isoTimeSql(QLatin1StringView("p.submitted_at")),
                       isoTimeSql(QLatin1StringView("p.published_at")),
                       QStringLiteral("p.version"),
                       isoTimeSql(QLatin1StringView("p.created_at")),
                       isoTimeSql(QLatin1StringView("p.updated_at")),
                       sortValueSql}
               .join(QStringLiteral(", ")) +
           QStringLiteral(" FROM products p ");
}

// A null QString binds as SQL NULL; an absent description is an empty one.
QString notNull(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

Result<QList<ListedProduct>> fetch(QSqlQuery &query)
{
    if (!query.exec())
        return sqlFailure(query);
    QList<ListedProduct> rows;
    while (query.next()) {
        ProductRecord p;
        p.id = QUuid::fromString(query.value(0).toString());
        p.sellerId = QUuid::fromString(query.value(1).toString());
        p.name = query.value(2).toString();
        p.description = query.value(3).toString();
        p.priceCents = money::parseCents(query.value(4).toString()).value_or(0);
        p.stock = query.value(5).toInt();
        p.status = statusFromName(query.value(6).toString()).value_or(ProductStatus::Draft);
        p.rejectionReason = query.value(7).toString();
        if (!query.value(8).isNull())
            p.claimedBy = QUuid::fromString(query.value(8).toString());
        p.claimExpiresAt = query.value(9).toString();
        p.submittedAt = query.value(10).toString();
        p.publishedAt = query.value(11).toString();
        p.version = query.value(12).toInt();
        p.createdAt = query.value(13).toString();
        p.updatedAt = query.value(14).toString();
        rows.append({p, query.value(15).toString()});
    }
    query.finish(); // the statement stays prepared; its rows need not stay in memory
    return rows;
}

Result<std::optional<ProductRecord>> firstOf(Result<QList<ListedProduct>> rows)
{
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return std::optional<ProductRecord>{};
    return std::optional<ProductRecord>{rows->first().product};
}

// Keyset order clause and continuation for one sort value expression.
struct Order
{
    QString valueSql;   // what the rows are sorted by, rendered as text for the cursor
    QString compareSql; // the same, in its own type, for the keyset comparison
    QString castSql;    // how the cursor's text becomes that type
    bool descending = true;

    QString after() const
    {
        return QStringLiteral("AND (%1, p.id) %2 (?%3, ?::uuid) ")
            .arg(compareSql, descending ? QStringLiteral("<") : QStringLiteral(">"), castSql);
    }
    QString orderBy() const
    {
        return QStringLiteral("ORDER BY %1 %2, p.id %2 LIMIT ?")
            .arg(compareSql, descending ? QStringLiteral("DESC") : QStringLiteral("ASC"));
    }
};

Order timeOrder(QLatin1StringView column, bool descending)
{
    return {infra::timeKeySql(column), column, QStringLiteral("::timestamptz"), descending};
}

const QString kRank = QStringLiteral("ts_rank_cd(p.search, websearch_to_tsquery('russian', ?))");

Order orderFor(CatalogSort sort)
{
    switch (sort) {
    case CatalogSort::New:
        break;
    case CatalogSort::PriceAscending:
        return {QStringLiteral("p.price::text"), QStringLiteral("p.price"), QStringLiteral("::numeric"),
                false};
    case CatalogSort::PriceDescending:
        return {QStringLiteral("p.price::text"), QStringLiteral("p.price"), QStringLiteral("::numeric"),
                true};
    case CatalogSort::Relevance:
        return {kRank + QStringLiteral("::text"), kRank, QStringLiteral("::real"), true};
    }
    return timeOrder(QLatin1StringView("p.published_at"), true);
}

void bindAfter(QSqlQuery &query, const std::optional<CatalogKey> &after)
{
    if (after) {
        query.addBindValue(after->value);
        query.addBindValue(uuidText(after->id));
    }
}

} // namespace

Result<QUuid> ProductRepository::insert(const QUuid &sellerId, const ProductContent &content)
{
    auto prepared = infra::preparedQuery(
        m_db, QStringLiteral("INSERT INTO products (seller_id, name, description, price, stock) "
                             "VALUES (?::uuid, ?, ?, ?::numeric, ?) RETURNING id"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(uuidText(sellerId));
    query.addBindValue(content.name);
    query.addBindValue(notNull(content.description));
    query.addBindValue(money::formatCents(content.priceCents));
    query.addBindValue(content.stock);
    if (!query.exec() || !query.next())
        return sqlFailure(query);
    return QUuid::fromString(query.value(0).toString());
}

Result<std::optional<ProductRecord>> ProductRepository::find(const QUuid &id, bool forUpdate)
{
    auto prepared = infra::preparedQuery(m_db, selectColumns(QStringLiteral("''")) +
                                                   QStringLiteral("WHERE p.id = ?::uuid") +
                                                   (forUpdate ? QStringLiteral(" FOR UPDATE") : QString()));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(uuidText(id));
    return firstOf(fetch(query));
}

Result<void> ProductRepository::updateContent(const QUuid &id, const ProductContent &content,
                                              std::optional<ProductStatus> toStatus)
{
    auto prepared = infra::preparedQuery(
        m_db,
        QStringLiteral(
            "UPDATE products SET name = ?, description = ?, price = ?::numeric, stock = ?, "
            "status = COALESCE(?, status), submitted_at = CASE WHEN ? THEN now() ELSE submitted_at END, "
            "version = version + 1, hold_generation = hold_generation + 1, updated_at = now() "
            "WHERE id = ?::uuid"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(content.name);
    query.addBindValue(notNull(content.description));
    query.addBindValue(money::formatCents(content.priceCents));
    query.addBindValue(content.stock);
    query.addBindValue(toStatus ? QVariant(statusName(*toStatus)) : QVariant(QMetaType::fromType<QString>()));
    query.addBindValue(toStatus == ProductStatus::PendingModeration);
    query.addBindValue(uuidText(id));
    if (!query.exec())
        return sqlFailure(query);
    return {};
}

Result<void> ProductRepository::writeState(const QUuid &id, const StateChange &change)
{
    auto prepared = infra::preparedQuery(
        m_db,
        QStringLiteral("UPDATE products SET status = ?, claimed_by = ?::uuid, "
                       "claim_expires_at = CASE WHEN ? THEN now() + make_interval(secs => ?) END, "
                       "submitted_at = CASE WHEN ? THEN now() ELSE submitted_at END, "
                       "published_at = CASE WHEN ? THEN COALESCE(published_at, now()) ELSE published_at END, "
                       "rejection_reason = NULLIF(?, ''), version = version + 1, "
                       "hold_generation = hold_generation + 1, updated_at = now() WHERE id = ?::uuid"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(statusName(change.status));
    query.addBindValue(change.claimBy ? QVariant(uuidText(*change.claimBy))
                                      : QVariant(QMetaType::fromType<QString>()));
    query.addBindValue(change.claimBy.has_value());
    query.addBindValue(double(change.claimSeconds));
    query.addBindValue(change.submittedNow);
    query.addBindValue(change.publishNow);
    query.addBindValue(change.rejectionReason);
    query.addBindValue(uuidText(id));
    if (!query.exec())
        return sqlFailure(query);
    return {};
}

Result<bool> ProductRepository::remove(const QUuid &id)
{
    // A savepoint keeps the transaction usable when a reference refuses the delete.
    QSqlQuery savepoint(m_db);
    if (!savepoint.exec(QStringLiteral("SAVEPOINT product_delete")))
        return sqlFailure(savepoint);
    auto prepared = infra::preparedQuery(m_db, QStringLiteral("DELETE FROM products WHERE id = ?::uuid"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(uuidText(id));
    if (query.exec())
        return true;
    if (query.lastError().nativeErrorCode() != kForeignKeyViolation)
        return sqlFailure(query);
    if (!savepoint.exec(QStringLiteral("ROLLBACK TO SAVEPOINT product_delete")))
        return sqlFailure(savepoint);
    return false;
}

namespace {

Result<std::optional<SellerStanding>> readStanding(QSqlDatabase &db, const QUuid &sellerId, bool forUpdate)
{
    auto prepared = infra::preparedQuery(
        db, QStringLiteral("SELECT is_verified, is_active FROM users WHERE id = ?::uuid") +
                (forUpdate ? QStringLiteral(" FOR UPDATE") : QString()));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(uuidText(sellerId));
    if (!query.exec())
        return sqlFailure(query);
    if (!query.next())
        return std::optional<SellerStanding>{};
    return std::optional<SellerStanding>{SellerStanding{query.value(0).toBool(), query.value(1).toBool()}};
}

} // namespace

Result<std::optional<SellerStanding>> ProductRepository::lockSeller(const QUuid &sellerId)
{
    return readStanding(m_db, sellerId, true);
}

Result<std::optional<SellerStanding>> ProductRepository::sellerStanding(const QUuid &sellerId)
{
    return readStanding(m_db, sellerId, false);
}

Result<qint64> ProductRepository::countCountedTowardLimit(const QUuid &sellerId)
{
    auto prepared = infra::preparedQuery(
        m_db,
        QStringLiteral("SELECT count(*) FROM products WHERE seller_id = ?::uuid AND status <> 'ARCHIVED'"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(uuidText(sellerId));
    if (!query.exec() || !query.next())
        return sqlFailure(query);
    return query.value(0).toLongLong();
}

Result<qint64> ProductRepository::unitsHeld(const QUuid &id)
{
    auto prepared =
        infra::preparedQuery(m_db, QStringLiteral("SELECT COALESCE(sum(quantity), 0) FROM reservations "
                                                  "WHERE product_id = ?::uuid AND status = 'PENDING'"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(uuidText(id));
    if (!query.exec() || !query.next())
        return sqlFailure(query);
    return query.value(0).toLongLong();
}

Result<QList<ListedProduct>> ProductRepository::listPublic(const CatalogFilter &filter,
                                                           const std::optional<CatalogKey> &after, int limit)
{
    const Order order = orderFor(filter.sort);
    const bool ranked = filter.sort == CatalogSort::Relevance;
    // Only fixed fragments are joined; every value is bound, in the order the fragments appear.
    QString sql = selectColumns(order.valueSql) + QStringLiteral("WHERE p.status = 'ACTIVE' ");
    if (!filter.search.isEmpty())
        sql += QStringLiteral("AND p.search @@ websearch_to_tsquery('russian', ?) ");
    if (filter.minPriceCents)
        sql += QStringLiteral("AND p.price >= ?::numeric ");
    if (filter.maxPriceCents)
        sql += QStringLiteral("AND p.price <= ?::numeric ");
    if (filter.sellerId)
        sql += QStringLiteral("AND p.seller_id = ?::uuid ");
    if (after)
        sql += order.after();
    sql += order.orderBy();

    auto prepared = infra::preparedQuery(m_db, sql);
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    if (ranked)
        query.addBindValue(filter.search); // the rank in the select list
    if (!filter.search.isEmpty())
        query.addBindValue(filter.search);
    if (filter.minPriceCents)
        query.addBindValue(money::formatCents(*filter.minPriceCents));
    if (filter.maxPriceCents)
        query.addBindValue(money::formatCents(*filter.maxPriceCents));
    if (filter.sellerId)
        query.addBindValue(uuidText(*filter.sellerId));
    if (after) {
        if (ranked)
            query.addBindValue(filter.search); // the rank in the keyset comparison
        bindAfter(query, after);
    }
    if (ranked)
        query.addBindValue(filter.search); // the rank in ORDER BY
    query.addBindValue(limit + 1);
    return fetch(query);
}

Result<QList<ListedProduct>> ProductRepository::listBySeller(const QUuid &sellerId,
                                                             std::optional<ProductStatus> status,
                                                             const std::optional<CatalogKey> &after,
                                                             int limit)
{
    const Order order = timeOrder(QLatin1StringView("p.created_at"), true);
    QString sql = selectColumns(order.valueSql) + QStringLiteral("WHERE p.seller_id = ?::uuid ");
    if (status)
        sql += QStringLiteral("AND %1 = ? ").arg(kEffectiveStatus);
    if (after)
        sql += order.after();
    sql += order.orderBy();
    auto prepared = infra::preparedQuery(m_db, sql);
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(uuidText(sellerId));
    if (status)
        query.addBindValue(statusName(*status));
    bindAfter(query, after);
    query.addBindValue(limit + 1);
    return fetch(query);
}

Result<QList<ListedProduct>> ProductRepository::moderationQueue(const QUuid &moderatorId,
                                                                const std::optional<CatalogKey> &after,
                                                                int limit)
{
    const Order order = timeOrder(QLatin1StringView("p.submitted_at"), false);
    QString sql = selectColumns(order.valueSql) +
                  QStringLiteral("WHERE p.status IN ('PENDING_MODERATION', 'MODERATION_IN_PROGRESS') "
                                 "AND (NOT %1 OR p.claimed_by = ?::uuid) ")
                      .arg(kClaimRuns);
    if (after)
        sql += order.after();
    sql += order.orderBy();
    auto prepared = infra::preparedQuery(m_db, sql);
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    query.addBindValue(uuidText(moderatorId));
    bindAfter(query, after);
    query.addBindValue(limit + 1);
    return fetch(query);
}

Result<QMap<ProductStatus, qint64>> ProductRepository::countByStatus(const std::optional<QUuid> &sellerId)
{
    auto prepared = infra::preparedQuery(
        m_db, QStringLiteral("SELECT %1 AS effective, count(*) FROM products p "
                             "WHERE (?::uuid IS NULL OR p.seller_id = ?::uuid) GROUP BY effective")
                  .arg(kEffectiveStatus));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    const QVariant seller =
        sellerId ? QVariant(uuidText(*sellerId)) : QVariant(QMetaType::fromType<QString>());
    query.addBindValue(seller);
    query.addBindValue(seller);
    if (!query.exec())
        return sqlFailure(query);
    QMap<ProductStatus, qint64> counts;
    for (ProductStatus status : allStatuses())
        counts.insert(status, 0);
    while (query.next()) {
        if (const auto status = statusFromName(query.value(0).toString()))
            counts[*status] += query.value(1).toLongLong();
    }
    return counts;
}

} // namespace fd::catalog
