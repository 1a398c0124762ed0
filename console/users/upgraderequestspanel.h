#pragma once

#include "console/app/inlinemessage.h"

#include <QJsonObject>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace fd::console {

class ApiClient;
class UpgradeRequestModel;
struct ApiError;

// The upgrade requests waiting for an admin, oldest first: approve one (the account gets the role it asked
// for and is verified) or reject it with a reason the user is shown.
class UpgradeRequestsPanel : public QWidget
{
    Q_OBJECT
public:
    // The client is not owned and must outlive the panel.
    explicit UpgradeRequestsPanel(ApiClient *api, QWidget *parent = nullptr);

    void refresh();
    int waiting() const;
    static QString describe(const ApiError &error);

Q_SIGNALS:
    // A decision changed this account (its role and verification).
    void userChanged(const QString &userId);
    void statusMessage(const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void showSelected();
    void approve();
    void reject();
    void decide(const QString &action, const QJsonObject &body);
    QJsonObject selected() const;

    ApiClient *m_api;
    UpgradeRequestModel *m_model;
    QTableView *m_table;
    QLabel *m_details;
    QLabel *m_reasonLabel;
    QLineEdit *m_reason;
    QPushButton *m_approve;
    QPushButton *m_reject;
    QPushButton *m_refresh;
    InlineMessage *m_message;
    bool m_busy = false;
};

} // namespace fd::console
