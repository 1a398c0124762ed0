#include "console/audit/auditpage.h"

#include "console/api/apiresult.h"
#include "console/api/problemtext.h"
#include "console/app/displaytime.h"
#include "console/app/inlinemessage.h"
#include "console/audit/auditdiffview.h"
#include "console/audit/auditfilterbar.h"
#include "console/audit/auditlogmodel.h"
#include "console/session/session.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace fd::console {

AuditPage::AuditPage(ApiClient *api, Session *session, QWidget *parent)
    : ConsolePage(parent), m_session(session), m_model(new AuditLogModel(api, this)),
      m_filters(new AuditFilterBar(this)), m_table(new QTableView(this)), m_diff(new AuditDiffView(this)),
      m_progress(new QProgressBar(this)), m_loading(new InlineMessage(this)),
      m_message(new InlineMessage(this)), m_retry(new QPushButton(this)), m_refresh(new QPushButton(this))
{
    setObjectName(QStringLiteral("auditPage"));
    m_table->setObjectName(QStringLiteral("auditTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    // Fixed heights and no measuring of contents: scrolling through 100,000 rows touches only those shown.
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    const auto fit = [this](AuditLogModel::Column column, const QString &sample) {
        m_table->horizontalHeader()->resizeSection(column,
                                                   m_table->fontMetrics().horizontalAdvance(sample) + 16);
    };
    fit(AuditLogModel::TimeColumn, displayTime(QStringLiteral("2026-12-31T23:59:59Z")));
    fit(AuditLogModel::ActionColumn, QStringLiteral("user.verification_change"));
    fit(AuditLogModel::TargetIdColumn, QStringLiteral("00000000-0000-0000-0000-000000000000"));
    fit(AuditLogModel::ActorColumn, QStringLiteral("00000000-0000-0000-0000-000000000000"));
    fit(AuditLogModel::IpColumn, QStringLiteral("255.255.255.255"));
    m_diff->setObjectName(QStringLiteral("auditDiffView"));
    m_progress->setObjectName(QStringLiteral("auditProgressBar"));
    m_progress->setRange(0, 0); // busy: the number of entries is not known in advance
    m_progress->setMaximumWidth(120);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_loading->setObjectName(QStringLiteral("auditLoadingLabel"));
    m_message->setObjectName(QStringLiteral("auditMessageLabel"));
    m_retry->setObjectName(QStringLiteral("auditRetryButton"));
    m_retry->hide();
    m_refresh->setObjectName(QStringLiteral("refreshAuditButton"));

    // The table takes the width (ids are long); the selected entry is read below it.
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_diff);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);
    auto *status = new QHBoxLayout;
    status->addWidget(m_progress);
    status->addWidget(m_loading);
    status->addWidget(m_message, 1);
    status->addWidget(m_retry);
    status->addWidget(m_refresh);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_filters);
    layout->addWidget(splitter, 1);
    layout->addLayout(status);

    auto *reload = new QShortcut(QKeySequence(Qt::Key_F5), this);
    reload->setContext(Qt::WidgetWithChildrenShortcut);
    connect(reload, &QShortcut::activated, this, &AuditPage::refresh);
    connect(m_refresh, &QPushButton::clicked, this, &AuditPage::refresh);
    connect(m_retry, &QPushButton::clicked, this, [this] {
        m_message->clear();
        m_retry->hide();
        m_model->retry();
    });
    connect(m_filters, &AuditFilterBar::applied, this, &AuditPage::applyFilters);
    connect(m_model, &AuditLogModel::loadingChanged, this, &AuditPage::showLoading);
    connect(m_model, &AuditLogModel::pageLoaded, this, &AuditPage::showPageLoaded);
    connect(m_model, &AuditLogModel::fetchFailed, this, &AuditPage::showFailure);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { m_diff->showEntry(m_model->entry(current.row())); });
    // A reset drops the current row without a signal: the entry shown is gone with it.
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { m_diff->showEntry({}); });
    connect(m_session, &Session::stateChanged, this, [this](Session::State state) {
        if (state == Session::State::SignedIn) {
            if (isVisible())
                load();
            return;
        }
        // Nothing read for one user stays on screen for the next.
        m_loadedFor.clear();
        m_model->clear();
        m_message->clear();
        m_retry->hide();
    });
    retranslate();
}

bool AuditPage::availableTo(const QString &role) const
{
    return role == QLatin1StringView("admin") || role == QLatin1StringView("moderator");
}

QString AuditPage::describe(const ApiError &error)
{
    // The model words an answer that is not a page of the log itself.
    if (error.kind == ApiError::Kind::BadResponse)
        return error.detail;
    switch (error.errorCode()) {
    case ErrorCode::Forbidden:
        return tr("Only administrators and moderators may read the audit log.");
    case ErrorCode::ValidationFailed:
        return tr("The server refused these filters. Check the actor and the time range.");
    default:
        return ProblemText::common(error);
    }
}

void AuditPage::refresh()
{
    load();
}

void AuditPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    ConsolePage::changeEvent(event);
}

void AuditPage::showEvent(QShowEvent *event)
{
    ConsolePage::showEvent(event);
    // Read once per signed-in user; scrolling and filters take it from there (F5 reads it afresh).
    if (m_session->state() == Session::State::SignedIn && m_loadedFor != m_session->userId())
        load();
}

void AuditPage::retranslate()
{
    m_retry->setText(tr("&Retry"));
    m_refresh->setText(tr("Refresh (F5)"));
    m_model->retranslate();
    if (m_reported)
        reportCount();
}

void AuditPage::applyFilters(const AuditQuery &query)
{
    m_applied = query;
    load();
}

// Reads the log under the filters last applied, from the newest entry.
void AuditPage::load()
{
    if (m_session->state() != Session::State::SignedIn)
        return;
    m_loadedFor = m_session->userId();
    m_message->clear();
    m_retry->hide();
    m_model->setQuery(m_applied);
}

void AuditPage::showLoading(bool loading)
{
    m_progress->setVisible(loading);
    if (loading)
        m_loading->showText([] { return tr("Loading entries…"); }, false);
    else
        m_loading->clear();
}

void AuditPage::showPageLoaded()
{
    m_message->clear();
    m_retry->hide();
    if (m_model->atEnd() && m_model->rowCount() == 0)
        m_message->showText([] { return tr("No entries match these filters."); }, false);
    reportCount();
}

void AuditPage::showFailure(const ApiError &error)
{
    m_message->showText([error] { return describe(error); }, true);
    m_retry->setVisible(error.transient());
}

void AuditPage::reportCount()
{
    m_reported = true;
    Q_EMIT statusMessage(tr("%n entry(ies) loaded.", nullptr, m_model->rowCount()));
}

} // namespace fd::console
