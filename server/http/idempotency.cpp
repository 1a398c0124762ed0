#include "server/http/idempotency.h"

#include "server/http/iocontext.h"
#include "server/infra/redis/redisclient.h"

#include <QCryptographicHash>
#include <QLoggingCategory>
#include <QThread>

Q_LOGGING_CATEGORY(lcIdempotency, "fd.server.idempotency")

namespace fd::http {
namespace {

using infra::LuaScript;
using infra::RedisReply;

const LuaScript &beginScript()
{
    static const LuaScript loaded = *LuaScript::fromFile(QStringLiteral(":/lua/idempotency_begin.lua"));
    return loaded;
}

const LuaScript &finishScript()
{
    static const LuaScript loaded = *LuaScript::fromFile(QStringLiteral(":/lua/idempotency_finish.lua"));
    return loaded;
}

// Answer headers worth replaying; the rest (request id, rate limits) belong to the request at hand.
bool replayedHeader(const QByteArray &name)
{
    return name.compare("Location", Qt::CaseInsensitive) == 0 ||
           name.compare("ETag", Qt::CaseInsensitive) == 0;
}

QByteArray encodeHeaders(const HeaderList &headers)
{
    QByteArray encoded;
    for (const auto &[name, value] : headers) {
        if (replayedHeader(name))
            encoded += name + ": " + value + '\n';
    }
    return encoded;
}

HeaderList decodeHeaders(const QByteArray &encoded)
{
    HeaderList headers;
    for (const QByteArray &line : encoded.split('\n')) {
        const qsizetype colon = line.indexOf(": ");
        if (colon > 0)
            headers.append(std::pair(line.left(colon), line.mid(colon + 2)));
    }
    return headers;
}

QByteArray scopeOf(const Exchange &exchange, const QByteArray &key)
{
    QCryptographicHash scope(QCryptographicHash::Sha256);
    scope.addData(exchange.principal().userId.toByteArray(QUuid::WithoutBraces));
    scope.addData(QByteArrayView("\n"));
    scope.addData(exchange.request().method);
    scope.addData(QByteArrayView("\n"));
    scope.addData(exchange.request().path.toUtf8());
    scope.addData(QByteArrayView("\n"));
    scope.addData(key);
    return scope.result().toHex();
}

void unavailable(const ExchangePtr &exchange)
{
    exchange->respondProblem(
        Error{ErrorCode::ServiceUnavailable, QStringLiteral("Idempotency keys cannot be checked right now")});
}

} // namespace

Result<std::optional<QByteArray>> idempotencyKeyOf(const Request &request)
{
    QByteArray key = request.header("idempotency-key");
    if (key.isNull())
        key = request.header("x-idempotency-key");
    if (key.isNull())
        return std::optional<QByteArray>{};
    const bool printable =
        std::all_of(key.cbegin(), key.cend(), [](char c) { return c >= 0x20 && c <= 0x7e; });
    if (key.isEmpty() || key.size() > 255 || !printable)
        return Error{ErrorCode::BadRequest,
                     QStringLiteral("Idempotency-Key must be 1 to 255 printable ASCII characters")};
    return std::optional<QByteArray>{key};
}

bool replayable(int status)
{
    switch (status) {
    case 400:
    case 401:
    case 403:
    case 413:
    case 415:
    case 422:
    case 428:
    case 429:
        return false;
    default:
        return status < 500;
    }
}

void runIdempotently(const IdempotencySettings &settings, IdempotencyUse use, const ExchangePtr &exchange,
                     std::function<void()> proceed)
{
    const Request &request = exchange->request();
    if (use == IdempotencyUse::Ignored || request.method != "POST" || !exchange->hasPrincipal()) {
        proceed();
        return;
    }
    const auto key = idempotencyKeyOf(request);
    if (!key) {
        exchange->respondProblem(key.error());
        return;
    }
    if (!*key) {
        if (use == IdempotencyUse::Required)
            exchange->respondProblem(
                Error{ErrorCode::IdempotencyKeyRequired, QStringLiteral("Send an Idempotency-Key header")});
        else
            proceed();
        return;
    }
    infra::RedisClient *redis = IoContext::of(*exchange)->redis();
    const QByteArray scope = scopeOf(*exchange, **key);
    const QByteArray record = "fd:idem:" + scope;
    const QByteArray fingerprint = QCryptographicHash::hash(request.body, QCryptographicHash::Sha256).toHex();
    const QByteArray owner = request.requestId + ':' + QUuid::createUuid().toByteArray(QUuid::Id128);
    redis->evalScript(
        beginScript(), {record}, {fingerprint, owner, QByteArray::number(settings.runningTtlMs)},
        [=, proceed = std::move(proceed)](const RedisReply &reply) {
            if (reply.isError() || reply.type != RedisReply::Type::Array || reply.elements.isEmpty()) {
                unavailable(exchange);
                return;
            }
            const QByteArray outcome = reply.elements.constFirst().string;
            if (outcome == "mismatch") {
                exchange->respondProblem(Error{ErrorCode::IdempotencyKeyReused,
                                               QStringLiteral("This key was sent with a different body")});
                return;
            }
            if (outcome == "running") {
                exchange->respondProblem(Error{ErrorCode::IdempotencyInProgress,
                                               QStringLiteral("The first request is still running")},
                                         {{"Retry-After", "1"}});
                return;
            }
            if (outcome == "replay" && reply.elements.size() == 5) {
                HeaderList headers = decodeHeaders(reply.elements.at(3).string);
                headers.append(std::pair<QByteArray, QByteArray>("Idempotent-Replayed", "true"));
                exchange->respond(reply.elements.at(1).string.toInt(), reply.elements.at(4).string,
                                  reply.elements.at(2).string, headers);
                return;
            }
            exchange->setIdempotencyClaim({scope, fingerprint});
            // Claimed: whatever answer this request gets is kept (or the claim freed) as it is given.
            // The hook must not hold the exchange: the exchange holds the hook.
            exchange->setAnswerHook([redis, record, owner, ioThread = exchange->ioThread(),
                                     ttl = settings.replayTtlMs](int status, const QByteArray &body,
                                                                 const QByteArray &contentType,
                                                                 const HeaderList &headers) {
                if (QThread::currentThread() != ioThread)
                    return; // shutting down: the claim lapses by itself
                const bool keep = replayable(status);
                QList<QByteArray> args{owner, keep ? "1" : "0"};
                if (keep)
                    args << QByteArray::number(status) << contentType << encodeHeaders(headers) << body
                         << QByteArray::number(ttl);
                redis->evalScript(finishScript(), {record}, args, [](const RedisReply &stored) {
                    if (stored.isError())
                        qCWarning(lcIdempotency).noquote()
                            << "could not keep an idempotent answer:" << QString::fromUtf8(stored.string);
                });
            });
            proceed();
        });
}

} // namespace fd::http
