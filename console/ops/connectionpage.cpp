#include "console/ops/connectionpage.h"

#include "common/apipaths.h"
#include "console/api/apiclient.h"
#include "console/api/serverurl.h"
#include "console/embedded/embeddedserver.h"
#include "console/ops/healthpanel.h"

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
    : ConsolePage(parent), m_api(api), m_localServer(localServer), m_url(new QLineEdit(this)),
      m_connect(new QPushButton(tr("Connect"), this)),
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
    m_connect->setObjectName(QStringLiteral("connectButton"));
    m_connect->setDefault(true);
    m_localButton->setObjectName(QStringLiteral("startLocalServerButton"));

    auto *addressLabel = new QLabel(tr("&Address:"), this);
    addressLabel->setBuddy(m_url);
    auto *addressRow = new QHBoxLayout;
    addressRow->addWidget(addressLabel);
    addressRow->addWidget(m_url, 1);
    addressRow->addWidget(m_connect);
    auto *localRow = new QHBoxLayout;
    localRow->addWidget(m_localButton);
    localRow->addStretch(1);

    auto *serverBox = new QGroupBox(tr("Server"), this);
    auto *serverLayout = new QVBoxLayout(serverBox);
    serverLayout->addLayout(addressRow);
    serverLayout->addWidget(m_urlProblem);
    serverLayout->addLayout(localRow);
    serverLayout->addWidget(m_localStatus);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(serverBox);
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
        updateLocalServerButton();
    } else {
        m_localButton->hide();
    }
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
    Q_EMIT statusMessage(tr("Connected to %1").arg(url.toDisplayString()));
    refresh();
    m_refreshTimer->start();
}

void ConnectionPage::disconnectFromServer()
{
    m_connected = false;
    ++m_generation;
    m_refreshTimer->stop();
    m_url->setReadOnly(false);
    m_connect->setText(tr("Connect"));
    m_health->showIdle();
    Q_EMIT statusMessage(tr("Disconnected"));
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
        setMessage(m_localStatus,
                   tr("Starting the local server in %1 (the first start takes a while)…").arg(config.dataDir),
                   false);
}

void ConnectionPage::onLocalServerStarted(const QUrl &url)
{
    QString text = tr("Local server running at %1.").arg(url.toDisplayString());
    const auto &admin = m_localServer->createdAdmin();
    if (admin && !admin->password.isEmpty())
        text += u'\n' + tr("First start: the administrator %1 was created with the password %2. "
                           "Write it down now; it is not shown again.")
                            .arg(admin->email, admin->password);
    setMessage(m_localStatus, text, false);
    if (m_connected)
        disconnectFromServer();
    connectTo(url);
}

void ConnectionPage::onLocalServerFailed(const QString &message)
{
    m_localFailed = true;
    setMessage(m_localStatus, tr("The local server failed: %1").arg(message), true);
}

void ConnectionPage::onLocalServerStopped()
{
    if (!m_localFailed)
        setMessage(m_localStatus, tr("Local server stopped."), false);
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
