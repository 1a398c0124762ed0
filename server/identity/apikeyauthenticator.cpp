#include "server/identity/apikeyauthenticator.h"

#include "server/http/iocontext.h"
#include "server/http/request.h"
#include "server/identity/apikeyrepository.h"
#include "server/identity/apikeytoken.h"
#include "server/infra/db/dbpool.h"
#include "server/infra/redis/redisclient.h"

#include <QDateTime>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcAuth)

namespace fd::identity {
namespace {

constexpr int kUseGateSeconds = 60;

// One answer for every bad key, so a caller learns nothing about which part was wrong.
Error refused()
{
    return Error{ErrorCode::InvalidToken, QStringLiteral("The API key is invalid, expired or revoked")};
}

} // namespace

void ApiKeyAuthenticator::authenticate(const http::Request &request, http::IoContext *context,
                                       std::function<void(Result<http::Principal>)> done)
{
    const auto key = apikey::parse(request.header("x-api-key").trimmed());
    if (!key) {
        done(Error{ErrorCode::InvalidToken, QStringLiteral("Malformed API key: expected fdk_<id>_<secret>")});
        return;
    }
    m_keys.get(
        context->redis(), context, key->id, [this, context, key = *key, done](ApiKeyCache::Found found) {
            if (!found) {
                done(found.error());
                return;
            }
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            const bool matches = *found && apikey::secretMatches(key.secret, (*found)->secretHash);
            if (!matches || (*found)->revoked ||
                ((*found)->expiresAtMs != 0 && (*found)->expiresAtMs <= now)) {
                qCDebug(lcAuth).noquote() << "API key refused:" << key.id.toString(QUuid::WithoutBraces);
                done(refused());
                return;
            }
            http::Principal principal;
            principal.userId = (*found)->userId;
            principal.apiKeyId = key.id;
            principal.scopes = (*found)->scopes;
            m_states.get(
                context->redis(), context, principal.userId,
                [this, context, principal, done](Result<UserState> state) mutable {
                    if (!state) {
                        done(state.error());
                        return;
                    }
                    if (!state->exists || !state->active) {
                        done(Error{ErrorCode::AccountDisabled,
                                   QStringLiteral("The key's account is deactivated")});
                        return;
                    }
                    // An owner moved out of the partner roles keeps the keys but cannot use them.
                    if (state->role != Role::Admin && !apiKeyHolderRoles().contains(state->role)) {
                        done(Error{ErrorCode::Forbidden,
                                   QStringLiteral("The key's account no longer holds a partner role")});
                        return;
                    }
                    principal.role = state->role;
                    recordUse(context, *principal.apiKeyId);
                    done(principal);
                });
        });
}

void ApiKeyAuthenticator::recordUse(http::IoContext *context, const QUuid &keyId) const
{
    infra::RedisClient *redis = context->redis();
    if (!redis || !redis->isConnected()) {
        markUsedInDatabase(context, keyId);
        return;
    }
    redis->command(
        {"SET", ApiKeyCache::keyFor(keyId) + ":used", "1", "NX", "EX", QByteArray::number(kUseGateSeconds)},
        [this, context, keyId](const infra::RedisReply &reply) {
            // Nil: another request (on any node) wrote it less than a minute ago.
            if (reply.isError() || reply.type == infra::RedisReply::Type::Status)
                markUsedInDatabase(context, keyId);
        });
}

void ApiKeyAuthenticator::markUsedInDatabase(QObject *context, const QUuid &keyId) const
{
    m_db->run<Result<void>>(
        context, [keyId](QSqlDatabase &db) { return ApiKeyRepository(db).markUsed(keyId); },
        [keyId](Result<void> marked) {
            if (!marked)
                qCWarning(lcAuth).noquote()
                    << "last_used_at of API key" << keyId.toString(QUuid::WithoutBraces)
                    << "not updated:" << marked.error().detail;
        });
}

} // namespace fd::identity
