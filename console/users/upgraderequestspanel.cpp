#include "console/users/upgraderequestspanel.h"

#include "console/api/apiclient.h"
#include "console/api/problemtext.h"
#include "console/app/displaytime.h"
#include "console/app/loadstatus.h"
#include "console/users/upgraderequestmodel.h"
#include "console/users/userroles.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QUuid>
#include <QVBoxLayout>

namespace fd::console {
namespace {

constexpr int kReasonMax = 2000;

QString idOf(const QJsonObject &request)
{
    return request.value(QStringLiteral("id")).toString();
}

} // namespace

UpgradeRequestsPanel::UpgradeRequestsPanel(ApiClient *api, QWidget *parent)
    : QWidget(parent), m_api(api), m_model(new UpgradeRequestModel(api, this)), m_table(new QTableView(this)),
      m_details(new QLabel(this)), m_reasonLabel(new QLabel(this)), m_reason(new QLineEdit(this)),
      m_approve(new QPushButton(this)), m_reject(new QPushButton(this)), m_refresh(new QPushButton(this)),
      m_message(new InlineMessage(this))
{
    setObjectName(QStringLiteral("upgradeRequestsPanel"));
    m_table->setObjectName(QStringLiteral("upgradeRequestTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(UpgradeRequestModel::MessageColumn,
                                                      QHeaderView::Stretch);
    m_details->setObjectName(QStringLiteral("upgradeDetailsLabel"));
    m_details->setTextFormat(Qt::PlainText);
    m_details->setWordWrap(true);
    m_reason->setObjectName(QStringLiteral("upgradeReasonEdit"));
    m_reason->setMaxLength(kReasonMax);
    m_reasonLabel->setBuddy(m_reason);
    m_approve->setObjectName(QStringLiteral("approveUpgradeButton"));
    m_reject->setObjectName(QStringLiteral("rejectUpgradeButton"));
    m_refresh->setObjectName(QStringLiteral("refreshUpgradesButton"));
    m_message->setObjectName(QStringLiteral("upgradeMessageLabel"));
    auto *loading = new LoadStatus(m_model, &UpgradeRequestsPanel::describe, this);
    loading->setObjectName(QStringLiteral("upgradeLoadStatus"));

    auto *reasonRow = new QHBoxLayout;
    reasonRow->addWidget(m_reasonLabel);
    reasonRow->addWidget(m_reason, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_approve);
    buttons->addWidget(m_reject);
    buttons->addStretch(1);
    buttons->addWidget(m_refresh);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addWidget(loading);
    layout->addWidget(m_details);
    layout->addLayout(reasonRow);
    layout->addLayout(buttons);
    layout->addWidget(m_message);

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &UpgradeRequestsPanel::showSelected);
    connect(m_model, &QAbstractItemModel::modelReset, this, &UpgradeRequestsPanel::showSelected);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &UpgradeRequestsPanel::showSelected);
    connect(m_model, &PagedTableModel::pageLoaded, this,
            [this] { Q_EMIT statusMessage(tr("%n upgrade request(s) waiting.", nullptr, waiting())); });
    connect(m_approve, &QPushButton::clicked, this, &UpgradeRequestsPanel::approve);
    connect(m_reject, &QPushButton::clicked, this, &UpgradeRequestsPanel::reject);
    connect(m_reason, &QLineEdit::returnPressed, this, &UpgradeRequestsPanel::reject);
    connect(m_refresh, &QPushButton::clicked, this, &UpgradeRequestsPanel::refresh);
    retranslate();
}

QString UpgradeRequestsPanel::describe(const ApiError &error)
{
    switch (error.errorCode()) {
    case ErrorCode::UpgradeRequestDecided:
        return tr("The request was already decided; the list was refreshed.");
    case ErrorCode::Conflict:
        return tr("The account is staff now; reject the request instead.");
    case ErrorCode::NotFound:
        return tr("The request or its account no longer exists.");
    case ErrorCode::Forbidden:
        return tr("Only administrators may decide upgrade requests.");
    case ErrorCode::ValidationFailed:
        return tr("The reason is too long.");
    default:
        return ProblemText::common(error);
    }
}

void UpgradeRequestsPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void UpgradeRequestsPanel::retranslate()
{
    m_model->retranslate();
    m_reasonLabel->setText(tr("Rejection &reason:"));
    m_reason->setPlaceholderText(tr("Shown to the user"));
    m_approve->setText(tr("&Approve"));
    m_reject->setText(tr("Re&ject"));
    m_refresh->setText(tr("Refresh"));
    showSelected();
}

void UpgradeRequestsPanel::refresh()
{
    m_model->load(QStringLiteral("/api/v1/admin/upgrade-requests"),
                  {{QStringLiteral("status"), QStringLiteral("PENDING")}});
}

int UpgradeRequestsPanel::waiting() const
{
    return m_model->rowCount();
}

QJsonObject UpgradeRequestsPanel::selected() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QJsonObject() : m_model->item(rows.first().row());
}

void UpgradeRequestsPanel::showSelected()
{
    const QJsonObject request = selected();
    const bool any = !request.isEmpty();
    m_approve->setEnabled(any && !m_busy);
    m_reject->setEnabled(any && !m_busy);
    m_reason->setEnabled(any && !m_busy);
    if (!any) {
        m_details->setText(m_model->rowCount() == 0 ? tr("No upgrade request is waiting.")
                                                    : tr("Choose a request in the list."));
        return;
    }
    const QString message = request.value(QStringLiteral("message")).toString();
    m_details->setText(tr("%1 asks to become: %2\nAsked: %3\n\n%4")
                           .arg(request.value(QStringLiteral("user_email")).toString(),
                                UserRoles::name(request.value(QStringLiteral("requested_role")).toString()),
                                displayTime(request.value(QStringLiteral("created_at")).toString()),
                                message.isEmpty() ? tr("(no message)") : message));
}

void UpgradeRequestsPanel::approve()
{
    if (m_approve->isEnabled())
        decide(QStringLiteral("approve"), {});
}

void UpgradeRequestsPanel::reject()
{
    if (!m_reject->isEnabled())
        return;
    const QString reason = m_reason->text().trimmed();
    if (reason.isEmpty()) {
        m_message->showText([] { return tr("Write the reason for the user first."); }, true);
        m_reason->setFocus();
        return;
    }
    decide(QStringLiteral("reject"), {{QStringLiteral("reason"), reason}});
}

void UpgradeRequestsPanel::decide(const QString &action, const QJsonObject &body)
{
    const QJsonObject request = selected();
    const QString id = idOf(request);
    m_busy = true;
    showSelected();
    m_message->showText([] { return tr("Sending…"); }, false);
    const bool approving = action == QLatin1StringView("approve");
    m_api->send(
        "POST", QStringLiteral("/api/v1/admin/upgrade-requests/%1/%2").arg(id, action), body, this,
        [this, id, approving, request](const ApiResult &result) {
            m_busy = false;
            if (!result.ok()) {
                const ApiError error = *result.error;
                m_message->showText([error] { return describe(error); }, true);
                if (error.errorCode() == ErrorCode::UpgradeRequestDecided ||
                    error.errorCode() == ErrorCode::NotFound)
                    refresh();
                showSelected();
                return;
            }
            const QString email = request.value(QStringLiteral("user_email")).toString();
            const QString role = request.value(QStringLiteral("requested_role")).toString();
            if (approving)
                m_message->showText(
                    [email, role] {
                        return tr("Approved: %1 is now %2 and verified.").arg(email, UserRoles::name(role));
                    },
                    false);
            else
                m_message->showText([email] { return tr("Rejected: %1 is shown your reason.").arg(email); },
                                    false);
            m_reason->clear();
            m_model->remove(id);
            showSelected();
            Q_EMIT statusMessage(tr("%n upgrade request(s) waiting.", nullptr, waiting()));
            Q_EMIT userChanged(request.value(QStringLiteral("user_id")).toString());
        },
        {{"Idempotency-Key", QUuid::createUuid().toByteArray(QUuid::WithoutBraces)}});
}

} // namespace fd::console
