#include "console/session/signinpage.h"

#include "console/api/apiclient.h"
#include "console/api/problemtext.h"
#include "console/session/session.h"
#include "console/session/tokenstore.h"

#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace fd::console {
namespace {

// The last account signed in on each server, so a restart can resume it from the keychain.
QString rememberedEmailKey(const QUrl &server)
{
    return QStringLiteral("session/lastEmail/") + QString::fromLatin1(server.toString().toUtf8().toBase64());
}

QLabel *wrappedLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->hide();
    return label;
}

} // namespace

SignInPage::SignInPage(ApiClient *api, Session *session, TokenStore *tokens, QWidget *parent)
    : ConsolePage(parent), m_api(api), m_session(session), m_tokens(tokens), m_formBox(new QGroupBox(this)),
      m_emailLabel(new QLabel(this)), m_email(new QLineEdit(this)), m_passwordLabel(new QLabel(this)),
      m_password(new QLineEdit(this)), m_signIn(new QPushButton(this)),
      m_error(wrappedLabel(QStringLiteral("signInErrorLabel"), this)),
      m_keychainNotice(wrappedLabel(QStringLiteral("keychainNoticeLabel"), this)),
      m_sessionBox(new QGroupBox(this)), m_signedIn(new QLabel(this)), m_signOut(new QPushButton(this))
{
    setObjectName(QStringLiteral("signInPage"));
    m_email->setObjectName(QStringLiteral("signInEmailEdit"));
    m_password->setObjectName(QStringLiteral("signInPasswordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_signIn->setObjectName(QStringLiteral("signInButton"));
    m_signIn->setDefault(true);
    m_signedIn->setObjectName(QStringLiteral("signedInLabel"));
    m_signOut->setObjectName(QStringLiteral("signOutButton"));
    m_emailLabel->setBuddy(m_email);
    m_passwordLabel->setBuddy(m_password);
    QPalette problem = palette();
    problem.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    m_error->setPalette(problem);

    auto *form = new QFormLayout;
    form->addRow(m_emailLabel, m_email);
    form->addRow(m_passwordLabel, m_password);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_signIn);
    auto *formLayout = new QVBoxLayout(m_formBox);
    formLayout->addLayout(form);
    formLayout->addWidget(m_error);
    formLayout->addLayout(buttons);
    auto *sessionLayout = new QHBoxLayout(m_sessionBox);
    sessionLayout->addWidget(m_signedIn, 1);
    sessionLayout->addWidget(m_signOut);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_formBox);
    layout->addWidget(m_sessionBox);
    layout->addWidget(m_keychainNotice);
    layout->addStretch(1);

    connect(m_signIn, &QPushButton::clicked, this, &SignInPage::submit);
    connect(m_password, &QLineEdit::returnPressed, this, &SignInPage::submit);
    connect(m_email, &QLineEdit::returnPressed, m_password, qOverload<>(&QWidget::setFocus));
    connect(m_signOut, &QPushButton::clicked, m_session, &Session::signOut);
    connect(m_session, &Session::stateChanged, this, &SignInPage::showState);
    connect(m_session, &Session::signInFailed, this,
            [this](const ApiError &error) { showError([error] { return describe(error); }); });
    connect(m_session, &Session::expired, this,
            [this] { showError([] { return tr("Your session has ended. Sign in again."); }); });
    connect(m_tokens, &TokenStore::availabilityChanged, this, &SignInPage::showState);
    retranslate();
    showState();
}

QString SignInPage::describe(const ApiError &error)
{
    switch (error.errorCode()) {
    case ErrorCode::InvalidCredentials:
        return tr("Wrong email or password.");
    case ErrorCode::AccountDisabled:
        return tr("This account is deactivated. Ask an administrator.");
    case ErrorCode::RateLimited:
        return tr("Too many sign-in attempts. Wait a minute and try again.");
    case ErrorCode::ValidationFailed:
        return tr("Enter a valid email address and your password.");
    default:
        return ProblemText::common(error);
    }
}

QString SignInPage::roleName(const QString &role)
{
    if (role == QLatin1StringView("admin"))
        return tr("administrator");
    if (role == QLatin1StringView("moderator"))
        return tr("moderator");
    if (role == QLatin1StringView("seller"))
        return tr("seller");
    if (role == QLatin1StringView("seller_b2b"))
        return tr("business seller");
    if (role == QLatin1StringView("user_b2b"))
        return tr("business buyer");
    return tr("buyer");
}

void SignInPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    ConsolePage::changeEvent(event);
}

void SignInPage::showEvent(QShowEvent *event)
{
    ConsolePage::showEvent(event);
    resumeRemembered();
}

void SignInPage::resumeRemembered()
{
    if (m_session->state() != Session::State::SignedOut || !m_api->baseUrl().isValid())
        return;
    const QString remembered = QSettings().value(rememberedEmailKey(m_api->baseUrl())).toString();
    if (remembered.isEmpty())
        return;
    if (m_email->text().isEmpty())
        m_email->setText(remembered);
    m_session->resume(remembered);
}

void SignInPage::retranslate()
{
    m_formBox->setTitle(tr("Sign in"));
    m_emailLabel->setText(tr("&Email:"));
    m_passwordLabel->setText(tr("&Password:"));
    m_signIn->setText(tr("Sign &in"));
    m_sessionBox->setTitle(tr("Session"));
    m_signOut->setText(tr("Sign &out"));
    m_keychainNotice->setText(tr("No keychain is available on this computer: you will have to sign in again "
                                 "after restarting the console."));
    if (m_errorText)
        m_error->setText(m_errorText());
    showState();
}

void SignInPage::submit()
{
    const QString email = m_email->text().trimmed();
    if (!email.contains(u'@') || m_password->text().isEmpty()) {
        showError([] { return tr("Enter a valid email address and your password."); });
        return;
    }
    if (!m_api->baseUrl().isValid()) {
        showError([] { return tr("Connect to a server first."); });
        return;
    }
    showError({});
    QSettings().setValue(rememberedEmailKey(m_api->baseUrl()), email);
    m_session->signIn(email, m_password->text());
}

void SignInPage::showState()
{
    const Session::State state = m_session->state();
    const bool signedIn = state == Session::State::SignedIn;
    m_formBox->setVisible(!signedIn);
    m_sessionBox->setVisible(signedIn);
    m_signIn->setEnabled(state == Session::State::SignedOut);
    m_keychainNotice->setVisible(!m_tokens->available());
    if (signedIn) {
        m_password->clear();
        showError({});
        m_signedIn->setText(tr("Signed in as %1 (%2).").arg(m_session->email(), roleName(m_session->role())));
    }
    Q_EMIT statusMessage(state == Session::State::Working ? tr("Signing in…")
                         : signedIn                       ? tr("Signed in as %1.").arg(m_session->email())
                                                          : tr("Signed out."));
}

void SignInPage::showError(MessageBuilder build)
{
    m_errorText = std::move(build);
    m_error->setText(m_errorText ? m_errorText() : QString());
    m_error->setHidden(!m_errorText);
}

} // namespace fd::console
