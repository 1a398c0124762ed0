#pragma once

#include <QJsonObject>
#include <QWidget>

class QCheckBox;
class QLabel;
class QTableWidget;

namespace fd::console {

// One audit entry: who did what to which target, and its before/after states side by side, a row per field
// (nested values by dotted path), changed fields highlighted and unchanged ones hidden unless asked for.
class AuditDiffView : public QWidget
{
    Q_OBJECT
public:
    enum Column { FieldColumn, BeforeColumn, AfterColumn, ColumnCount };
    static constexpr int kChangeRole = Qt::UserRole; // on the field cell: the AuditDiffRow::Change, as int

    explicit AuditDiffView(QWidget *parent = nullptr);

    // An empty object: nothing selected.
    void showEntry(const QJsonObject &entry);
    QJsonObject entry() const { return m_entry; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void rebuild();

    QJsonObject m_entry;
    QLabel *m_summary;
    QCheckBox *m_showUnchanged;
    QTableWidget *m_table;
    QLabel *m_note;
};

} // namespace fd::console
