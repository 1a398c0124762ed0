#include "console/ops/healthpanel.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QTime>
#include <QVBoxLayout>

namespace fd::console {
namespace {

// Fixed colours rather than palette roles: the verdict must read the same in light and dark themes.
QColor colourFor(HealthPanel::State state)
{
    switch (state) {
    case HealthPanel::State::Ready:
        return QColor(0x2e, 0x7d, 0x32);
    case HealthPanel::State::NotReady:
        return QColor(0xef, 0x6c, 0x00);
    case HealthPanel::State::Unreachable:
    case HealthPanel::State::Error:
        return QColor(0xc6, 0x28, 0x28);
    case HealthPanel::State::Idle:
    case HealthPanel::State::Checking:
        break;
    }
    return {};
}

QString displayName(const QString &check)
{
    if (check == QLatin1StringView("postgresql"))
        return HealthPanel::tr("PostgreSQL");
    if (check == QLatin1StringView("redis"))
        return HealthPanel::tr("Redis");
    return check;
}

QTableWidgetItem *item(const QString &text, const QString &raw)
{
    auto *cell = new QTableWidgetItem(text);
    cell->setData(Qt::UserRole, raw); // the server's own value, for logic and tests
    cell->setFlags(Qt::ItemIsEnabled);
    return cell;
}

} // namespace

HealthPanel::HealthPanel(QWidget *parent)
    : QGroupBox(tr("Server health"), parent), m_verdict(new QLabel(this)),
      m_checks(new QTableWidget(0, 2, this)), m_problem(new QLabel(this)), m_checkedAt(new QLabel(this))
{
    setObjectName(QStringLiteral("healthPanel"));
    m_verdict->setObjectName(QStringLiteral("healthStatusLabel"));
    QFont verdictFont = m_verdict->font();
    verdictFont.setBold(true);
    if (verdictFont.pointSizeF() > 0)
        verdictFont.setPointSizeF(verdictFont.pointSizeF() * 1.3);
    m_verdict->setFont(verdictFont);

    m_checks->setObjectName(QStringLiteral("healthChecksTable"));
    m_checks->setHorizontalHeaderLabels({tr("Check"), tr("State")});
    m_checks->horizontalHeader()->setStretchLastSection(true);
    m_checks->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_checks->verticalHeader()->hide();
    m_checks->setSelectionMode(QAbstractItemView::NoSelection);
    m_checks->setFocusPolicy(Qt::NoFocus);

    m_problem->setObjectName(QStringLiteral("healthErrorLabel"));
    m_problem->setWordWrap(true);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette problemPalette = m_problem->palette();
    problemPalette.setColor(QPalette::WindowText, colourFor(State::Error));
    m_problem->setPalette(problemPalette);

    m_checkedAt->setObjectName(QStringLiteral("healthCheckedAtLabel"));
    m_checkedAt->setEnabled(false); // greyed: secondary information

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_verdict);
    layout->addWidget(m_problem);
    layout->addWidget(m_checks);
    layout->addWidget(m_checkedAt);
    showIdle();
}

void HealthPanel::showIdle()
{
    setVerdict(State::Idle, tr("Not connected"));
    m_checks->setRowCount(0);
    setProblem({});
    m_checkedAt->clear();
}

void HealthPanel::showChecking()
{
    setVerdict(State::Checking, tr("Checking…"));
    m_checks->setRowCount(0);
    setProblem({});
    m_checkedAt->clear();
}

void HealthPanel::showReadiness(const Readiness &readiness)
{
    setVerdict(readiness.ready ? State::Ready : State::NotReady,
               readiness.ready ? tr("Ready") : tr("Not ready"));
    setProblem({});
    m_checks->setRowCount(int(readiness.checks.size()));
    for (int row = 0; row < readiness.checks.size(); ++row) {
        const Readiness::Check &check = readiness.checks.at(row);
        m_checks->setItem(row, 0, item(displayName(check.name), check.name));
        QTableWidgetItem *state = item(check.ok() ? tr("OK") : check.state, check.state);
        state->setForeground(colourFor(check.ok() ? State::Ready : State::Error));
        m_checks->setItem(row, 1, state);
    }
    stamp(tr("Last checked at %1"));
}

void HealthPanel::showUnreachable(const QString &reason)
{
    setVerdict(State::Unreachable, tr("Unreachable"));
    m_checks->setRowCount(0);
    setProblem(tr("Cannot reach the server: %1").arg(reason));
    stamp(tr("Last attempt at %1"));
}

void HealthPanel::showError(const QString &message)
{
    setVerdict(State::Error, tr("Error"));
    m_checks->setRowCount(0);
    setProblem(message);
    stamp(tr("Last attempt at %1"));
}

void HealthPanel::setVerdict(State state, const QString &text)
{
    m_state = state;
    m_verdict->setText(text);
    QPalette palette = this->palette();
    if (const QColor colour = colourFor(state); colour.isValid())
        palette.setColor(QPalette::WindowText, colour);
    m_verdict->setPalette(palette);
}

void HealthPanel::setProblem(const QString &message)
{
    m_problem->setText(message);
    m_problem->setHidden(message.isEmpty());
}

void HealthPanel::stamp(const QString &format)
{
    m_checkedAt->setText(format.arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss"))));
}

} // namespace fd::console
