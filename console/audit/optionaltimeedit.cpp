#include "console/audit/optionaltimeedit.h"

#include <QEvent>

namespace fd::console {

OptionalTimeEdit::OptionalTimeEdit(QWidget *parent) : QDateTimeEdit(parent)
{
    setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    setCalendarPopup(true);
    setMinimumDateTime(QDateTime(QDate(2000, 1, 1), QTime(0, 0)));
    setSpecialValueText(tr("Any"));
    setAny();
}

QDateTime OptionalTimeEdit::value() const
{
    return isAny() ? QDateTime() : dateTime();
}

void OptionalTimeEdit::setValue(const QDateTime &time)
{
    if (time.isValid())
        setDateTime(time.toLocalTime());
    else
        setAny();
}

void OptionalTimeEdit::stepBy(int steps)
{
    if (isAny())
        leaveAny();
    else
        QDateTimeEdit::stepBy(steps);
}

void OptionalTimeEdit::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        setSpecialValueText(tr("Any"));
    QDateTimeEdit::changeEvent(event);
}

void OptionalTimeEdit::mousePressEvent(QMouseEvent *event)
{
    // The calendar then opens on this month, and the text can be edited where it was "any".
    if (isAny())
        leaveAny();
    QDateTimeEdit::mousePressEvent(event);
}

void OptionalTimeEdit::leaveAny()
{
    const QDateTime now = QDateTime::currentDateTime();
    setDateTime(QDateTime(now.date(), QTime(now.time().hour(), now.time().minute())));
}

} // namespace fd::console
