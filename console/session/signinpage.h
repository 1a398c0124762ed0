#pragma once

#include "console/app/consolepage.h"

#include <functional>

class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace fd::console {

class ApiClient;
class Session;
class TokenStore;
struct ApiError;

// Signs the user in and out, and tells how the session stands: who is signed in and in which role,
// why a sign-in failed (in the user's language, from the API's error code), whether the sign-in will be
// remembered (no keychain: it will not).
class SignInPage : public ConsolePage
{
    Q_OBJECT
public:
    // None is owned; all must outlive the page.
    SignInPage(ApiClient *api, Session *session, TokenStore *tokens, QWidget *parent = nullptr);

    QString title() const override { return tr("Sign in"); }

    // The user-facing text for a failed sign-in or an ended session.
    static QString describe(const ApiError &error);
    static QString roleName(const QString &role);

    // Signs in again as the account last used on the current server, from the keychain, if there is one
    // and nobody is signed in.
    void resumeRemembered();

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    using MessageBuilder = std::function<QString()>;

    void retranslate();
    void submit();
    void showState();
    void showError(MessageBuilder build);

    ApiClient *m_api;
    Session *m_session;
    TokenStore *m_tokens;

    QGroupBox *m_formBox;
    QLabel *m_emailLabel;
    QLineEdit *m_email;
    QLabel *m_passwordLabel;
    QLineEdit *m_password;
    QPushButton *m_signIn;
    QLabel *m_error;
    QLabel *m_keychainNotice;
    QGroupBox *m_sessionBox;
    QLabel *m_signedIn;
    QPushButton *m_signOut;
    MessageBuilder m_errorText;
};

} // namespace fd::console
