#include "console/audit/auditfilterbar.h"

#include "console/app/inlinemessage.h"
#include "console/audit/optionaltimeedit.h"

#include <QCompleter>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace fd::console {
namespace {

// Suggestions only: the server's names of what it audits; any other text is sent as typed.
const QStringList kTargetTypes =
    QStringLiteral("api_key order product session upgrade_request user").split(u' ');
const QStringList kActions =
    QStringLiteral("api_key.create api_key.revoke auth.login_locked auth.logout_all auth.refresh_reuse "
                   "order.cancel order.complete order.create order.pay order.read order.ship "
                   "product.approve product.archive product.claim product.create product.delete "
                   "product.reject product.submit product.update upgrade_request.approve "
                   "upgrade_request.create upgrade_request.reject user.password_change user.role_change "
                   "user.signup user.status_change user.verification_change")
        .split(u' ');

QLineEdit *textField(QWidget *parent, const char *name, int maxLength, const QStringList &suggestions = {})
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(QLatin1StringView(name));
    edit->setMaxLength(maxLength);
    edit->setClearButtonEnabled(true);
    if (!suggestions.isEmpty()) {
        auto *completer = new QCompleter(suggestions, edit);
        completer->setCaseSensitivity(Qt::CaseInsensitive);
        completer->setFilterMode(Qt::MatchContains);
        edit->setCompleter(completer);
    }
    return edit;
}

} // namespace

AuditFilterBar::AuditFilterBar(QWidget *parent)
    : QWidget(parent), m_targetTypeLabel(new QLabel(this)),
      m_targetType(textField(this, "targetTypeEdit", 50, kTargetTypes)), m_targetIdLabel(new QLabel(this)),
      m_targetId(textField(this, "targetIdEdit", 100)), m_actorLabel(new QLabel(this)),
      m_actor(textField(this, "actorEdit", 320)), m_actionLabel(new QLabel(this)),
      m_action(textField(this, "actionEdit", 100, kActions)), m_fromLabel(new QLabel(this)),
      m_from(new OptionalTimeEdit(this)), m_toLabel(new QLabel(this)), m_to(new OptionalTimeEdit(this)),
      m_apply(new QPushButton(this)), m_clear(new QPushButton(this)), m_message(new InlineMessage(this))
{
    setObjectName(QStringLiteral("auditFilterBar"));
    m_from->setObjectName(QStringLiteral("fromTimeEdit"));
    m_to->setObjectName(QStringLiteral("toTimeEdit"));
    m_apply->setObjectName(QStringLiteral("applyFiltersButton"));
    m_clear->setObjectName(QStringLiteral("clearFiltersButton"));
    m_message->setObjectName(QStringLiteral("auditFilterMessageLabel"));
    m_targetTypeLabel->setBuddy(m_targetType);
    m_targetIdLabel->setBuddy(m_targetId);
    m_actorLabel->setBuddy(m_actor);
    m_actionLabel->setBuddy(m_action);
    m_fromLabel->setBuddy(m_from);
    m_toLabel->setBuddy(m_to);

    auto *grid = new QGridLayout;
    grid->addWidget(m_targetTypeLabel, 0, 0);
    grid->addWidget(m_targetType, 0, 1);
    grid->addWidget(m_targetIdLabel, 0, 2);
    grid->addWidget(m_targetId, 0, 3);
    grid->addWidget(m_actorLabel, 0, 4);
    grid->addWidget(m_actor, 0, 5);
    grid->addWidget(m_actionLabel, 1, 0);
    grid->addWidget(m_action, 1, 1);
    grid->addWidget(m_fromLabel, 1, 2);
    grid->addWidget(m_from, 1, 3);
    grid->addWidget(m_toLabel, 1, 4);
    grid->addWidget(m_to, 1, 5);
    for (int column : {1, 3, 5})
        grid->setColumnStretch(column, 1);
    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_apply);
    buttons->addWidget(m_clear);
    auto *row = new QHBoxLayout;
    row->addLayout(grid, 1);
    row->addLayout(buttons);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_message);

    connect(m_apply, &QPushButton::clicked, this, &AuditFilterBar::apply);
    connect(m_clear, &QPushButton::clicked, this, &AuditFilterBar::clear);
    retranslate();
}

AuditQuery AuditFilterBar::query() const
{
    AuditQuery query;
    query.targetType = m_targetType->text().trimmed();
    query.targetId = m_targetId->text().trimmed();
    query.actor = m_actor->text().trimmed();
    query.action = m_action->text().trimmed();
    query.from = m_from->value();
    query.to = m_to->value();
    return query;
}

void AuditFilterBar::setQuery(const AuditQuery &query)
{
    m_targetType->setText(query.targetType);
    m_targetId->setText(query.targetId);
    m_actor->setText(query.actor);
    m_action->setText(query.action);
    m_from->setValue(query.from);
    m_to->setValue(query.to);
    m_message->clear();
}

void AuditFilterBar::apply()
{
    const AuditQuery current = query();
    const AuditQuery::Problem problem = current.problem();
    if (problem != AuditQuery::Problem::None) {
        m_message->showText([problem] { return describe(problem); }, true);
        (problem == AuditQuery::Problem::ActorUnrecognised ? static_cast<QWidget *>(m_actor) : m_from)
            ->setFocus();
        return;
    }
    m_message->clear();
    Q_EMIT applied(current);
}

void AuditFilterBar::clear()
{
    setQuery({});
    apply();
}

QString AuditFilterBar::describe(AuditQuery::Problem problem)
{
    switch (problem) {
    case AuditQuery::Problem::ActorUnrecognised:
        return tr("Enter the actor's email address or user ID, or leave it empty for anyone.");
    case AuditQuery::Problem::EmptyTimeRange:
        return tr("The start of the time range must be before its end.");
    case AuditQuery::Problem::None:
        break;
    }
    return {};
}

void AuditFilterBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void AuditFilterBar::keyPressEvent(QKeyEvent *event)
{
    // Fields pass Enter on to their parent; here it applies whichever field it was pressed in.
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        apply();
        event->accept();
        return;
    }
    QWidget::keyPressEvent(event);
}

void AuditFilterBar::retranslate()
{
    m_targetTypeLabel->setText(tr("Tar&get type:"));
    m_targetType->setPlaceholderText(tr("any, e.g. product"));
    m_targetIdLabel->setText(tr("Target &ID:"));
    m_targetId->setPlaceholderText(tr("any"));
    m_actorLabel->setText(tr("Act&or:"));
    m_actor->setPlaceholderText(tr("anyone; an email or a user ID"));
    m_actionLabel->setText(tr("A&ction:"));
    m_action->setPlaceholderText(tr("any, e.g. user.role_change"));
    m_fromLabel->setText(tr("&From:"));
    m_from->setToolTip(tr("Entries at or after this time"));
    m_toLabel->setText(tr("&To:"));
    m_to->setToolTip(tr("Entries before this time"));
    m_apply->setText(tr("&Apply"));
    m_clear->setText(tr("C&lear"));
}

} // namespace fd::console
