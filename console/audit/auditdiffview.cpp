#include "console/audit/auditdiffview.h"

#include "console/app/displaytime.h"
#include "console/audit/auditdiff.h"
#include "console/audit/auditlogmodel.h"

#include <QCheckBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace fd::console {
namespace {

const QString kNone = QStringLiteral("—");

QString textOr(const QJsonObject &entry, const char *field, const QString &fallback = kNone)
{
    const QString text = entry.value(QLatin1StringView(field)).toString();
    return text.isEmpty() ? fallback : text;
}

// Translucent, so the highlight reads on light and dark palettes alike.
QColor highlightOf(AuditDiffRow::Change change)
{
    switch (change) {
    case AuditDiffRow::Change::Changed:
        return QColor(255, 179, 0, 80);
    case AuditDiffRow::Change::Added:
        return QColor(67, 160, 71, 80);
    case AuditDiffRow::Change::Removed:
        return QColor(229, 57, 53, 80);
    case AuditDiffRow::Change::Unchanged:
        break;
    }
    return {};
}

} // namespace

AuditDiffView::AuditDiffView(QWidget *parent)
    : QWidget(parent), m_summary(new QLabel(this)), m_showUnchanged(new QCheckBox(this)),
      m_table(new QTableWidget(0, ColumnCount, this)), m_note(new QLabel(this))
{
    m_summary->setObjectName(QStringLiteral("auditEntrySummaryLabel"));
    m_summary->setTextFormat(Qt::PlainText);
    // Unwrapped, so the splitter never squeezes it below its lines (ids do not wrap well anyway).
    m_summary->setWordWrap(false);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_showUnchanged->setObjectName(QStringLiteral("showUnchangedCheckBox"));
    m_table->setObjectName(QStringLiteral("auditDiffTable"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(true);
    m_table->horizontalHeader()->setSectionResizeMode(FieldColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(BeforeColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(AfterColumn, QHeaderView::Stretch);
    m_note->setObjectName(QStringLiteral("auditDiffNoteLabel"));
    m_note->setWordWrap(true);

    // Who, what and when beside the fields it changed.
    auto *about = new QVBoxLayout;
    about->addWidget(m_summary);
    about->addWidget(m_showUnchanged);
    about->addWidget(m_note);
    about->addStretch(1);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(about);
    layout->addWidget(m_table, 1);
    connect(m_showUnchanged, &QCheckBox::toggled, this, &AuditDiffView::rebuild);
    retranslate();
}

void AuditDiffView::showEntry(const QJsonObject &entry)
{
    m_entry = entry;
    rebuild();
}

void AuditDiffView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void AuditDiffView::retranslate()
{
    m_showUnchanged->setText(tr("Show &unchanged fields"));
    m_table->setHorizontalHeaderLabels({tr("Field"), tr("Before"), tr("After")});
    rebuild();
}

void AuditDiffView::rebuild()
{
    m_table->setRowCount(0);
    if (m_entry.isEmpty()) {
        m_summary->setText(tr("Select an entry to see what it changed."));
        m_note->clear();
        m_note->hide();
        return;
    }
    const QString actor = m_entry.value(QStringLiteral("actor_id")).isString()
                              ? AuditLogModel::actorOf(m_entry)
                              : tr("anonymous");
    m_summary->setText(tr("Action: %1\nTarget: %2 %3\nActor: %4 (%5)\nTime: %6\nIP address: %7\n"
                          "Request ID: %8")
                           .arg(textOr(m_entry, "action"), textOr(m_entry, "target_type"),
                                textOr(m_entry, "target_id", {}), actor, textOr(m_entry, "actor_role"),
                                displayTime(textOr(m_entry, "at")), textOr(m_entry, "ip"),
                                textOr(m_entry, "request_id")));

    const QList<AuditDiffRow> rows =
        diffStates(m_entry.value(QStringLiteral("before")), m_entry.value(QStringLiteral("after")));
    const bool showUnchanged = m_showUnchanged->isChecked();
    int hidden = 0;
    for (const AuditDiffRow &row : rows) {
        if (row.change == AuditDiffRow::Change::Unchanged && !showUnchanged) {
            ++hidden;
            continue;
        }
        const int at = m_table->rowCount();
        m_table->insertRow(at);
        const auto cell = [&](int column, const QString &text) {
            auto *item = new QTableWidgetItem(text);
            item->setToolTip(text);
            if (row.change != AuditDiffRow::Change::Unchanged)
                item->setBackground(highlightOf(row.change));
            m_table->setItem(at, column, item);
            return item;
        };
        QTableWidgetItem *field = cell(FieldColumn, row.path);
        field->setData(kChangeRole, int(row.change));
        if (row.change != AuditDiffRow::Change::Unchanged) {
            QFont bold = field->font();
            bold.setBold(true);
            field->setFont(bold);
        }
        cell(BeforeColumn, row.before ? leafText(*row.before) : kNone);
        cell(AfterColumn, row.after ? leafText(*row.after) : kNone);
    }
    QString note;
    if (rows.isEmpty())
        note = tr("This entry records no field values.");
    else if (hidden > 0)
        note = tr("%n unchanged field(s) hidden.", nullptr, hidden);
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
    m_table->resizeRowsToContents();
}

} // namespace fd::console
