#include "server/reservations/reserveflow.h"

#include "server/infra/db/dbpool.h"
#include "server/reservations/holdmetrics.h"
#include "server/reservations/holdstaterebuild.h"
#include "server/reservations/reservationrepository.h"

#include <QLoggingCategory>
#include <QTimer>

Q_DECLARE_LOGGING_CATEGORY(lcHolds)

namespace fd::reservations {
namespace {

// Redis is asked at most this often per request: a rebuild, a stale state or a busy rebuild by another
// node each cost one more try. Waits between tries grow by kRetryStepMs.
constexpr int kMaxAttempts = 8;
constexpr int kRetryStepMs = 15;

} // namespace

void ReserveFlow::run(const HoldsDeps &deps, infra::RedisClient *redis, QObject *context, HoldRequest hold,
                      Role callerRole, Done done)
{
    std::make_shared<ReserveFlow>(deps, redis, context, std::move(hold), callerRole, std::move(done))
        ->decide();
}

ReserveFlow::ReserveFlow(const HoldsDeps &deps, infra::RedisClient *redis, QObject *context, HoldRequest hold,
                         Role callerRole, Done done)
    : m_deps(deps), m_redis(redis), m_context(context), m_hold(std::move(hold)), m_callerRole(callerRole),
      m_done(std::move(done))
{}

void ReserveFlow::decide()
{
    if (++m_attempts > kMaxAttempts) {
        fail(ErrorCode::ServiceUnavailable, QStringLiteral("The product is busy; try again"));
        return;
    }
    HoldStore::reserve(m_redis, m_deps.policy, m_hold,
                       [self = shared_from_this()](HoldDecision decision) { self->decided(decision); });
}

void ReserveFlow::decided(const HoldDecision &decision)
{
    using Outcome = HoldDecision::Outcome;
    using Metric = HoldMetrics::Decision;
    auto count = [this](Metric metric) {
        if (m_deps.metrics)
            m_deps.metrics->decided(metric);
    };
    switch (decision.outcome) {
    case Outcome::Granted:
        if (decision.overdue > 0)
            repairInBackground();
        record(decision.generation);
        return;
    case Outcome::Insufficient:
        if (decision.overdue > 0)
            repairInBackground();
        count(Metric::Insufficient);
        fail(ErrorCode::InsufficientStock, decision.available == 0
                                               ? QStringLiteral("Sold out")
                                               : QStringLiteral("Only %1 left").arg(decision.available));
        return;
    case Outcome::UserLimit:
        count(Metric::UserLimit);
        fail(ErrorCode::HoldLimitReached,
             QStringLiteral("You already hold %1 of the %2 units one buyer may hold")
                 .arg(decision.unitsHeld)
                 .arg(m_deps.policy.maxUnitsPerUser));
        return;
    case Outcome::OwnProduct:
        count(Metric::OwnProduct);
        fail(ErrorCode::OwnProduct, QStringLiteral("Sellers cannot reserve their own products"));
        return;
    case Outcome::NotOnSale:
        refuseNotOnSale(true, decision.sellerId);
        return;
    case Outcome::RateLimited:
        count(Metric::RateLimited);
        finish(ReserveAnswer{
            Error{ErrorCode::RateLimited, QStringLiteral("Too many holds on this product; retry")},
            qMax<qint64>(1, decision.retryAfterMs)});
        return;
    case Outcome::Rebuild:
        rebuild();
        return;
    case Outcome::Unavailable:
        count(Metric::Unavailable);
        fail(ErrorCode::ServiceUnavailable, QStringLiteral("Reservations are unavailable right now"));
        return;
    }
}

void ReserveFlow::record(qint64 generation)
{
    using Recorded = Result<std::optional<Reservation>>;
    m_deps.db->run<Recorded>(
        m_context,
        [hold = m_hold, generation, ttl = m_deps.ttlSeconds](QSqlDatabase &db) {
            return ReservationRepository(db).record(hold, generation, ttl);
        },
        [self = shared_from_this(), generation](Recorded recorded) {
            if (!recorded) {
                // Perhaps written, perhaps not: the hold stays unconfirmed in Redis, and once overdue a
                // rebuild from PostgreSQL settles it either way. Returning the units now could sell them
                // twice.
                qCWarning(lcHolds).noquote() << "recording a hold failed:" << recorded.error().detail;
                self->fail(ErrorCode::ServiceUnavailable,
                           QStringLiteral("Reservations are unavailable right now"));
                return;
            }
            if (!*recorded) {
                self->fenced(generation);
                return;
            }
            HoldStore::confirm(self->m_redis, self->m_hold);
            if (self->m_deps.metrics)
                self->m_deps.metrics->decided(HoldMetrics::Decision::Granted);
            self->finish(ReserveAnswer{**recorded});
        });
}

// PostgreSQL recorded nothing: the state Redis decided on is stale (or the product left the shelf). The
// units go back, then either a newer state is already in Redis, or this request rebuilds one.
void ReserveFlow::fenced(qint64 generation)
{
    if (m_deps.metrics)
        m_deps.metrics->fenced();
    auto self = shared_from_this();
    HoldStore::end(m_redis, m_hold.productId, m_hold.holdId, true,
                   [self, generation](Result<qint64> returned) {
                       if (!returned) {
                           self->fail(ErrorCode::ServiceUnavailable,
                                      QStringLiteral("Reservations are unavailable right now"));
                           return;
                       }
                       HoldStore::generation(
                           self->m_redis, self->m_hold.productId, [self, generation](Result<qint64> current) {
                               if (!current)
                                   self->fail(ErrorCode::ServiceUnavailable,
                                              QStringLiteral("Reservations are unavailable right now"));
                               else if (*current == generation)
                                   self->rebuild();
                               else
                                   self->decide();
                           });
                   });
}

void ReserveFlow::rebuild()
{
    rebuildHoldState(m_deps, m_redis, m_context, m_hold.productId,
                     [self = shared_from_this()](Result<RebuildOutcome> outcome) {
                         if (!outcome) {
                             self->fail(ErrorCode::ServiceUnavailable,
                                        QStringLiteral("Reservations are unavailable right now"));
                             return;
                         }
                         switch (outcome->kind) {
                         case RebuildOutcome::Kind::Loaded:
                             self->decide();
                             return;
                         case RebuildOutcome::Kind::Busy:
                             self->retrySoon();
                             return;
                         case RebuildOutcome::Kind::NotOnSale:
                             break;
                         }
                         self->refuseNotOnSale(outcome->snapshot.exists, outcome->snapshot.sellerId);
                     });
}

// Strangers learn nothing of a product that is not on sale; its seller and staff learn why.
void ReserveFlow::refuseNotOnSale(bool exists, const QUuid &sellerId)
{
    if (m_deps.metrics)
        m_deps.metrics->decided(HoldMetrics::Decision::NotOnSale);
    const bool staff = m_callerRole == Role::Admin || m_callerRole == Role::Moderator;
    if (exists && sellerId == m_hold.userId)
        fail(ErrorCode::OwnProduct, QStringLiteral("Sellers cannot reserve their own products"));
    else if (!exists || !staff)
        fail(ErrorCode::NotFound, QStringLiteral("No such product"));
    else
        fail(ErrorCode::InvalidState, QStringLiteral("The product is not on sale"));
}

// Some hold was granted in Redis but never recorded (its request died in between). Rebuilding the product
// returns those units; the request at hand does not wait for it.
void ReserveFlow::repairInBackground()
{
    rebuildHoldState(m_deps, m_redis, m_context, m_hold.productId,
                     [productId = m_hold.productId](auto outcome) {
                         if (!outcome)
                             qCInfo(lcHolds).noquote()
                                 << "repairing the hold state of" << productId.toString(QUuid::WithoutBraces)
                                 << "failed:" << outcome.error().detail;
                     });
}

void ReserveFlow::retrySoon()
{
    QTimer::singleShot(kRetryStepMs * m_attempts, m_context, [self = shared_from_this()] { self->decide(); });
}

void ReserveFlow::finish(ReserveAnswer answer)
{
    if (m_done)
        std::exchange(m_done, nullptr)(std::move(answer));
}

void ReserveFlow::fail(ErrorCode code, const QString &detail)
{
    finish(ReserveAnswer{Error{code, detail}});
}

} // namespace fd::reservations
