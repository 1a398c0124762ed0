#pragma once

#include "common/result.h"
#include "common/role.h"

#include <QList>
#include <QStringList>
#include <QUuid>

#include <functional>
#include <optional>

namespace fd::http {

struct Request;
class IoContext;

// Who is calling: a user with a bearer token, or a partner with an API key (acting as the key's owner).
struct Principal
{
    QUuid userId;
    Role role = Role::Buyer;
    QUuid sessionId; // the refresh-token family of a bearer token
    std::optional<QUuid> apiKeyId;
    QStringList scopes;  // API keys only
    qint64 issuedAt = 0; // bearer tokens only, seconds
};

// What a route states about its callers; the pipeline enforces it before the handler runs, and the
// handler's service checks ownership.
struct AccessRule
{
    bool authenticated = false;
    QList<Role> roles;             // empty: every role; Admin always passes
    QString apiKeyScope;           // empty: API keys may not call this route
    bool rateLimitedWrite = false; // counts toward the per-user write limit
    // For public routes that answer signed-in callers differently: credentials, when sent, are checked
    // (invalid ones get 401, as anywhere) and the handler sees the principal.
    bool identifiesCaller = false;
    bool apiKeyOnly = false; // partner endpoints: bearer tokens are refused

    static AccessRule anyone() { return {}; }
    static AccessRule anyoneIdentified()
    {
        AccessRule rule;
        rule.identifiesCaller = true;
        return rule;
    }
    static AccessRule signedIn() { return {true, {}, {}, false, false}; }
    static AccessRule rolesOnly(QList<Role> roles) { return {true, std::move(roles), {}, false, false}; }
    // An endpoint of the partner API: an API key with this scope, nothing else.
    static AccessRule partner(QString scope)
    {
        AccessRule rule{true, {}, std::move(scope), false, false};
        rule.apiKeyOnly = true;
        return rule;
    }
    AccessRule withApiKeyScope(QString scope) const
    {
        AccessRule copy = *this;
        copy.apiKeyScope = std::move(scope);
        return copy;
    }
    AccessRule asWrite() const
    {
        AccessRule copy = *this;
        copy.rateLimitedWrite = true;
        return copy;
    }

    // 403 when the principal may not call; nothing when it may.
    std::optional<Error> check(const Principal &principal) const;
};

// Establishes the principal of a request (asynchronously: it may consult Redis or PostgreSQL).
// Unauthorized when there are no or invalid credentials.
class Authenticator
{
public:
    virtual ~Authenticator() = default;
    virtual void authenticate(const Request &request, IoContext *context,
                              std::function<void(Result<Principal>)> done) = 0;
};

} // namespace fd::http
