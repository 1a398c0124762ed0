#pragma once

#include "console/api/apiresult.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>

namespace fd::console {

class ApiClient;
class TokenStore;

// The signed-in user: signs in, keeps the access token fresh by rotating the refresh token before it
// lapses, keeps the refresh token in the keychain so a restart can resume, and signs out. Everything is
// asynchronous; outcomes arrive as signals.
class Session : public QObject
{
    Q_OBJECT
public:
    enum class State { SignedOut, Working, SignedIn };
    Q_ENUM(State)

    // Neither is owned; both must outlive the session.
    Session(ApiClient *api, TokenStore *tokens, QObject *parent = nullptr);
    ~Session() override;

    void signIn(const QString &email, const QString &password);
    // Signs in again with the refresh token the keychain keeps for this account on this server; stays
    // signed out (quietly) when there is none or it is no longer valid.
    void resume(const QString &email);
    // Rotates the tokens now (normally done by itself a minute before the access token lapses).
    void refresh();
    // Ends the session on the server and forgets its tokens.
    void signOut();

    State state() const { return m_state; }
    QString email() const { return m_email; }
    QString role() const { return m_role; } // the API's role name, e.g. "moderator"
    QString userId() const { return m_userId; }

Q_SIGNALS:
    void stateChanged(fd::console::Session::State state);
    // A sign-in the user asked for failed (the page shows why).
    void signInFailed(const fd::console::ApiError &error);
    // The server no longer accepts the session (revoked, expired, account deactivated).
    void expired();

private:
    // What ApiClient asks when a call is answered 401: one rotation serves every call that waits for it.
    void renew(std::function<void(bool renewed)> report);
    void finishRenewals(bool renewed);
    void acceptTokens(const ApiResult &result);
    void loadIdentity();
    void endLocally();
    void setState(State state);
    QString entry() const;

    ApiClient *m_api;
    TokenStore *m_tokens;
    QTimer m_refreshTimer;
    State m_state = State::SignedOut;
    QString m_email;
    QString m_role;
    QString m_userId;
    QByteArray m_refreshToken;
    bool m_userAsked = false; // sign-in failures are reported only for sign-ins the user asked for
    QList<std::function<void(bool)>> m_renewals;
};

} // namespace fd::console
