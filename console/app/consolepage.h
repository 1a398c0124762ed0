#pragma once

#include <QWidget>

namespace fd::console {

// What MainWindow knows about a page: enough to list it and relay its status text, nothing about its work.
class ConsolePage : public QWidget
{
    Q_OBJECT
public:
    using QWidget::QWidget;

    virtual QString title() const = 0;

Q_SIGNALS:
    void statusMessage(const QString &message);
};

} // namespace fd::console
