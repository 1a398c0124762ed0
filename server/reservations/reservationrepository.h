#pragma once

#include "common/result.h"
#include "server/infra/db/timekey.h"
#include "server/reservations/reservationrecord.h"

#include <QSqlDatabase>

#include <optional>

namespace fd::reservations {

// A hold that reached its deadline and was marked EXPIRED: its units go back on sale in Redis.
struct ExpiredHold
{
    QUuid holdId;
    QUuid productId;
};

struct ListedReservation
{
    Reservation reservation;
    QString createdKey; // created_at to the microsecond, as the keyset compares it
    infra::TimeKey key() const { return {createdKey, reservation.id}; }
};

struct ReservationFilter
{
    std::optional<QUuid> userId;
    std::optional<QUuid> productId;
    QString status; // empty: any
    QString from;   // created at or after (RFC 3339); empty: no bound
    QString to;     // created before
};

// The reservations ledger in PostgreSQL.
class ReservationRepository
{
public:
    explicit ReservationRepository(QSqlDatabase &db) : m_db(db) {}

    // Records a hold Redis granted under `generation`. Nothing when the product's hold generation moved
    // since (its Redis state was stale), it stopped being ACTIVE, or the caller sells it: then nothing was
    // written. The product row is share-locked, so a rebuild cannot slip between the check and the insert.
    Result<std::optional<Reservation>> record(const HoldRequest &hold, qint64 generation, qint64 ttlSeconds);

    // Moves the product to a new hold generation and reads what Redis should know of it, in one
    // transaction: every hold recorded under an older generation is in the snapshot, and none can be
    // recorded under one after it.
    Result<HoldSnapshot> rebuild(const QUuid &productId);

    Result<QList<ListedReservation>> list(const ReservationFilter &filter,
                                          const std::optional<infra::TimeKey> &after, int limit);
    Result<std::optional<Reservation>> find(const QUuid &id);
    // PENDING → RELEASED for its owner; the row as it is afterwards, nothing when it is not the owner's.
    Result<std::optional<Reservation>> release(const QUuid &id, const QUuid &ownerId);
    // Marks up to `batch` PENDING holds past their deadline EXPIRED (each exactly once, even with several
    // sweepers: rows another sweeper is marking are skipped). Holds in an order expire with their order.
    Result<QList<ExpiredHold>> expireDue(int batch);

private:
    QSqlDatabase &m_db;
};

} // namespace fd::reservations
