#pragma once

#include "console/ops/readiness.h"

#include <QGroupBox>
#include <QTime>

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

protected:
    void changeEvent(QEvent *event) override;

private:
    void present(State state, const Readiness &readiness, const QString &detail, QTime finishedAt);
    void retranslate();
    // Builds every text from the state below: after each show*() and again after a language switch.
    void render();

    State m_state = State::Idle;
    Readiness m_readiness; // what Ready and NotReady show
    QString m_detail;      // the reason or message given to showUnreachable() or showError()
    QTime m_finishedAt;    // of the last check or attempt; null when there is none

    QLabel *m_verdict;
    QTableWidget *m_checks;
    QLabel *m_problem;
    QLabel *m_checkedAt;
};

} // namespace fd::console
