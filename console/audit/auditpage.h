#pragma once

#include "console/app/consolepage.h"
#include "console/audit/auditquery.h"

class QProgressBar;
class QPushButton;
class QTableView;

namespace fd::console {

class ApiClient;
class AuditDiffView;
class AuditFilterBar;
class AuditLogModel;
class InlineMessage;
class Session;
struct ApiError;

// The audit log for admins and moderators (reading only): entries newest first, read from the server as
// the table scrolls, narrowed by the filter bar, and the selected entry's before/after side by side.
class AuditPage : public ConsolePage
{
    Q_OBJECT
public:
    // Neither is owned; both must outlive the page.
    AuditPage(ApiClient *api, Session *session, QWidget *parent = nullptr);

    QString title() const override { return tr("Audit log"); }
    bool availableTo(const QString &role) const override;
    static QString describe(const ApiError &error);
    // Whether asking again may help (the network, a busy server), as opposed to a refusal.

    AuditLogModel *model() const { return m_model; }
    // Reads the log again from the newest entry, under the filters last applied.
    void refresh();

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void retranslate();
    void applyFilters(const AuditQuery &query);
    void load();
    void showLoading(bool loading);
    void showPageLoaded();
    void showFailure(const ApiError &error);
    void reportCount();

    Session *m_session;
    AuditLogModel *m_model;
    AuditFilterBar *m_filters;
    QTableView *m_table;
    AuditDiffView *m_diff;
    QProgressBar *m_progress;
    InlineMessage *m_loading;
    InlineMessage *m_message;
    QPushButton *m_retry;
    QPushButton *m_refresh;
    AuditQuery m_applied;    // the filters last applied
    QString m_loadedFor;     // the user whose log is shown: another sign-in reads it afresh
    bool m_reported = false; // a count was reported to the status bar (re-sent in a new language)
};

} // namespace fd::console
