#include "console/moderation/moderationpage.h"

#include "console/api/apiclient.h"
#include "console/api/problemtext.h"
#include "console/app/displaytime.h"
#include "console/session/session.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QShortcut>
#include <QTimer>
#include <QUuid>
#include <QVBoxLayout>

namespace fd::console {
namespace {

constexpr int kProductRole = Qt::UserRole; // the product's JSON object

QString idOf(const QJsonObject &product)
{
    return product.value(QStringLiteral("id")).toString();
}

} // namespace

ModerationPage::ModerationPage(ApiClient *api, Session *session, QWidget *parent)
    : ConsolePage(parent), m_api(api), m_session(session), m_queue(new QListWidget(this)),
      m_details(new QLabel(this)), m_reasonLabel(new QLabel(this)), m_reason(new QLineEdit(this)),
      m_claim(new QPushButton(this)), m_approve(new QPushButton(this)), m_reject(new QPushButton(this)),
      m_refresh(new QPushButton(this)), m_message(new InlineMessage(this)), m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("moderationPage"));
    m_queue->setObjectName(QStringLiteral("moderationQueueList"));
    m_details->setObjectName(QStringLiteral("moderationDetailsLabel"));
    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::PlainText);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_reason->setObjectName(QStringLiteral("rejectReasonEdit"));
    m_reason->setMaxLength(2000);
    m_reasonLabel->setBuddy(m_reason);
    m_claim->setObjectName(QStringLiteral("claimButton"));
    m_approve->setObjectName(QStringLiteral("approveButton"));
    m_reject->setObjectName(QStringLiteral("rejectButton"));
    m_refresh->setObjectName(QStringLiteral("refreshQueueButton"));
    m_message->setObjectName(QStringLiteral("moderationMessageLabel"));

    auto *buttons = new QHBoxLayout;
    for (QPushButton *button : {m_claim, m_approve, m_reject})
        buttons->addWidget(button);
    buttons->addStretch(1);
    buttons->addWidget(m_refresh);
    auto *reasonRow = new QHBoxLayout;
    reasonRow->addWidget(m_reasonLabel);
    reasonRow->addWidget(m_reason, 1);
    auto *detail = new QVBoxLayout;
    detail->addWidget(m_details, 1);
    detail->addLayout(reasonRow);
    detail->addLayout(buttons);
    detail->addWidget(m_message);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_queue, 1);
    layout->addLayout(detail, 2);

    // Single keys: a line edit takes its own typing first, so the reason can hold any letter.
    const auto shortcut = [this](Qt::Key key, auto slot) {
        auto *keys = new QShortcut(QKeySequence(key), this);
        keys->setContext(Qt::WidgetWithChildrenShortcut);
        connect(keys, &QShortcut::activated, this, slot);
    };
    shortcut(Qt::Key_C, &ModerationPage::claim);
    shortcut(Qt::Key_A, &ModerationPage::approve);
    shortcut(Qt::Key_R, &ModerationPage::reject);
    shortcut(Qt::Key_J, [this] { move(1); });
    shortcut(Qt::Key_K, [this] { move(-1); });
    shortcut(Qt::Key_F5, &ModerationPage::refresh);
    connect(m_claim, &QPushButton::clicked, this, &ModerationPage::claim);
    connect(m_approve, &QPushButton::clicked, this, &ModerationPage::approve);
    connect(m_reject, &QPushButton::clicked, this, &ModerationPage::reject);
    connect(m_reason, &QLineEdit::returnPressed, this, &ModerationPage::reject);
    connect(m_refresh, &QPushButton::clicked, this, &ModerationPage::refresh);
    connect(m_queue, &QListWidget::currentRowChanged, this, &ModerationPage::showSelected);
    m_timer->setInterval(kRefreshIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &ModerationPage::refresh);
    retranslate();
    showSelected();
}

bool ModerationPage::availableTo(const QString &role) const
{
    return role == QLatin1StringView("admin") || role == QLatin1StringView("moderator");
}

QString ModerationPage::describe(const ApiError &error)
{
    switch (error.errorCode()) {
    case ErrorCode::AlreadyClaimed:
        return tr("Another moderator is reviewing this product.");
    case ErrorCode::Forbidden:
        return tr("Claim the product before deciding on it.");
    case ErrorCode::InvalidState:
        return tr("The product is no longer waiting for review.");
    case ErrorCode::NotFound:
        return tr("The product no longer exists.");
    case ErrorCode::ValidationFailed:
        return tr("The reason is too long.");
    default:
        return ProblemText::common(error);
    }
}

void ModerationPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    ConsolePage::changeEvent(event);
}

void ModerationPage::showEvent(QShowEvent *event)
{
    ConsolePage::showEvent(event);
    m_timer->start();
    refresh();
}

void ModerationPage::hideEvent(QHideEvent *event)
{
    m_timer->stop();
    ConsolePage::hideEvent(event);
}

void ModerationPage::retranslate()
{
    m_reasonLabel->setText(tr("Rejection &reason:"));
    m_reason->setPlaceholderText(tr("What the seller must change"));
    m_claim->setText(tr("Claim (C)"));
    m_approve->setText(tr("Approve (A)"));
    m_reject->setText(tr("Reject (R)"));
    m_refresh->setText(tr("Refresh (F5)"));
    showSelected();
}

