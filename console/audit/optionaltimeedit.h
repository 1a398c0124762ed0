#pragma once

#include <QDateTimeEdit>

namespace fd::console {

// A local date and time that may also be "any" (shown as such, at the lowest value). Stepping or clicking
// from "any" starts at the current minute rather than at the far past.
class OptionalTimeEdit : public QDateTimeEdit
{
    Q_OBJECT
public:
    explicit OptionalTimeEdit(QWidget *parent = nullptr);

    bool isAny() const { return dateTime() == minimumDateTime(); }
    // An invalid QDateTime when "any".
    QDateTime value() const;
    // An invalid QDateTime sets "any".
    void setValue(const QDateTime &time);
    void setAny() { setDateTime(minimumDateTime()); }

    void stepBy(int steps) override;

protected:
    void changeEvent(QEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    void leaveAny();
};

} // namespace fd::console
