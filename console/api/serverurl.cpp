#include "console/api/serverurl.h"

namespace fd::console {
namespace {

Error invalid(const QString &message)
{
    return Error{ErrorCode::ValidationFailed, message};
}

} // namespace

Result<QUrl> ServerUrl::parse(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return invalid(tr("Enter the server's address, for example http://127.0.0.1:8080."));
    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid())
        return invalid(tr("“%1” is not a valid address.").arg(trimmed));
    // Without this check "localhost:8080" would parse as the scheme "localhost".
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1StringView("http") && scheme != QLatin1StringView("https"))
        return invalid(tr("The address must start with http:// or https://."));
    if (url.host().isEmpty())
        return invalid(tr("The address has no host name."));
    if (url.hasQuery() || url.hasFragment())
        return invalid(tr("The address must not contain a query (?) or a fragment (#)."));
    if (!url.userInfo().isEmpty())
        return invalid(tr("Leave the user name and password out of the address."));
    return url.adjusted(QUrl::StripTrailingSlash | QUrl::NormalizePathSegments);
}

} // namespace fd::console
