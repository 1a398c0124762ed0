#include "console/orders/orderspage.h"

#include "console/api/apiclient.h"
#include "console/api/problemtext.h"
#include "console/app/loadstatus.h"
#include "console/orders/orderdetails.h"
#include "console/orders/orderstatuses.h"
#include "console/orders/ordertablemodel.h"
#include "console/session/session.h"

#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QTableView>
#include <QUuid>
#include <QVBoxLayout>

namespace fd::console {
namespace {

// The time filter's choices, in hours back from now (0: any time).
constexpr int kPeriodHours[] = {0, 24, 24 * 7, 24 * 30};

QString idOf(const QJsonObject &order)
{
    return order.value(QStringLiteral("id")).toString();
}

} // namespace

OrdersPage::OrdersPage(ApiClient *api, Session *session, QWidget *parent)
    : ConsolePage(parent), m_api(api), m_session(session), m_model(new OrderTableModel(api, this)),
      m_status(new QComboBox(this)), m_period(new QComboBox(this)), m_buyer(new QLineEdit(this)),
      m_product(new QLineEdit(this)), m_refresh(new QPushButton(this)),
      m_filterMessage(new InlineMessage(this)), m_table(new QTableView(this)),
      m_details(new OrderDetails(api, this))
{
    setObjectName(QStringLiteral("ordersPage"));
    m_status->setObjectName(QStringLiteral("orderStatusFilterCombo"));
    m_status->addItem(QString(), QString());
    for (const QString &status : OrderStatuses::all())
        m_status->addItem(QString(), status);
    m_period->setObjectName(QStringLiteral("orderPeriodFilterCombo"));
    for (int hours : kPeriodHours)
        m_period->addItem(QString(), hours);
    m_buyer->setObjectName(QStringLiteral("orderBuyerFilterEdit"));
    m_buyer->setClearButtonEnabled(true);
    m_product->setObjectName(QStringLiteral("orderProductFilterEdit"));
    m_product->setClearButtonEnabled(true);
    m_refresh->setObjectName(QStringLiteral("refreshOrdersButton"));
    m_filterMessage->setObjectName(QStringLiteral("orderFilterMessageLabel"));
    m_table->setObjectName(QStringLiteral("orderTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    auto *loading = new LoadStatus(m_model, &OrdersPage::describe, this);
    loading->setObjectName(QStringLiteral("orderLoadStatus"));

    for (QComboBox *combo : {m_status, m_period})
        combo->setSizeAdjustPolicy(QComboBox::AdjustToContents); // never cut off, in any language
    auto *filters = new QHBoxLayout;
    filters->addWidget(m_status);
    filters->addWidget(m_period);
    filters->addWidget(m_buyer, 1);
    filters->addWidget(m_product, 1);
    filters->addStretch(); // grows only while the ID fields are hidden (a seller's page)
    filters->addWidget(m_refresh);
    auto *list = new QVBoxLayout;
    list->addWidget(m_table, 1);
    list->addWidget(loading);
    auto *body = new QHBoxLayout;
    body->addLayout(list, 1);
    body->addWidget(m_details, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_filterMessage);
    layout->addLayout(body, 1);

    auto *refreshKey = new QShortcut(QKeySequence(Qt::Key_F5), this);
    refreshKey->setContext(Qt::WidgetWithChildrenShortcut);
    connect(refreshKey, &QShortcut::activated, this, &OrdersPage::refresh);
    connect(m_refresh, &QPushButton::clicked, this, &OrdersPage::refresh);
    for (QComboBox *combo : {m_status, m_period})
        connect(combo, &QComboBox::currentIndexChanged, this, [this] { applyFilters(false); });
    for (QLineEdit *edit : {m_buyer, m_product})
        connect(edit, &QLineEdit::editingFinished, this, [this] { applyFilters(false); });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &OrdersPage::showSelected);
    connect(m_model, &PagedTableModel::pageLoaded, this, &OrdersPage::listLoaded);
    connect(m_details, &OrderDetails::orderRead, m_model, &PagedTableModel::replace);
    connect(m_session, &Session::stateChanged, this, [this](Session::State state) {
        if (state == Session::State::Working)
            return;
        applyRole();
        if (state == Session::State::SignedOut) {
            m_model->clear();
            m_listedPath.clear();
            m_details->showOrder({});
        } else if (isVisible()) {
            refresh();
        }
    });
    retranslate();
    applyRole();
}

bool OrdersPage::availableTo(const QString &role) const
{
    return role == QLatin1StringView("admin") || role == QLatin1StringView("moderator") ||
           role == QLatin1StringView("seller") || role == QLatin1StringView("seller_b2b");
}

bool OrdersPage::staff() const
{
    const QString role = m_session->role();
    return role == QLatin1StringView("admin") || role == QLatin1StringView("moderator");
}

QString OrdersPage::describe(const ApiError &error)
{
    switch (error.errorCode()) {
    case ErrorCode::Forbidden:
        return tr("Your role may not list these orders.");
    case ErrorCode::ValidationFailed:
        return tr("The server did not accept the filters.");
    default:
        return ProblemText::common(error);
    }
}

void OrdersPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    ConsolePage::changeEvent(event);
}

void OrdersPage::showEvent(QShowEvent *event)
{
    ConsolePage::showEvent(event);
    applyRole();
    refresh();
}

void OrdersPage::retranslate()
{
    m_model->retranslate();
    m_status->setItemText(0, tr("Any status"));
    for (int i = 1; i < m_status->count(); ++i)
        m_status->setItemText(i, OrderStatuses::name(m_status->itemData(i).toString()));
    m_period->setItemText(0, tr("Any time"));
    m_period->setItemText(1, tr("Last 24 hours"));
    m_period->setItemText(2, tr("Last 7 days"));
    m_period->setItemText(3, tr("Last 30 days"));
    m_buyer->setPlaceholderText(tr("Buyer ID"));
    m_product->setPlaceholderText(tr("Product ID"));
    m_refresh->setText(tr("Refresh (F5)"));
    if (isVisible())
        reportStatus();
}

// Staff filter by time, buyer and product too; a seller's list has only the status filter.
void OrdersPage::applyRole()
{
    const bool all = staff();
    for (QWidget *filter : std::initializer_list<QWidget *>{m_period, m_buyer, m_product})
        filter->setVisible(all);
    m_details->setStaffView(all);
}

void OrdersPage::refresh()
{
    applyFilters(true);
}

void OrdersPage::applyFilters(bool force)
{
    if (m_session->state() != Session::State::SignedIn)
        return;
    const bool all = staff();
    const QString path =
        all ? QStringLiteral("/api/v1/admin/orders") : QStringLiteral("/api/v1/seller/orders");
    QueryItems query{{QStringLiteral("status"), m_status->currentData().toString()}};
    if (all) {
        const std::pair<const char *, QLineEdit *> ids[] = {{"user_id", m_buyer}, {"product_id", m_product}};
        for (const auto &[name, edit] : ids) {
            const QString text = edit->text().trimmed();
            if (text.isEmpty())
                continue;
            const QUuid id = QUuid::fromString(text);
            if (id.isNull()) {
                const bool buyer = edit == m_buyer;
                m_filterMessage->showText(
                    [buyer] {
                        return buyer ? tr("The buyer ID is not an ID: copy it from an order's details.")
                                     : tr("The product ID is not an ID: copy it from the product.");
                    },
                    true);
                return;
            }
            query.append({QString::fromLatin1(name), id.toString(QUuid::WithoutBraces)});
        }
    }
    // The period is compared as chosen, not as a time: the same choice later is the same filter.
    const int hours = all ? m_period->currentData().toInt() : 0;
    m_filterMessage->clear();
    if (!force && path == m_listedPath && query == m_listedQuery && hours == m_listedHours)
        return;
    m_listedPath = path;
    m_listedQuery = query;
    m_listedHours = hours;
    if (hours > 0)
        query.append({QStringLiteral("from"),
                      QDateTime::currentDateTimeUtc().addSecs(-qint64(hours) * 3600).toString(Qt::ISODate)});
    m_model->load(path, query);
}

void OrdersPage::showSelected()
{
    if (m_restoringSelection)
        return;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    m_details->showOrder(rows.isEmpty() ? QJsonObject() : m_model->item(rows.first().row()));
}

// The order being looked at stays selected across a refresh; one the new list lacks leaves the details.
void OrdersPage::listLoaded()
{
    const QString shown = idOf(m_details->order());
    if (!shown.isEmpty() && m_table->selectionModel()->selectedRows().isEmpty()) {
        const int row = m_model->rowOf(shown);
        if (row >= 0) {
            m_restoringSelection = true;
            m_table->selectRow(row);
            m_restoringSelection = false;
        } else if (!m_model->hasMore()) {
            m_details->showOrder({});
        }
    }
    reportStatus();
}

void OrdersPage::reportStatus()
{
    const int count = m_model->rowCount();
    Q_EMIT statusMessage(m_model->hasMore() ? tr("%n order(s) listed; scroll down for more.", nullptr, count)
                                            : tr("%n order(s) listed.", nullptr, count));
}

} // namespace fd::console
