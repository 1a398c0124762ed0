#pragma once

#include "console/app/consolepage.h"
#include "console/app/inlinemessage.h"

#include <QJsonObject>

#include <functional>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTimer;

namespace fd::console {

class ApiClient;
class Session;
struct ApiError;
struct ApiResult;

// The moderation queue, oldest first, worked from the keyboard: J/K move, C claims, A approves, R rejects
// with the reason typed below (Return sends it). The queue refreshes by itself and keeps the selection.
class ModerationPage : public ConsolePage
{
    Q_OBJECT
public:
    static constexpr int kRefreshIntervalMs = 15'000;

    // Neither is owned; both must outlive the page.
    ModerationPage(ApiClient *api, Session *session, QWidget *parent = nullptr);

    QString title() const override { return tr("Moderation"); }
    bool availableTo(const QString &role) const override;
    static QString describe(const ApiError &error);

    void refresh();

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void retranslate();
    void showQueue(const ApiResult &result);
    void showSelected();
    void move(int step);
    void claim();
    void approve();
    void reject();
    // POST /inventory/{id}/<action>; the product leaves the queue when `leaves`.
    void act(const QString &action, const QJsonObject &body, bool leaves);
    QJsonObject selected() const;

    ApiClient *m_api;
    Session *m_session;
    QListWidget *m_queue;
    QLabel *m_details;
    QLabel *m_reasonLabel;
    QLineEdit *m_reason;
    QPushButton *m_claim;
    QPushButton *m_approve;
    QPushButton *m_reject;
    QPushButton *m_refresh;
    InlineMessage *m_message;
    QTimer *m_timer;
    bool m_busy = false;
};

} // namespace fd::console