void ModerationPage::refresh()
{
    if (m_session->state() != Session::State::SignedIn)
        return;
    m_api->getJson(QStringLiteral("/api/v1/moderation/queue?limit=200"), this,
                   [this](const ApiResult &result) { showQueue(result); });
}

// Rebuilds the list from the server's queue, keeping the product that was selected (or, when it left, the
// one now in its place).
void ModerationPage::showQueue(const ApiResult &result)
{
    if (!result.ok()) {
        const ApiError error = *result.error;
        m_message->showText([error] { return describe(error); }, true);
        return;
    }
    const QString keep = idOf(selected());
    const int row = qMax(0, m_queue->currentRow());
    const QSignalBlocker quiet(m_queue);
    m_queue->clear();
    int keepRow = -1;
    for (const QJsonValue &value : result.json.object().value(QStringLiteral("items")).toArray()) {
        const QJsonObject product = value.toObject();
        auto *item = new QListWidgetItem(
            QStringLiteral("%1 · %2").arg(product.value(QStringLiteral("name")).toString(),
                                          product.value(QStringLiteral("price")).toString()),
            m_queue);
        item->setData(kProductRole, product);
        if (idOf(product) == keep)
            keepRow = m_queue->count() - 1;
    }
    if (m_queue->count() > 0)
        m_queue->setCurrentRow(keepRow >= 0 ? keepRow : qMin(row, m_queue->count() - 1));
    showSelected();
    Q_EMIT statusMessage(tr("%n product(s) waiting for review.", nullptr, m_queue->count()));
}

QJsonObject ModerationPage::selected() const
{
    const QListWidgetItem *item = m_queue->currentItem();
    return item ? item->data(kProductRole).toJsonObject() : QJsonObject();
}

void ModerationPage::showSelected()
{
    const QJsonObject product = selected();
    const bool any = !product.isEmpty();
    const QString claimedBy = product.value(QStringLiteral("claimed_by")).toString();
    const bool mine = !claimedBy.isEmpty() && claimedBy == m_session->userId();
    const bool admin = m_session->role() == QLatin1StringView("admin");
    m_claim->setEnabled(any && claimedBy.isEmpty() && !m_busy);
    m_approve->setEnabled(any && (mine || admin) && !m_busy);
    m_reject->setEnabled(any && (mine || admin) && !m_busy);
    if (!any) {
        m_details->setText(tr("Nothing is waiting for review."));
        return;
    }
    const QString claim = claimedBy.isEmpty() ? tr("Not claimed yet.")
                          : mine              ? tr("Claimed by you.")
                                              : tr("Claimed by another moderator.");
    m_details->setText(tr("%1\n\nPrice: %2 · Stock: %3\nSubmitted: %4\n%5\n\n%6")
                           .arg(product.value(QStringLiteral("name")).toString(),
                                product.value(QStringLiteral("price")).toString(),
                                QString::number(product.value(QStringLiteral("stock")).toInt()),
                                displayTime(product.value(QStringLiteral("submitted_at")).toString()), claim,
                                product.value(QStringLiteral("description")).toString()));
}

void ModerationPage::move(int step)
{
    if (m_queue->count() == 0)
        return;
    m_queue->setCurrentRow(qBound(0, m_queue->currentRow() + step, m_queue->count() - 1));
}

void ModerationPage::claim()
{
    if (m_claim->isEnabled())
        act(QStringLiteral("claim"), {}, false);
}

void ModerationPage::approve()
{
    if (m_approve->isEnabled())
        act(QStringLiteral("approve"), {}, true);
}

void ModerationPage::reject()
{
    if (!m_reject->isEnabled())
        return;
    const QString reason = m_reason->text().trimmed();
    if (reason.isEmpty()) {
        m_message->showText([] { return tr("Write the reason for the seller first."); }, true);
        m_reason->setFocus();
        return;
    }
    act(QStringLiteral("reject"), {{QStringLiteral("reason"), reason}}, true);
}

void ModerationPage::act(const QString &action, const QJsonObject &body, bool leaves)
{
    const QString id = idOf(selected());
    m_busy = true;
    showSelected();
    m_message->clear();
    m_api->send("POST", QStringLiteral("/api/v1/inventory/%1/%2").arg(id, action), body, this,
                [this, id, leaves](const ApiResult &result) {
                    m_busy = false;
                    if (!result.ok()) {
                        const ApiError error = *result.error;
                        m_message->showText([error] { return describe(error); }, true);
                        refresh();
                        return;
                    }
                    if (leaves) {
                        m_reason->clear();
                        for (int row = 0; row < m_queue->count(); ++row) {
                            if (idOf(m_queue->item(row)->data(kProductRole).toJsonObject()) == id) {
                                delete m_queue->takeItem(row);
                                break;
                            }
                        }
                    } else if (QListWidgetItem *item = m_queue->currentItem()) {
                        item->setData(kProductRole, result.json.object());
                    }
                    showSelected();
                    m_queue->setFocus();
                },
                {{"Idempotency-Key", QUuid::createUuid().toByteArray(QUuid::WithoutBraces)}});
}

} // namespace fd::console
