#pragma once

#include "server/http/access.h"
#include "server/identity/apikeycache.h"
#include "server/identity/userstatecache.h"

namespace fd::identity {

// Partner requests with X-API-Key: the key's record by id (cached), its secret compared in constant time,
// expiry and revocation, then the owner's current state, as for bearer tokens. The principal acts as the
// owner with the owner's current role, limited to the key's scopes (http::AccessRule checks them).
class ApiKeyAuthenticator : public http::Authenticator
{
public:
    explicit ApiKeyAuthenticator(infra::DbPool *db) : m_db(db), m_keys(db), m_states(db) {}

    void authenticate(const http::Request &request, http::IoContext *context,
                      std::function<void(Result<http::Principal>)> done) override;

private:
    // last_used_at is written at most once a minute per key, behind a Redis gate shared by every node.
    void recordUse(http::IoContext *context, const QUuid &keyId) const;
    void markUsedInDatabase(QObject *context, const QUuid &keyId) const;

    infra::DbPool *m_db;
    ApiKeyCache m_keys;
    UserStateCache m_states;
};

} // namespace fd::identity
