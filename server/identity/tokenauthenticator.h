#pragma once

#include "server/http/access.h"
#include "server/identity/apikeyauthenticator.h"
#include "server/identity/tokenissuer.h"
#include "server/identity/userstatecache.h"

namespace fd::identity {

// Bearer access tokens: signature and claims first (no I/O), then the user's current state, so a
// deactivated user or a changed role applies at the next request. Requests with X-API-Key go to the API key
// authenticator instead; a request may carry one kind of credential, not both.
class TokenAuthenticator : public http::Authenticator
{
public:
    TokenAuthenticator(TokenSettings settings, infra::DbPool *db)
        : m_settings(std::move(settings)), m_states(db), m_apiKeys(db)
    {}

    void authenticate(const http::Request &request, http::IoContext *context,
                      std::function<void(Result<http::Principal>)> done) override;

private:
    TokenSettings m_settings;
    UserStateCache m_states;
    ApiKeyAuthenticator m_apiKeys;
};

} // namespace fd::identity
