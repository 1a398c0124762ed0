#include "console/users/userspage.h"

#include "console/api/apiclient.h"
#include "console/api/problemtext.h"
#include "console/app/loadstatus.h"
#include "console/session/session.h"
#include "console/users/upgraderequestspanel.h"
#include "console/users/usereditor.h"
#include "console/users/userroles.h"
#include "console/users/usertablemodel.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace fd::console {
namespace {

constexpr int kSearchMax = 320; // the longest email, as the API allows

QString idOf(const QJsonObject &user)
{
    return user.value(QStringLiteral("id")).toString();
}

// A filter's choices: the API's value (empty: no filter) and, later, the words shown.
QComboBox *filterCombo(QWidget *parent, const char *name, const QStringList &values)
{
    auto *combo = new QComboBox(parent);
    combo->setObjectName(QLatin1StringView(name));
    // Wide enough for its longest choice in any language: a cut-off filter cannot be read.
    combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    for (const QString &value : values)
        combo->addItem(QString(), value);
    return combo;
}

} // namespace

UsersPage::UsersPage(ApiClient *api, Session *session, QWidget *parent)
    : ConsolePage(parent), m_api(api), m_session(session), m_model(new UserTableModel(api, this)),
      m_tabs(new QTabWidget(this)), m_accounts(new QWidget(m_tabs)), m_search(new QLineEdit(m_accounts)),
      m_role(filterCombo(m_accounts, "roleFilterCombo", QStringList{QString()} + UserRoles::all())),
      m_active(filterCombo(m_accounts, "activeFilterCombo",
                           {QString(), QStringLiteral("true"), QStringLiteral("false")})),
      m_verified(filterCombo(m_accounts, "verifiedFilterCombo",
                             {QString(), QStringLiteral("true"), QStringLiteral("false")})),
      m_refresh(new QPushButton(m_accounts)), m_table(new QTableView(m_accounts)),
      m_editor(new UserEditor(api, m_accounts)), m_upgrades(new UpgradeRequestsPanel(api, m_tabs)),
      m_searchDelay(new QTimer(this))
{
    setObjectName(QStringLiteral("usersPage"));
    m_tabs->setObjectName(QStringLiteral("usersTabs"));
    m_search->setObjectName(QStringLiteral("userSearchEdit"));
    m_search->setClearButtonEnabled(true);
    m_search->setMaxLength(kSearchMax);
    m_refresh->setObjectName(QStringLiteral("refreshUsersButton"));
    m_table->setObjectName(QStringLiteral("userTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(UserTableModel::EmailColumn, QHeaderView::Stretch);
    auto *loading = new LoadStatus(m_model, &UsersPage::describe, m_accounts);
    loading->setObjectName(QStringLiteral("userLoadStatus"));
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(kSearchDelayMs);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_search, 2);
    for (QComboBox *combo : {m_role, m_active, m_verified})
        filters->addWidget(combo);
    filters->addWidget(m_refresh);
    auto *list = new QVBoxLayout;
    list->addWidget(m_table, 1);
    list->addWidget(loading);
    auto *body = new QHBoxLayout;
    body->addLayout(list, 3);
    body->addWidget(m_editor, 2);
    auto *accounts = new QVBoxLayout(m_accounts);
    accounts->addLayout(filters);
    accounts->addLayout(body, 1);
    m_tabs->addTab(m_accounts, QString());
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);

    const auto shortcut = [this](const QKeySequence &keys, auto slot) {
        auto *shortcut = new QShortcut(keys, this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, slot);
    };
    shortcut(QKeySequence::Find, [this] {
        m_tabs->setCurrentWidget(m_accounts);
        m_search->setFocus();
        m_search->selectAll();
    });
    shortcut(QKeySequence(Qt::Key_F5), &UsersPage::refresh);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, &UsersPage::applyFilters);
    connect(m_searchDelay, &QTimer::timeout, this, &UsersPage::applyFilters);
    for (QComboBox *combo : {m_role, m_active, m_verified})
        connect(combo, &QComboBox::currentIndexChanged, this, &UsersPage::applyFilters);
    connect(m_refresh, &QPushButton::clicked, this, &UsersPage::refresh);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &UsersPage::showSelected);
    connect(m_model, &PagedTableModel::pageLoaded, this, &UsersPage::listLoaded);
    connect(m_editor, &UserEditor::userChanged, m_model, &PagedTableModel::replace);
    connect(m_upgrades, &UpgradeRequestsPanel::userChanged, this, &UsersPage::rereadUser);
    connect(m_upgrades, &UpgradeRequestsPanel::statusMessage, this, [this](const QString &message) {
        if (m_tabs->currentWidget() == m_upgrades)
            Q_EMIT statusMessage(message);
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_tabs->currentWidget() == m_upgrades)
            m_upgrades->refresh();
        else
            reportStatus();
    });
    connect(m_session, &Session::stateChanged, this, [this](Session::State state) {
        if (state == Session::State::Working)
            return;
        applyRole();
        if (state == Session::State::SignedOut) {
            m_model->clear();
            m_editor->showUser({});
        } else if (isVisible()) {
            refresh();
        }
    });
    m_upgrades->hide();
    retranslate();
    applyRole();
}

