#include "console/ops/connectionpage.h"

#include "common/apipaths.h"
#include "console/api/apiclient.h"
#include "console/api/serverurl.h"
#include "console/embedded/embeddedserver.h"
#include "console/ops/healthpanel.h"

#include <QEvent>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTimer>
#include <QVBoxLayout>

namespace fd::console {

Q_LOGGING_CATEGORY(lcOps, "fd.console.ops")

namespace {

const QString kServerUrlKey = QStringLiteral("connection/serverUrl");

QLabel *messageLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->hide();
    return label;
}

void setMessage(QLabel *label, const QString &text, bool problem)
{
    QPalette palette = label->parentWidget()->palette();
    if (problem)
        palette.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    label->setPalette(palette);
    label->setText(text);
    label->setHidden(text.isEmpty());
}

} // namespace

ConnectionPage::ConnectionPage(ApiClient *api, EmbeddedServer *localServer, QWidget *parent)
    : ConsolePage(parent), m_api(api), m_localServer(localServer), m_serverBox(new QGroupBox(this)),
      m_addressLabel(new QLabel(this)), m_url(new QLineEdit(this)), m_connect(new QPushButton(this)),
      m_urlProblem(messageLabel(QStringLiteral("serverUrlMessageLabel"), this)),
      m_localButton(new QPushButton(this)),
      m_localStatus(messageLabel(QStringLiteral("localServerLabel"), this)), m_health(new HealthPanel(this)),
      m_refreshTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("connectionPage"));
    m_url->setObjectName(QStringLiteral("serverUrlEdit"));
    m_url->setPlaceholderText(QStringLiteral("http://127.0.0.1:8080"));
    m_url->setClearButtonEnabled(true);
    m_url->setText(QSettings().value(kServerUrlKey).toString());
    // The server used last time is connected to at once, after the window is up: one click less every day.
    if (const auto remembered = ServerUrl::parse(m_url->text()))
        QMetaObject::invokeMethod(
            this, [this, url = *remembered] { connectTo(url); }, Qt::QueuedConnection);
    m_connect->setObjectName(QStringLiteral("connectButton"));
    m_connect->setDefault(true);
    m_localButton->setObjectName(QStringLiteral("startLocalServerButton"));

    m_addressLabel->setBuddy(m_url);
    auto *addressRow = new QHBoxLayout;
    addressRow->addWidget(m_addressLabel);
    addressRow->addWidget(m_url, 1);
    addressRow->addWidget(m_connect);
    auto *localRow = new QHBoxLayout;
    localRow->addWidget(m_localButton);
    localRow->addStretch(1);

    auto *serverLayout = new QVBoxLayout(m_serverBox);
    serverLayout->addLayout(addressRow);
    serverLayout->addWidget(m_urlProblem);
    serverLayout->addLayout(localRow);
    serverLayout->addWidget(m_localStatus);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_serverBox);
    layout->addWidget(m_health, 1);

    m_refreshTimer->setInterval(kRefreshIntervalMs);
    connect(m_refreshTimer, &QTimer::timeout, this, &ConnectionPage::refresh);
    connect(m_connect, &QPushButton::clicked, this, &ConnectionPage::connectOrDisconnect);
    connect(m_url, &QLineEdit::returnPressed, this, [this] {
        if (!m_connected)
            connectOrDisconnect();
    });
    connect(m_url, &QLineEdit::textEdited, this, [this] { showUrlProblem({}); });

    if (m_localServer) {
        connect(m_localButton, &QPushButton::clicked, this, &ConnectionPage::startOrStopLocalServer);
        connect(m_localServer, &EmbeddedServer::stateChanged, this, &ConnectionPage::updateLocalServerButton);
        connect(m_localServer, &EmbeddedServer::started, this, &ConnectionPage::onLocalServerStarted);
        connect(m_localServer, &EmbeddedServer::failed, this, &ConnectionPage::onLocalServerFailed);
        connect(m_localServer, &EmbeddedServer::stopped, this, &ConnectionPage::onLocalServerStopped);
    } else {
        m_localButton->hide();
    }
    retranslate();
}

void ConnectionPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    ConsolePage::changeEvent(event);
}

void ConnectionPage::retranslate()
{
    m_serverBox->setTitle(tr("Server"));
    m_addressLabel->setText(tr("&Address:"));
    m_connect->setText(m_connected ? tr("Disconnect") : tr("Connect"));
    if (m_localServer)
        updateLocalServerButton();
    if (m_localMessage)
        setMessage(m_localStatus, m_localMessage(), m_localMessageIsProblem);
    // Editing the address hides its problem, so a shown problem is still about the text in the field:
    // checking it again explains the same problem in the new language.
    if (!m_urlProblem->isHidden()) {
        if (const Result<QUrl> url = ServerUrl::parse(m_url->text()); !url)
            showUrlProblem(url.error().detail);
    }
    // Sent again because the status bar belongs to the window, which cannot rebuild a page's message.
    if (m_status)
        Q_EMIT statusMessage(m_status());
}

void ConnectionPage::showStatus(MessageBuilder build)
{
    m_status = std::move(build);
    Q_EMIT statusMessage(m_status());
}

