#include "console/session/session.h"

#include "console/api/apiclient.h"
#include "console/session/tokenstore.h"

#include <QJsonObject>
#include <QLoggingCategory>

namespace fd::console {
namespace {

Q_LOGGING_CATEGORY(lcSession, "fd.console.session")

// Rotate this long before the access token lapses, so no call ever goes out with an expired one.
constexpr int kRefreshMarginSeconds = 60;
constexpr int kMinRefreshSeconds = 5;

} // namespace

Session::Session(ApiClient *api, TokenStore *tokens, QObject *parent)
    : QObject(parent), m_api(api), m_tokens(tokens), m_refreshTimer(this)
{
    m_refreshTimer.setSingleShot(true);
    connect(&m_refreshTimer, &QTimer::timeout, this, &Session::refresh);
}

Session::~Session()
{
    if (m_state == State::SignedIn)
        m_api->setRenewal({});
    finishRenewals(false);
}

void Session::renew(std::function<void(bool)> report)
{
    m_renewals.append(std::move(report));
    if (m_renewals.size() == 1)
        refresh();
}

void Session::finishRenewals(bool renewed)
{
    for (auto &report : std::exchange(m_renewals, {}))
        report(renewed);
}

QString Session::entry() const
{
    return TokenStore::entryName(m_api->baseUrl().toString(), m_email);
}

void Session::signIn(const QString &email, const QString &password)
{
    m_email = email.trimmed();
    m_userAsked = true;
    setState(State::Working);
    m_api->setAccessToken({});
    m_api->send("POST", QStringLiteral("/api/v1/auth/token"),
                QJsonObject{{QStringLiteral("email"), m_email}, {QStringLiteral("password"), password}}, this,
                [this](const ApiResult &result) { acceptTokens(result); });
}

void Session::resume(const QString &email)
{
    if (m_state != State::SignedOut || email.trimmed().isEmpty())
        return;
    m_email = email.trimmed();
    m_userAsked = false;
    setState(State::Working);
    m_tokens->load(entry(), [this](std::optional<QByteArray> token) {
        if (!token || token->isEmpty()) {
            setState(State::SignedOut);
            return;
        }
        m_refreshToken = *token;
        refresh();
    });
}

void Session::refresh()
{
    if (m_refreshToken.isEmpty()) {
        finishRenewals(false);
        return;
    }
    m_api->send("POST", QStringLiteral("/api/v1/auth/refresh"),
                QJsonObject{{QStringLiteral("refresh_token"), QString::fromLatin1(m_refreshToken)}}, this,
                [this](const ApiResult &result) {
                    if (!result.ok() && result.error->reachedServer() && result.status == 401) {
                        // Revoked, reused or lapsed: only a new sign-in helps.
                        const bool wasSignedIn = m_state == State::SignedIn;
                        m_tokens->remove(entry());
                        endLocally();
                        finishRenewals(false);
                        if (wasSignedIn)
                            Q_EMIT expired();
                        return;
                    }
                    if (!result.ok()) {
                        // The server is unreachable: try again shortly with the same token.
                        m_refreshTimer.start(kMinRefreshSeconds * 1000);
                        if (m_state == State::Working)
                            setState(State::SignedOut);
                        finishRenewals(false);
                        return;
                    }
                    acceptTokens(result);
                    finishRenewals(true);
                });
}

void Session::acceptTokens(const ApiResult &result)
{
    if (!result.ok()) {
        endLocally();
        if (std::exchange(m_userAsked, false))
            Q_EMIT signInFailed(*result.error);
        return;
    }
    const QJsonObject tokens = result.json.object();
    m_api->setAccessToken(tokens.value(QStringLiteral("access_token")).toString().toLatin1());
    m_refreshToken = tokens.value(QStringLiteral("refresh_token")).toString().toLatin1();
    m_tokens->save(entry(), m_refreshToken);
    const int lifetime = tokens.value(QStringLiteral("expires_in")).toInt(1800);
    m_refreshTimer.start(qMax(kMinRefreshSeconds, lifetime - kRefreshMarginSeconds) * 1000);
    if (m_state != State::SignedIn)
        loadIdentity();
}

void Session::loadIdentity()
{
    m_api->getJson(QStringLiteral("/api/v1/users/me"), this, [this](const ApiResult &result) {
        if (!result.ok()) {
            endLocally();
            if (std::exchange(m_userAsked, false))
                Q_EMIT signInFailed(*result.error);
            return;
        }
        const QJsonObject me = result.json.object();
        m_userId = me.value(QStringLiteral("id")).toString();
        m_role = me.value(QStringLiteral("role")).toString();
        m_userAsked = false;
        qCInfo(lcSession).noquote() << "signed in as" << m_role;
        m_api->setRenewal([this](std::function<void(bool)> report) { renew(std::move(report)); });
        setState(State::SignedIn);
    });
}

void Session::signOut()
{
    if (m_state == State::SignedOut)
        return;
    // The server revokes the refresh-token family; the answer does not matter to us.
    m_api->send("POST", QStringLiteral("/api/v1/auth/logout"), QJsonObject{}, m_api,
                [](const ApiResult &) {});
    m_tokens->remove(entry());
    endLocally();
}

void Session::endLocally()
{
    if (m_state == State::SignedIn)
        m_api->setRenewal({});
    m_refreshTimer.stop();
    m_refreshToken.clear();
    m_api->setAccessToken({});
    m_role.clear();
    m_userId.clear();
    setState(State::SignedOut);
}

void Session::setState(State state)
{
    if (std::exchange(m_state, state) != state)
        Q_EMIT stateChanged(state);
}

} // namespace fd::console
