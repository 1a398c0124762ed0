// Holds: take one (reserve), list and read one's own, release one early.
#include "server/reservations/reservationroutes.h"

#include "server/http/conditional.h"
#include "server/http/fieldreader.h"
#include "server/http/iocontext.h"
#include "server/http/jsonbody.h"
#include "server/http/pagination.h"
#include "server/http/querytime.h"
#include "server/http/router.h"
#include "server/http/timekeypage.h"
#include "server/infra/db/dbpool.h"
#include "server/reservations/holdmetrics.h"
#include "server/reservations/reservationrepository.h"
#include "server/reservations/reserveflow.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace fd::reservations {
namespace {

constexpr int kMaxQuantity = 10; // per request, as the contract has it

QByteArray locationOf(const QUuid &id)
{
    return "/api/v1/inventory/reservations/" + id.toByteArray(QUuid::WithoutBraces);
}

void respondNoSuchHold(const http::ExchangePtr &exchange)
{
    exchange->respondProblem(Error{ErrorCode::NotFound, QStringLiteral("No such reservation")});
}

void reserve(const HoldsDeps &deps, const http::ExchangePtr &exchange)
{
    const auto body = http::jsonObjectOrAnswer(*exchange);
    if (!body)
        return;
    http::FieldReader reader(*body);
    const auto productText = reader.string(QStringLiteral("product_id"), true, 64);
    const auto quantity = reader.integer(QStringLiteral("quantity"), true, 1, kMaxQuantity);
    reader.onlyMembers({QStringLiteral("product_id"), QStringLiteral("quantity")});
    const QUuid productId = productText ? QUuid::fromString(*productText) : QUuid();
    if (productText && productId.isNull())
        reader.fail(QStringLiteral("product_id"), QStringLiteral("must be a product id"));
    if (!reader.ok()) {
        exchange->respondProblem(reader.error());
        return;
    }
    HoldRequest hold{QUuid::createUuid(), productId, exchange->principal().userId, int(*quantity)};
    ReserveFlow::run(deps, http::IoContext::of(*exchange)->redis(), exchange->context(), hold,
                     exchange->principal().role, [exchange](ReserveAnswer answer) {
                         if (answer.reservation) {
                             exchange->respondJson(201, QJsonDocument(answer.reservation->toJson()),
                                                   {{"Location", locationOf(answer.reservation->id)}});
                             return;
                         }
                         http::HeaderList headers;
                         if (answer.retryAfterMs > 0)
                             headers.append(std::pair<QByteArray, QByteArray>(
                                 "Retry-After", QByteArray::number((answer.retryAfterMs + 999) / 1000)));
                         exchange->respondProblem(answer.reservation.error(), headers);
                     });
}

// Staff filter by user_id, product_id, status, from and to; owners by status.
Result<ReservationFilter> filterFrom(const QUrlQuery &query, bool staff)
{
    ReservationFilter filter;
    QList<FieldError> errors;
    const auto value = [&](const char *name) {
        return query.queryItemValue(QLatin1StringView(name), QUrl::FullyDecoded);
    };
    if (query.hasQueryItem(QStringLiteral("status"))) {
        filter.status = value("status");
        if (!QStringList{QStringLiteral("PENDING"), QStringLiteral("RELEASED"), QStringLiteral("EXPIRED"),
                         QStringLiteral("SOLD")}
                 .contains(filter.status))
            errors.append(
                {QStringLiteral("status"), QStringLiteral("must be PENDING, RELEASED, EXPIRED or SOLD")});
    }
    for (const char *name : {"user_id", "product_id"}) {
        if (!staff || !query.hasQueryItem(QLatin1StringView(name)))
            continue;
        const QUuid id = QUuid::fromString(value(name));
        if (id.isNull())
            errors.append({QLatin1StringView(name), QStringLiteral("must be a UUID")});
        else
            (qstrcmp(name, "user_id") == 0 ? filter.userId : filter.productId) = id;
    }
    for (const char *name : {"from", "to"}) {
        if (!staff || !query.hasQueryItem(QLatin1StringView(name)))
            continue;
        const auto time = http::parseQueryTime(value(name));
        if (!time)
            errors.append({QLatin1StringView(name), QStringLiteral("must be an RFC 3339 time with a zone")});
        else
            (qstrcmp(name, "from") == 0 ? filter.from : filter.to) = time->toString(Qt::ISODateWithMs);
    }
    if (!errors.isEmpty())
        return Error{ErrorCode::ValidationFailed, QStringLiteral("Invalid filter"), errors};
    return filter;
}

void respondList(const HoldsDeps &deps, const http::ExchangePtr &exchange, Result<ReservationFilter> filter,
                 bool staff)
{
    http::respondTimeKeyPage<ListedReservation, ReservationFilter>(
        *deps.db, exchange, filter,
        [](QSqlDatabase &db, const ReservationFilter &f, const std::optional<infra::TimeKey> &after,
           int limit) { return ReservationRepository(db).list(f, after, limit); },
        [staff](const ListedReservation &row) { return row.reservation.toJson(staff); });
}

void listOwn(const HoldsDeps &deps, const http::ExchangePtr &exchange)
{
    auto filter = filterFrom(exchange->request().query, false);
    if (filter)
        filter->userId = exchange->principal().userId;
    respondList(deps, exchange, filter, false);
}

void listAll(const HoldsDeps &deps, const http::ExchangePtr &exchange)
{
    respondList(deps, exchange, filterFrom(exchange->request().query, true), true);
}

void read(const HoldsDeps &deps, const http::ExchangePtr &exchange)
{
    const auto id = http::pathUuid(*exchange);
    if (!id) {
        respondNoSuchHold(exchange);
        return;
    }
    using Found = Result<std::optional<Reservation>>;
    deps.db->run<Found>(
        exchange->context(), [id = *id](QSqlDatabase &db) { return ReservationRepository(db).find(id); },
        [exchange](Found found) {
            if (!found)
                exchange->respondProblem(found.error());
            else if (!*found || (*found)->userId != exchange->principal().userId)
                respondNoSuchHold(exchange); // another user's hold is nobody's business
            else
                exchange->respondJson(200, QJsonDocument((*found)->toJson()));
        });
}

// PostgreSQL first: once the hold is RELEASED there, nothing can pay for it, so its units may go back on
// sale. The reverse order could sell them twice.
void release(const HoldsDeps &deps, const http::ExchangePtr &exchange)
{
    const auto id = http::pathUuid(*exchange);
    if (!id) {
        respondNoSuchHold(exchange);
        return;
    }
    struct Released
    {
        std::optional<Reservation> released; // this call ended it
        std::optional<Reservation> current;  // otherwise, how it stands
    };
    const QUuid userId = exchange->principal().userId;
    deps.db->run<Result<Released>>(
        exchange->context(),
        [id = *id, userId](QSqlDatabase &db) -> Result<Released> {
            ReservationRepository ledger(db);
            auto released = ledger.release(id, userId);
            if (!released)
                return released.error();
            if (*released)
                return Released{*released, {}};
            auto current = ledger.find(id);
            if (!current)
                return current.error();
            return Released{{}, *current};
        },
        [deps, exchange, userId](Result<Released> outcome) {
            if (!outcome) {
                exchange->respondProblem(outcome.error());
                return;
            }
            if (const auto &current = outcome->current) {
                if (!current || current->userId != userId)
                    respondNoSuchHold(exchange);
                else if (current->status == QLatin1StringView("RELEASED"))
                    exchange->respondEmpty(204); // released before: the same outcome
                else if (current->status == QLatin1StringView("PENDING"))
                    exchange->respondProblem(
                        Error{ErrorCode::InvalidState,
                              QStringLiteral("The hold belongs to an order; cancel the order")});
                else
                    exchange->respondProblem(
                        Error{ErrorCode::HoldNotPending,
                              QStringLiteral("The hold is already %1").arg(current->status)});
                return;
            }
            const Reservation hold = *outcome->released;
            HoldStore::end(http::IoContext::of(*exchange)->redis(), hold.productId, hold.id, true,
                           [deps, exchange, hold](Result<qint64> returned) {
                               // A failure here leaves the units held in Redis only: unsold until the
                               // product's state is next rebuilt, never sold twice.
                               if (returned && deps.metrics)
                                   deps.metrics->returned(false, double(*returned));
                               exchange->respondEmpty(204);
                           });
        });
}

} // namespace

