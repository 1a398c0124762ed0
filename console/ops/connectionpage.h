#pragma once

#include "console/app/consolepage.h"

#include <QLoggingCategory>
#include <QUrl>

#include <functional>

class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;

namespace fd::console {

Q_DECLARE_LOGGING_CATEGORY(lcOps)

class ApiClient;
class EmbeddedServer;
class HealthPanel;
struct ApiResult;

// Chooses the server the console talks to (a remote one, or one started in-process) and watches its health.
class ConnectionPage : public ConsolePage
{
    Q_OBJECT
public:
    static constexpr int kRefreshIntervalMs = 5000;

    // Neither is owned; both must outlive the page. Without a local server the page offers none.
    ConnectionPage(ApiClient *api, EmbeddedServer *localServer, QWidget *parent = nullptr);

    QString title() const override { return tr("Connection"); }
    bool isConnected() const { return m_connected; }

Q_SIGNALS:
    // The console now talks to this server (chosen by the user, remembered from last time, or local).
    void connectedTo(const QUrl &url);

protected:
    void changeEvent(QEvent *event) override;

private:
    // Messages are kept as the code that builds them, so a language switch can build them again.
    using MessageBuilder = std::function<QString()>;

    void retranslate();
    void showStatus(MessageBuilder build);
    void showLocalMessage(MessageBuilder build, bool problem);

    void connectOrDisconnect();
    void connectTo(const QUrl &url);
    void disconnectFromServer();
    void refresh();
    void showAnswer(const ApiResult &result);
    void showUrlProblem(const QString &message);

    void startOrStopLocalServer();
    void onLocalServerStarted(const QUrl &url);
    void onLocalServerFailed(const QString &message);
    void onLocalServerStopped();
    void updateLocalServerButton();

    ApiClient *m_api;
    EmbeddedServer *m_localServer;

    QGroupBox *m_serverBox;
    QLabel *m_addressLabel;
    QLineEdit *m_url;
    QPushButton *m_connect;
    QLabel *m_urlProblem;
    QPushButton *m_localButton;
    QLabel *m_localStatus;
    HealthPanel *m_health;
    QTimer *m_refreshTimer;

    bool m_connected = false;
    bool m_inFlight = false;
    // Bumped on every (dis)connect, so a late answer about a previous server is recognised and dropped.
    quint64 m_generation = 0;
    bool m_localFailed = false;
    MessageBuilder m_status;
    MessageBuilder m_localMessage;
    bool m_localMessageIsProblem = false;
};

} // namespace fd::console
