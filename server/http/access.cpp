#include "server/http/access.h"

namespace fd::http {

std::optional<Error> AccessRule::check(const Principal &principal) const
{
    if (apiKeyOnly && !principal.apiKeyId)
        return Error{ErrorCode::Forbidden, QStringLiteral("Partner endpoints take an API key (X-API-Key)")};
    if (principal.apiKeyId) {
        if (apiKeyScope.isEmpty())
            return Error{ErrorCode::Forbidden, QStringLiteral("API keys cannot call this endpoint")};
        if (!principal.scopes.contains(apiKeyScope))
            return Error{ErrorCode::Forbidden, QStringLiteral("The API key lacks the scope ") + apiKeyScope};
    }
    if (roles.isEmpty() || principal.role == Role::Admin || roles.contains(principal.role))
        return std::nullopt;
    return Error{ErrorCode::Forbidden, QStringLiteral("Your role may not do this")};
}

} // namespace fd::http