void registerRoutes(http::Router &router, const HoldsDeps &deps)
{
    const auto buyer = http::AccessRule::signedIn();
    router.add("POST", QStringLiteral("/api/v1/inventory/reserve"),
               [deps](const http::ExchangePtr &exchange) { reserve(deps, exchange); },
               {true, buyer.withApiKeyScope(QStringLiteral("orders:write")).asWrite(),
                http::IdempotencyUse::Required});
    router.add("POST", QStringLiteral("/api/v1/external/reservations"),
               [deps](const http::ExchangePtr &exchange) { reserve(deps, exchange); },
               {true, http::AccessRule::partner(QStringLiteral("orders:write")).asWrite(),
                http::IdempotencyUse::Required});
    router.add("GET", QStringLiteral("/api/v1/inventory/reservations"),
               [deps](const http::ExchangePtr &exchange) { listOwn(deps, exchange); },
               {false, buyer.withApiKeyScope(QStringLiteral("orders:read"))});
    router.add("GET", QStringLiteral("/api/v1/inventory/reservations/{id}"),
               [deps](const http::ExchangePtr &exchange) { read(deps, exchange); },
               {false, buyer.withApiKeyScope(QStringLiteral("orders:read"))});
    router.add("GET", QStringLiteral("/api/v1/admin/reservations"),
               [deps](const http::ExchangePtr &exchange) { listAll(deps, exchange); },
               {false, http::AccessRule::rolesOnly({Role::Admin, Role::Moderator})});
    router.add("DELETE", QStringLiteral("/api/v1/inventory/reservations/{id}"),
               [deps](const http::ExchangePtr &exchange) { release(deps, exchange); },
               {false, buyer.withApiKeyScope(QStringLiteral("orders:write")).asWrite()});
}

} // namespace fd::reservations
