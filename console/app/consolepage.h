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
    // Whether a user of this role (the API's name; empty when nobody is signed in) may use the page. Pages
    // a role cannot use are not offered at all, rather than failing when used.
    virtual bool availableTo(const QString &role) const
    {
        Q_UNUSED(role);
        return true;
    }

Q_SIGNALS:
    void statusMessage(const QString &message);
};

} // namespace fd::console
