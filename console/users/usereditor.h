#pragma once

#include "console/app/inlinemessage.h"

#include <QJsonObject>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;

namespace fd::console {

class ApiClient;
struct ApiError;
struct ApiResult;

// One account as staff see it, and for admins the changes they may make: role, verification, and
// deactivation (asked first: it revokes the account's sessions and API keys at once) or reactivation.
// Changes carry the account's ETag, so one made over someone else's is refused rather than lost.
class UserEditor : public QWidget
{
    Q_OBJECT
public:
    // The client is not owned and must outlive the editor.
    explicit UserEditor(ApiClient *api, QWidget *parent = nullptr);

    // Shows this account (a listed copy) at once, then its current state read from the server. An empty
    // object shows nothing.
    void showUser(const QJsonObject &user);
    QJsonObject user() const { return m_user; }
    // Admins change accounts; for anyone else the controls are hidden, not merely disabled.
    void setEditable(bool editable);
    static QString describe(const ApiError &error);

Q_SIGNALS:
    // The server's copy of the account after a read or a change.
    void userChanged(const QJsonObject &user);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void read(const QString &id);
    void showDetails();
    void save();
    void toggleActive();
    void patch(const QJsonObject &change, InlineMessage::Builder done);
    void accept(const ApiResult &result);
    void updateControls();

    ApiClient *m_api;
    QLabel *m_title;
    QLabel *m_details;
    QWidget *m_controls;
    QLabel *m_roleLabel;
    QComboBox *m_role;
    QCheckBox *m_verified;
    QPushButton *m_save;
    QPushButton *m_active;
    InlineMessage *m_message;
    QJsonObject m_user;
    QByteArray m_etag; // of m_user as last read; empty until read
    quint64 m_generation = 0;
    bool m_editable = false;
    bool m_busy = false;
};

} // namespace fd::console
