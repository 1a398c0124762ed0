#pragma once

#include "console/app/consolepage.h"

class QComboBox;
class QLineEdit;
class QPushButton;
class QTabWidget;
class QTableView;
class QTimer;

namespace fd::console {

class ApiClient;
class Session;
class UpgradeRequestsPanel;
class UserEditor;
class UserTableModel;
struct ApiError;

// The accounts, for staff: searched by email and filtered by role, activity and verification, paged from
// the server as the list scrolls. Admins change the selected account and decide upgrade requests;
// moderators only read (the controls to change anything are not shown to them at all).
class UsersPage : public ConsolePage
{
    Q_OBJECT
public:
    // How long typing in the search field pauses before the list is asked for.
    static constexpr int kSearchDelayMs = 300;

    // Neither is owned; both must outlive the page.
    UsersPage(ApiClient *api, Session *session, QWidget *parent = nullptr);

    QString title() const override { return tr("Users"); }
    bool availableTo(const QString &role) const override;
    static QString describe(const ApiError &error);

    void refresh();

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void retranslate();
    void applyRole();
    void applyFilters();
    void showSelected();
    void listLoaded();
    void reportStatus();
    void rereadUser(const QString &id);

    ApiClient *m_api;
    Session *m_session;
    UserTableModel *m_model;
    QTabWidget *m_tabs;
    QWidget *m_accounts;
    QLineEdit *m_search;
    QComboBox *m_role;
    QComboBox *m_active;
    QComboBox *m_verified;
    QPushButton *m_refresh;
    QTableView *m_table;
    UserEditor *m_editor;
    UpgradeRequestsPanel *m_upgrades;
    QTimer *m_searchDelay;
    bool m_restoringSelection = false;
};

} // namespace fd::console
