#pragma once

#include <QMainWindow>

class QAction;
class QListWidget;
class QMenu;
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
    // Offers only the pages this role may use (empty: nobody signed in); a page that goes away while shown
    // gives way to the first one left.
    void setRole(const QString &role);

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void retranslate();

    QListWidget *m_navigation;
    QStackedWidget *m_pages;
    QMenu *m_fileMenu;
    QAction *m_quit;
    // Once a page has reported, the status bar is the page's to retranslate (it re-sends its message).
    bool m_pageStatusShown = false;
    QString m_role;
};

} // namespace fd::console