void ConnectionPage::showLocalMessage(MessageBuilder build, bool problem)
{
    m_localMessage = std::move(build);
    m_localMessageIsProblem = problem;
    setMessage(m_localStatus, m_localMessage(), problem);
}

void ConnectionPage::connectOrDisconnect()
{
    if (m_connected) {
        disconnectFromServer();
        return;
    }
    const Result<QUrl> url = ServerUrl::parse(m_url->text());
    if (!url) {
        showUrlProblem(url.error().detail);
        return;
    }
    connectTo(*url);
}

void ConnectionPage::connectTo(const QUrl &url)
{
    showUrlProblem({});
    m_url->setText(url.toString());
    m_url->setReadOnly(true); // what is shown is what is being watched
    QSettings().setValue(kServerUrlKey, url.toString());
    m_api->setBaseUrl(url);
    m_connected = true;
    m_inFlight = false;
    ++m_generation;
    m_connect->setText(tr("Disconnect"));
    m_health->showChecking();
    showStatus([url] { return tr("Connected to %1").arg(url.toDisplayString()); });
    refresh();
    m_refreshTimer->start();
    Q_EMIT connectedTo(url);
}

void ConnectionPage::disconnectFromServer()
{
    m_connected = false;
    ++m_generation;
    m_refreshTimer->stop();
    m_url->setReadOnly(false);
    m_connect->setText(tr("Connect"));
    m_health->showIdle();
    showStatus([] { return tr("Disconnected"); });
}

void ConnectionPage::refresh()
{
    // A slow server must not collect a queue of probes: skip a beat until the last one answers.
    if (!m_connected || m_inFlight)
        return;
    m_inFlight = true;
    const quint64 generation = m_generation;
    m_api->getJson(QString(api::kReadyz), this, [this, generation](const ApiResult &result) {
        if (generation != m_generation)
            return;
        m_inFlight = false;
        showAnswer(result);
    });
}

void ConnectionPage::showAnswer(const ApiResult &result)
{
    // /readyz sends its report with 503 too, so look at the body before the status.
    if (const std::optional<Readiness> readiness = parseReadiness(result.json)) {
        m_health->showReadiness(*readiness);
        return;
    }
    if (!result.error) {
        m_health->showError(
            tr("The server answered, but not with a health report. Is this a FairDrop server?"));
        return;
    }
    const ApiError &error = *result.error;
    if (!error.reachedServer()) {
        m_health->showUnreachable(error.detail);
        return;
    }
    m_health->showError(error.status > 0 ? tr("HTTP %1: %2").arg(QString::number(error.status), error.detail)
                                         : error.detail);
}

void ConnectionPage::showUrlProblem(const QString &message)
{
    setMessage(m_urlProblem, message, true);
}

void ConnectionPage::startOrStopLocalServer()
{
    if (m_localServer->state() == EmbeddedServer::State::Running) {
        m_localServer->stop();
        return;
    }
    app::Config config;
    // The same data as `fairdrop-server` run by this user (root: /var/lib/fairdrop, which the unprivileged
    // runtime user can reach); a server already running on it refuses with a clear message.
    config.dataDir = app::defaultDataDir();
    config.listenPort = 0; // any free port: several consoles, or a real server, may share the machine
    config.threads = 1;    // one desktop user does not need an IO thread per core
    m_localFailed = false;
    if (m_localServer->start(config))
        showLocalMessage(
            [dataDir = config.dataDir] {
                return tr("Starting the local server in %1 (the first start takes a while)…").arg(dataDir);
            },
            false);
}

void ConnectionPage::onLocalServerStarted(const QUrl &url)
{
    const auto &admin = m_localServer->createdAdmin();
    const bool showAdmin = admin && !admin->password.isEmpty();
    showLocalMessage(
        [url, email = showAdmin ? admin->email : QString(),
         password = showAdmin ? admin->password : QString()] {
            QString text = tr("Local server running at %1.").arg(url.toDisplayString());
            if (!password.isEmpty())
                text += u'\n' + tr("First start: the administrator %1 was created with the password %2. "
                                   "Write it down now; it is not shown again.")
                                    .arg(email, password);
            return text;
        },
        false);
    if (m_connected)
        disconnectFromServer();
    connectTo(url);
}

void ConnectionPage::onLocalServerFailed(const QString &message)
{
    m_localFailed = true;
    showLocalMessage([message] { return tr("The local server failed: %1").arg(message); }, true);
}

void ConnectionPage::onLocalServerStopped()
{
    if (!m_localFailed)
        showLocalMessage([] { return tr("Local server stopped."); }, false);
}

void ConnectionPage::updateLocalServerButton()
{
    switch (m_localServer->state()) {
    case EmbeddedServer::State::Stopped:
        m_localButton->setText(tr("Start local server"));
        break;
    case EmbeddedServer::State::Starting:
        m_localButton->setText(tr("Starting local server…"));
        break;
    case EmbeddedServer::State::Running:
        m_localButton->setText(tr("Stop local server"));
        break;
    case EmbeddedServer::State::Stopping:
        m_localButton->setText(tr("Stopping local server…"));
        break;
    }
    const EmbeddedServer::State state = m_localServer->state();
    m_localButton->setEnabled(state == EmbeddedServer::State::Stopped ||
                              state == EmbeddedServer::State::Running);
}

} // namespace fd::console
