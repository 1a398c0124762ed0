#pragma once

#include "console/ops/readiness.h"

#include <QGroupBox>

class QLabel;
class QTableWidget;

namespace fd::console {

// Shows one server's readiness: the overall verdict, each dependency check, and any failure to ask, in place.
class HealthPanel : public QGroupBox
{
    Q_OBJECT
public:
    enum class State { Idle, Checking, Ready, NotReady, Unreachable, Error };
    Q_ENUM(State)

    explicit HealthPanel(QWidget *parent = nullptr);

    State state() const { return m_state; }

    void showIdle();
    void showChecking();
    void showReadiness(const Readiness &readiness);
    // No answer at all (refused, timed out): the old checks are dropped, since they no longer mean anything.
    void showUnreachable(const QString &reason);
    // An answer, but not a readiness report.
    void showError(const QString &message);

private:
    void setVerdict(State state, const QString &text);
    void setProblem(const QString &message);
    void stamp(const QString &format);

    State m_state = State::Idle;
    QLabel *m_verdict;
    QTableWidget *m_checks;
    QLabel *m_problem;
    QLabel *m_checkedAt;
};

} // namespace fd::console