bool UsersPage::availableTo(const QString &role) const
{
    return role == QLatin1StringView("admin") || role == QLatin1StringView("moderator");
}

QString UsersPage::describe(const ApiError &error)
{
    switch (error.errorCode()) {
    case ErrorCode::Forbidden:
        return tr("Only administrators and moderators may see accounts.");
    case ErrorCode::ValidationFailed:
        return tr("The server did not accept the search.");
    default:
        return ProblemText::common(error);
    }
}

void UsersPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    ConsolePage::changeEvent(event);
}

void UsersPage::showEvent(QShowEvent *event)
{
    ConsolePage::showEvent(event);
    applyRole();
    refresh();
}

void UsersPage::retranslate()
{
    m_model->retranslate();
    m_search->setPlaceholderText(tr("Search by email (Ctrl+F)"));
    m_role->setItemText(0, tr("Any role"));
    for (int i = 1; i < m_role->count(); ++i)
        m_role->setItemText(i, UserRoles::name(m_role->itemData(i).toString()));
    m_active->setItemText(0, tr("Active and deactivated"));
    m_active->setItemText(1, tr("Active only"));
    m_active->setItemText(2, tr("Deactivated only"));
    m_verified->setItemText(0, tr("Verified or not"));
    m_verified->setItemText(1, tr("Verified only"));
    m_verified->setItemText(2, tr("Not verified only"));
    m_refresh->setText(tr("Refresh (F5)"));
    m_tabs->setTabText(m_tabs->indexOf(m_accounts), tr("Accounts"));
    if (const int upgrades = m_tabs->indexOf(m_upgrades); upgrades >= 0)
        m_tabs->setTabText(upgrades, tr("Upgrade requests"));
    if (isVisible())
        reportStatus();
}

// Only admins change accounts and decide upgrade requests; for anyone else those controls do not exist.
void UsersPage::applyRole()
{
    const bool admin = m_session->role() == QLatin1StringView("admin");
    m_editor->setEditable(admin);
    const int upgrades = m_tabs->indexOf(m_upgrades);
    if (admin && upgrades < 0)
        m_tabs->addTab(m_upgrades, tr("Upgrade requests"));
    else if (!admin && upgrades >= 0)
        m_tabs->removeTab(upgrades);
    if (!admin)
        m_upgrades->hide();
}

void UsersPage::refresh()
{
    if (m_session->state() != Session::State::SignedIn)
        return;
    applyFilters();
    if (m_tabs->currentWidget() == m_upgrades)
        m_upgrades->refresh();
}

// Any change of the filters starts the list over; answers for the filters before are dropped.
void UsersPage::applyFilters()
{
    m_searchDelay->stop();
    if (m_session->state() != Session::State::SignedIn)
        return;
    m_model->load(QStringLiteral("/api/v1/admin/users"),
                  {{QStringLiteral("q"), m_search->text().trimmed()},
                   {QStringLiteral("role"), m_role->currentData().toString()},
                   {QStringLiteral("is_active"), m_active->currentData().toString()},
                   {QStringLiteral("is_verified"), m_verified->currentData().toString()}});
}

void UsersPage::showSelected()
{
    if (m_restoringSelection)
        return;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    m_editor->showUser(rows.isEmpty() ? QJsonObject() : m_model->item(rows.first().row()));
}

// The account being looked at stays selected across a refresh; one the new list lacks leaves the editor.
void UsersPage::listLoaded()
{
    const QString shown = idOf(m_editor->user());
    if (!shown.isEmpty() && m_table->selectionModel()->selectedRows().isEmpty()) {
        const int row = m_model->rowOf(shown);
        if (row >= 0) {
            m_restoringSelection = true;
            m_table->selectRow(row);
            m_restoringSelection = false;
        } else if (!m_model->hasMore()) {
            m_editor->showUser({});
        }
    }
    reportStatus();
}

void UsersPage::reportStatus()
{
    const int count = m_model->rowCount();
    Q_EMIT statusMessage(m_model->hasMore() ? tr("%n user(s) listed; scroll down for more.", nullptr, count)
                                            : tr("%n user(s) listed.", nullptr, count));
}

// A decision elsewhere changed this account: its row (and the editor, when it shows it) catch up.
void UsersPage::rereadUser(const QString &id)
{
    if (idOf(m_editor->user()) == id) {
        m_editor->showUser(m_editor->user());
        return;
    }
    if (m_model->rowOf(id) < 0)
        return;
    m_api->getJson(QStringLiteral("/api/v1/admin/users/") + id, this, [this](const ApiResult &result) {
        if (result.ok())
            m_model->replace(result.json.object());
    });
}

} // namespace fd::console
