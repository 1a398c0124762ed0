#pragma once

#include "console/audit/auditquery.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace fd::console {

class InlineMessage;
class OptionalTimeEdit;

// The audit log's filters: target type and ID, actor, action and a time range. Nothing applies while
// typing; Enter or Apply does (once the filters make sense), Clear empties them and applies that.
class AuditFilterBar : public QWidget
{
    Q_OBJECT
public:
    explicit AuditFilterBar(QWidget *parent = nullptr);

    // What the fields say now, applied or not.
    AuditQuery query() const;
    void setQuery(const AuditQuery &query);

    // Emits applied() unless the filters have a problem, which is then shown beside them.
    void apply();
    void clear();

    static QString describe(AuditQuery::Problem problem);

Q_SIGNALS:
    void applied(const fd::console::AuditQuery &query);

protected:
    void changeEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void retranslate();

    QLabel *m_targetTypeLabel;
    QLineEdit *m_targetType;
    QLabel *m_targetIdLabel;
    QLineEdit *m_targetId;
    QLabel *m_actorLabel;
    QLineEdit *m_actor;
    QLabel *m_actionLabel;
    QLineEdit *m_action;
    QLabel *m_fromLabel;
    OptionalTimeEdit *m_from;
    QLabel *m_toLabel;
    OptionalTimeEdit *m_to;
    QPushButton *m_apply;
    QPushButton *m_clear;
    InlineMessage *m_message;
};

} // namespace fd::console
