#include "console/orders/orderdetails.h"

#include "console/api/apiclient.h"
#include "console/api/problemtext.h"
#include "console/app/displaytime.h"
#include "console/orders/orderstatuses.h"
#include "console/orders/ordertablemodel.h"

#include <QEvent>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace fd::console {
namespace {

QString idOf(const QJsonObject &order)
{
    return order.value(QStringLiteral("id")).toString();
}

} // namespace

OrderDetails::OrderDetails(ApiClient *api, QWidget *parent)
    : QWidget(parent), m_api(api), m_title(new QLabel(this)), m_summary(new QLabel(this)),
      m_lines(new QTableWidget(0, LineColumnCount, this)), m_total(new QLabel(this)),
      m_address(new QLabel(this)), m_message(new InlineMessage(this))
{
    setObjectName(QStringLiteral("orderDetails"));
    m_title->setObjectName(QStringLiteral("orderTitleLabel"));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont heading = m_title->font();
    heading.setBold(true);
    m_title->setFont(heading);
    m_summary->setObjectName(QStringLiteral("orderSummaryLabel"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_lines->setObjectName(QStringLiteral("orderLinesTable"));
    m_lines->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_lines->setSelectionMode(QAbstractItemView::NoSelection);
    m_lines->setWordWrap(false);
    m_lines->verticalHeader()->hide();
    m_lines->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_lines->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_total->setObjectName(QStringLiteral("orderTotalLabel"));
    m_total->setTextFormat(Qt::PlainText);
    QFont strong = m_total->font();
    strong.setBold(true);
    m_total->setFont(strong);
    m_total->setAlignment(Qt::AlignRight);
    m_address->setObjectName(QStringLiteral("orderAddressLabel"));
    m_address->setTextFormat(Qt::PlainText);
    m_address->setWordWrap(true);
    m_address->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setObjectName(QStringLiteral("orderMessageLabel"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_summary);
    layout->addWidget(m_lines, 1);
    layout->addWidget(m_total);
    layout->addWidget(m_address);
    layout->addWidget(m_message);
    layout->addStretch(); // takes the room the lines leave while no order is shown
    retranslate();
}

QString OrderDetails::describe(const ApiError &error)
{
    switch (error.errorCode()) {
    case ErrorCode::NotFound:
        return tr("The order no longer exists, or is not yours to see.");
    case ErrorCode::Forbidden:
        return tr("You may not see this order.");
    default:
        return ProblemText::common(error);
    }
}

void OrderDetails::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void OrderDetails::retranslate()
{
    m_lines->setHorizontalHeaderLabels({tr("Product"), tr("Quantity"), tr("Unit price"), tr("Line total")});
    showCurrent();
}

void OrderDetails::setStaffView(bool staff)
{
    m_staff = staff;
    showCurrent();
}

void OrderDetails::showOrder(const QJsonObject &order)
{
    if (idOf(order) != idOf(m_order))
        m_message->clear();
    m_order = order;
    showCurrent();
    const quint64 generation = ++m_generation;
    if (order.isEmpty())
        return;
    m_api->getJson(QStringLiteral("/api/v1/orders/") + idOf(order), this,
                   [this, generation](const ApiResult &result) {
                       if (generation != m_generation)
                           return; // another order was chosen meanwhile
                       if (!result.ok()) {
                           const ApiError error = *result.error;
                           m_message->showText([error] { return describe(error); }, true);
                           return;
                       }
                       m_message->clear();
                       m_order = result.json.object();
                       showCurrent();
                       Q_EMIT orderRead(m_order);
                   });
}

void OrderDetails::showCurrent()
{
    const bool any = !m_order.isEmpty();
    m_lines->setVisible(any);
    m_total->setVisible(any);
    m_address->setVisible(any);
    if (!any) {
        m_title->setText(tr("No order selected"));
        m_summary->setText(tr("Choose an order in the list to see its lines here."));
        m_lines->setRowCount(0);
        return;
    }
    const QString id = idOf(m_order);
    m_title->setText(tr("Order %1").arg(OrderTableModel::shortId(id)));
    QStringList facts{
        tr("Status: %1").arg(OrderStatuses::name(m_order.value(QStringLiteral("status")).toString())),
        tr("Number: %1").arg(id)};
    if (m_staff)
        facts.append(tr("Buyer: %1").arg(m_order.value(QStringLiteral("buyer_id")).toString()));
    const auto time = [&](const char *member, const QString &label) {
        const QString value = m_order.value(QLatin1StringView(member)).toString();
        if (!value.isEmpty())
            facts.append(label.arg(displayTime(value)));
    };
    time("created_at", tr("Placed: %1"));
    if (m_order.value(QStringLiteral("status")).toString() == QLatin1StringView("PENDING"))
        time("expires_at", tr("Payment due by: %1"));
    time("paid_at", tr("Paid: %1"));
    time("shipped_at", tr("Shipped: %1"));
    time("completed_at", tr("Completed: %1"));
    time("closed_at", tr("Closed: %1"));
    m_summary->setText(facts.join(u'\n'));

    const QJsonArray lines = m_order.value(QStringLiteral("items")).toArray();
    m_lines->setRowCount(int(lines.size()));
    for (int row = 0; row < lines.size(); ++row) {
        const QJsonObject line = lines.at(row).toObject();
        const auto cell = [&](int column, const QString &text, bool number) {
            auto *item = new QTableWidgetItem(text);
            item->setToolTip(text);
            if (number)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_lines->setItem(row, column, item);
        };
        cell(NameColumn, line.value(QStringLiteral("name")).toString(), false);
        cell(QuantityColumn, QString::number(line.value(QStringLiteral("quantity")).toInt()), true);
        cell(UnitPriceColumn, OrderTableModel::amount(line.value(QStringLiteral("unit_price"))), true);
        cell(LineTotalColumn, OrderTableModel::amount(line.value(QStringLiteral("line_total"))), true);
    }
    // A seller's total is of their own lines: the order may hold other sellers' too.
    const QString total = OrderTableModel::amount(m_order.value(QStringLiteral("total_amount")));
    m_total->setText(m_staff ? tr("Total: %1").arg(total) : tr("Total of your lines: %1").arg(total));
    const QString address = m_order.value(QStringLiteral("shipping_address")).toString();
    if (!address.isEmpty())
        m_address->setText(tr("Ship to: %1").arg(address));
    else if (m_order.value(QStringLiteral("status")).toString() == QLatin1StringView("PENDING"))
        m_address->setText(tr("The buyer's address is shown once the order is paid."));
    else
        m_address->setText(tr("The buyer's address is not shown for this order."));
}

} // namespace fd::console
