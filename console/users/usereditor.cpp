#include "console/users/usereditor.h"

#include "console/api/apiclient.h"
#include "console/api/problemtext.h"
#include "console/app/displaytime.h"
#include "console/users/userroles.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace fd::console {
namespace {

QString idOf(const QJsonObject &user)
{
    return user.value(QStringLiteral("id")).toString();
}

} // namespace

UserEditor::UserEditor(ApiClient *api, QWidget *parent)
    : QWidget(parent), m_api(api), m_title(new QLabel(this)), m_details(new QLabel(this)),
      m_controls(new QWidget(this)), m_roleLabel(new QLabel(m_controls)), m_role(new QComboBox(m_controls)),
      m_verified(new QCheckBox(m_controls)), m_save(new QPushButton(m_controls)),
      m_active(new QPushButton(m_controls)), m_message(new InlineMessage(this))
{
    setObjectName(QStringLiteral("userEditor"));
    m_title->setObjectName(QStringLiteral("userTitleLabel"));
    m_title->setTextFormat(Qt::PlainText);
    QFont heading = m_title->font();
    heading.setBold(true);
    m_title->setFont(heading);
    m_details->setObjectName(QStringLiteral("userDetailsLabel"));
    m_details->setTextFormat(Qt::PlainText);
    m_details->setWordWrap(true);
    m_controls->setObjectName(QStringLiteral("userEditControls"));
    m_role->setObjectName(QStringLiteral("userRoleCombo"));
    for (const QString &role : UserRoles::all())
        m_role->addItem(QString(), role);
    m_roleLabel->setBuddy(m_role);
    m_verified->setObjectName(QStringLiteral("userVerifiedCheck"));
    m_save->setObjectName(QStringLiteral("saveUserButton"));
    m_active->setObjectName(QStringLiteral("userActiveButton"));
    m_message->setObjectName(QStringLiteral("userMessageLabel"));

    auto *roleRow = new QHBoxLayout;
    roleRow->addWidget(m_roleLabel);
    roleRow->addWidget(m_role, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_save);
    buttons->addStretch(1);
    buttons->addWidget(m_active);
    auto *controls = new QVBoxLayout(m_controls);
    controls->setContentsMargins(0, 0, 0, 0);
    controls->addLayout(roleRow);
    controls->addWidget(m_verified);
    controls->addLayout(buttons);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_details);
    layout->addWidget(m_controls);
    layout->addWidget(m_message);
    layout->addStretch(1);

    connect(m_save, &QPushButton::clicked, this, &UserEditor::save);
    connect(m_active, &QPushButton::clicked, this, &UserEditor::toggleActive);
    m_controls->hide();
    retranslate();
}

QString UserEditor::describe(const ApiError &error)
{
    switch (error.errorCode()) {
    case ErrorCode::PreconditionFailed:
        return tr("Someone else changed this account meanwhile. Its current state is shown; make your "
                  "change again.");
    case ErrorCode::SelfModification:
        return tr("You cannot deactivate your own account or change its role; ask another administrator.");
    case ErrorCode::NotFound:
        return tr("The account no longer exists.");
    case ErrorCode::Forbidden:
        return tr("Only administrators may change accounts.");
    case ErrorCode::ValidationFailed:
        return tr("The server did not accept the change.");
    default:
        return ProblemText::common(error);
    }
}

void UserEditor::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void UserEditor::retranslate()
{
    m_roleLabel->setText(tr("&Role:"));
    for (int i = 0; i < m_role->count(); ++i)
        m_role->setItemText(i, UserRoles::name(m_role->itemData(i).toString()));
    m_verified->setText(tr("&Verified"));
    m_save->setText(tr("&Save changes"));
    showDetails();
}

void UserEditor::setEditable(bool editable)
{
    m_editable = editable;
    updateControls();
}

void UserEditor::showUser(const QJsonObject &user)
{
    if (idOf(user) != idOf(m_user))
        m_message->clear();
    m_user = user;
    m_etag.clear();
    showDetails();
    read(idOf(user));
}

void UserEditor::read(const QString &id)
{
    const quint64 generation = ++m_generation;
    if (id.isEmpty())
        return;
    m_api->getJson(QStringLiteral("/api/v1/admin/users/") + id, this,
                   [this, generation](const ApiResult &result) {
                       if (generation != m_generation)
                           return; // another account was chosen meanwhile
                       if (!result.ok()) {
                           const ApiError error = *result.error;
                           m_message->showText([error] { return describe(error); }, true);
                           return;
                       }
                       accept(result);
                   });
}

