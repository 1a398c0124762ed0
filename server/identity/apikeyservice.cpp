#include "server/identity/apikeyservice.h"

#include "server/infra/db/sqlsupport.h"

#include "server/audit/auditwriter.h"
#include "server/identity/apikeyrepository.h"
#include "server/identity/apikeytoken.h"
#include "server/infra/db/transaction.h"

#include <algorithm>

namespace fd::identity {

using infra::uuidText;

namespace {

bool hasControlCharacters(const QString &value)
{
    return std::any_of(value.cbegin(), value.cend(),
                       [](QChar c) { return c.category() == QChar::Other_Control; });
}

Error notFound()
{
    return Error{ErrorCode::NotFound, QStringLiteral("No such API key")};
}

} // namespace

QJsonObject CreatedApiKey::toJson() const
{
    QJsonObject json = record.toJson();
    json.insert(QStringLiteral("key"), key);
    return json;
}

QList<FieldError> ApiKeyService::check(NewApiKey &key, const QDateTime &now)
{
    QList<FieldError> errors;
    if (key.name.trimmed().isEmpty())
        errors.append({QStringLiteral("name"), QStringLiteral("must not be empty")});
    else if (key.name.size() > kNameMaxLength)
        errors.append(
            {QStringLiteral("name"), QStringLiteral("must be at most %1 characters").arg(kNameMaxLength)});
    else if (hasControlCharacters(key.name))
        errors.append({QStringLiteral("name"), QStringLiteral("must not contain control characters")});

    key.scopes.removeDuplicates();
    if (key.scopes.isEmpty())
        errors.append({QStringLiteral("scopes"), QStringLiteral("must name at least one scope")});
    for (const QString &scope : std::as_const(key.scopes)) {
        if (!apiKeyScopes().contains(scope))
            errors.append(
                {QStringLiteral("scopes"),
                 QStringLiteral("unknown scope '%1' (use %2)").arg(scope, apiKeyScopes().join(u','))});
    }
    if (key.expiresAt.isValid() && key.expiresAt <= now)
        errors.append({QStringLiteral("expires_at"), QStringLiteral("must be in the future")});
    return errors;
}

Result<CreatedApiKey> ApiKeyService::create(QSqlDatabase &db, const QUuid &owner, const NewApiKey &key,
                                            const audit::Actor &actor)
{
    const QString secret = apikey::newSecret();
    return infra::inTransaction(db, [&]() -> Result<CreatedApiKey> {
        auto record = ApiKeyRepository(db).create(owner, key.name, apikey::secretHash(secret.toLatin1()),
                                                  key.scopes, key.expiresAt);
        if (!record)
            return record.error();
        QJsonObject after = record->toJson();
        after.remove(QStringLiteral("last_used_at"));
        after.remove(QStringLiteral("revoked_at"));
        if (auto written = audit::AuditWriter(db).write({actor,
                                                         QStringLiteral("api_key.create"),
                                                         QStringLiteral("api_key"),
                                                         uuidText(record->id),
                                                         {},
                                                         after});
            !written)
            return written.error();
        return CreatedApiKey{*record, apikey::compose(record->id, secret)};
    });
}

Result<ApiKeyPage> ApiKeyService::list(QSqlDatabase &db, const ApiKeyFilter &filter)
{
    return ApiKeyRepository(db).list(filter);
}

Result<RevokedApiKey> ApiKeyService::revokeOwn(QSqlDatabase &db, const QUuid &owner, const QUuid &id,
                                               const audit::Actor &actor)
{
    return revoke(db, id, owner, actor);
}

Result<RevokedApiKey> ApiKeyService::revokeAny(QSqlDatabase &db, const QUuid &id, const audit::Actor &actor)
{
    return revoke(db, id, std::nullopt, actor);
}

Result<RevokedApiKey> ApiKeyService::revoke(QSqlDatabase &db, const QUuid &id,
                                            const std::optional<QUuid> &owner, const audit::Actor &actor)
{
    return infra::inTransaction(db, [&]() -> Result<RevokedApiKey> {
        ApiKeyRepository keys(db);
        auto revoked = keys.revoke(id, owner);
        if (!revoked)
            return revoked.error();
        if (!*revoked) {
            if (owner) // never tell a user whether someone else's key exists
                return notFound();
            auto existing = keys.find(id);
            if (!existing)
                return existing.error();
            if (!*existing)
                return notFound();
            return RevokedApiKey{**existing, false};
        }
        const ApiKeyRecord &record = **revoked;
        const QJsonObject before{{QStringLiteral("revoked_at"), QJsonValue()}};
        const QJsonObject after{
            {QStringLiteral("revoked_at"), record.toJson().value(QStringLiteral("revoked_at"))},
            {QStringLiteral("user_id"), uuidText(record.userId)},
            {QStringLiteral("name"), record.name},
            {QStringLiteral("by"), owner ? QStringLiteral("owner") : QStringLiteral("admin")}};
        if (auto written =
                audit::AuditWriter(db).write({actor, QStringLiteral("api_key.revoke"),
                                              QStringLiteral("api_key"), uuidText(id), before, after});
            !written)
            return written.error();
        return RevokedApiKey{record, true};
    });
}

} // namespace fd::identity
