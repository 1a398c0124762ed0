#include "console/ops/healthpanel.h"

#include <QEvent>
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
    : QGroupBox(parent), m_verdict(new QLabel(this)), m_checks(new QTableWidget(0, 2, this)),
      m_problem(new QLabel(this)), m_checkedAt(new QLabel(this))
{
    setObjectName(QStringLiteral("healthPanel"));
    m_verdict->setObjectName(QStringLiteral("healthStatusLabel"));
    QFont verdictFont = m_verdict->font();
    verdictFont.setBold(true);
    if (verdictFont.pointSizeF() > 0)
        verdictFont.setPointSizeF(verdictFont.pointSizeF() * 1.3);
    m_verdict->setFont(verdictFont);

    m_checks->setObjectName(QStringLiteral("healthChecksTable"));
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
    retranslate();
}

void HealthPanel::showIdle()
{
    present(State::Idle, {}, {}, {});
}

void HealthPanel::showChecking()
{
    present(State::Checking, {}, {}, {});
}

void HealthPanel::showReadiness(const Readiness &readiness)
{
    present(readiness.ready ? State::Ready : State::NotReady, readiness, {}, QTime::currentTime());
}

void HealthPanel::showUnreachable(const QString &reason)
{
    present(State::Unreachable, {}, reason, QTime::currentTime());
}

void HealthPanel::showError(const QString &message)
{
    present(State::Error, {}, message, QTime::currentTime());
}

void HealthPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QGroupBox::changeEvent(event);
}

void HealthPanel::present(State state, const Readiness &readiness, const QString &detail, QTime finishedAt)
{
    m_state = state;
    m_readiness = readiness;
    m_detail = detail;
    m_finishedAt = finishedAt;
    render();
}

void HealthPanel::retranslate()
{
    setTitle(tr("Server health"));
    //: Column header: a service the server depends on and checks (PostgreSQL, Redis).
    const QString checkHeader = tr("Check");
    //: Column header: the result of that check ("OK" or the server's reason).
    const QString stateHeader = tr("State");
    m_checks->setHorizontalHeaderLabels({checkHeader, stateHeader});
    render();
}

void HealthPanel::render()
{
    QString verdict;
    QString problem;
    QString stampFormat;
    switch (m_state) {
    case State::Idle:
        verdict = tr("Not connected");
        break;
    case State::Checking:
        verdict = tr("Checking…");
        break;
    case State::Ready:
    case State::NotReady:
        verdict = m_state == State::Ready ? tr("Ready") : tr("Not ready");
        stampFormat = tr("Last checked at %1");
        break;
    case State::Unreachable:
        verdict = tr("Unreachable");
        problem = tr("Cannot reach the server: %1").arg(m_detail);
        stampFormat = tr("Last attempt at %1");
        break;
    case State::Error:
        verdict = tr("Error");
        problem = m_detail;
        stampFormat = tr("Last attempt at %1");
        break;
    }

    m_verdict->setText(verdict);
    QPalette palette = this->palette();
    if (const QColor colour = colourFor(m_state); colour.isValid())
        palette.setColor(QPalette::WindowText, colour);
    m_verdict->setPalette(palette);

    m_problem->setText(problem);
    m_problem->setHidden(problem.isEmpty());

    m_checks->setRowCount(int(m_readiness.checks.size()));
    for (int row = 0; row < m_readiness.checks.size(); ++row) {
        const Readiness::Check &check = m_readiness.checks.at(row);
        m_checks->setItem(row, 0, item(displayName(check.name), check.name));
        QTableWidgetItem *state = item(check.ok() ? tr("OK") : check.state, check.state);
        state->setForeground(colourFor(check.ok() ? State::Ready : State::Error));
        m_checks->setItem(row, 1, state);
    }

    if (m_finishedAt.isNull() || stampFormat.isEmpty())
        m_checkedAt->clear();
    else
        m_checkedAt->setText(stampFormat.arg(m_finishedAt.toString(QStringLiteral("HH:mm:ss"))));
}

} // namespace fd::console