// The server's copy of the shown account, with the tag a change must carry.
void UserEditor::accept(const ApiResult &result)
{
    m_user = result.json.object();
    m_etag = result.etag;
    showDetails();
    Q_EMIT userChanged(m_user);
}

void UserEditor::showDetails()
{
    if (m_user.isEmpty()) {
        m_title->setText(tr("No account selected"));
        m_details->setText(tr("Choose an account in the list to see it here."));
        updateControls();
        return;
    }
    const auto yesNo = [this](const char *member) {
        return m_user.value(QLatin1StringView(member)).toBool() ? tr("Yes") : tr("No");
    };
    const QString role = m_user.value(QStringLiteral("role")).toString();
    m_title->setText(m_user.value(QStringLiteral("email")).toString());
    m_details->setText(tr("Role: %1\nVerified: %2\nActive: %3\nCreated: %4\nLast changed: %5")
                           .arg(UserRoles::name(role), yesNo("is_verified"), yesNo("is_active"),
                                displayTime(m_user.value(QStringLiteral("created_at")).toString()),
                                displayTime(m_user.value(QStringLiteral("updated_at")).toString())));
    const int roleIndex = m_role->findData(role);
    if (roleIndex >= 0)
        m_role->setCurrentIndex(roleIndex);
    m_verified->setChecked(m_user.value(QStringLiteral("is_verified")).toBool());
    m_active->setText(m_user.value(QStringLiteral("is_active")).toBool() ? tr("&Deactivate…")
                                                                         : tr("Re&activate"));
    updateControls();
}

void UserEditor::updateControls()
{
    m_controls->setVisible(m_editable && !m_user.isEmpty());
    // Changes wait for the account's current state (and its tag) to be read.
    const bool ready = m_editable && !m_user.isEmpty() && !m_etag.isEmpty() && !m_busy;
    m_controls->setEnabled(ready);
}

void UserEditor::save()
{
    if (!m_save->isEnabled() || !m_controls->isEnabled())
        return;
    QJsonObject change;
    const QString role = m_role->currentData().toString();
    if (role != m_user.value(QStringLiteral("role")).toString())
        change.insert(QStringLiteral("role"), role);
    if (m_verified->isChecked() != m_user.value(QStringLiteral("is_verified")).toBool())
        change.insert(QStringLiteral("is_verified"), m_verified->isChecked());
    if (change.isEmpty()) {
        m_message->showText([] { return tr("Nothing has changed."); }, false);
        return;
    }
    patch(change, [] { return tr("Saved."); });
}

void UserEditor::toggleActive()
{
    if (!m_controls->isEnabled())
        return;
    if (!m_user.value(QStringLiteral("is_active")).toBool()) {
        patch({{QStringLiteral("is_active"), true}}, [] { return tr("Reactivated."); });
        return;
    }
    auto *box = new QMessageBox(
        QMessageBox::Warning, tr("Deactivate account"),
        tr("Deactivate %1? The account's sessions and API keys are revoked at once: it is signed out "
           "everywhere and cannot sign in until reactivated.")
            .arg(m_user.value(QStringLiteral("email")).toString()),
        QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("deactivateConfirmation"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, id = idOf(m_user)](int result) {
        if (result == QMessageBox::Yes && id == idOf(m_user))
            patch({{QStringLiteral("is_active"), false}},
                  [] { return tr("Deactivated: its sessions and API keys are revoked."); });
    });
    box->open();
}

void UserEditor::patch(const QJsonObject &change, InlineMessage::Builder done)
{
    const QString id = idOf(m_user);
    m_busy = true;
    updateControls();
    m_message->showText([] { return tr("Saving…"); }, false);
    m_api->send("PATCH", QStringLiteral("/api/v1/admin/users/") + id, change, this,
                [this, id, done](const ApiResult &result) {
                    m_busy = false;
                    if (!result.ok()) {
                        const ApiError error = *result.error;
                        if (id == idOf(m_user)) {
                            m_message->showText([error] { return describe(error); }, true);
                            if (error.errorCode() == ErrorCode::PreconditionFailed)
                                read(id); // the current state, with its new tag
                            else
                                showDetails(); // the controls back to what the account is
                        }
                        updateControls();
                        return;
                    }
                    if (id == idOf(m_user)) {
                        ++m_generation; // a read still on its way would show the state before the change
                        accept(result);
                        m_message->showText(done, false);
                    } else {
                        Q_EMIT userChanged(result.json.object());
                    }
                    updateControls();
                },
                {{"If-Match", m_etag}});
}

} // namespace fd::console
