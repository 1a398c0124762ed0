#pragma once

#include <QMainWindow>

class QListWidget;
class QStackedWidget;

namespace fd::console {

class ConsolePage;

// The frame around the pages: navigation, menus and the status bar. Pages do the work; this only hosts them.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);

    // Takes ownership. The first page added is shown first.
    void addPage(ConsolePage *page);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    QListWidget *m_navigation;
    QStackedWidget *m_pages;
};

} // namespace fd::console
