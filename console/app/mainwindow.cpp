#include "console/app/mainwindow.h"

#include "console/app/consolepage.h"

#include <QAction>
#include <QCloseEvent>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QListWidget>
#include <QMenuBar>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>

namespace fd::console {
namespace {

const QString kGeometryKey = QStringLiteral("mainWindow/geometry");

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_navigation(new QListWidget(this)), m_pages(new QStackedWidget(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    m_navigation->setObjectName(QStringLiteral("pageList"));
    m_navigation->setMaximumWidth(200);
    m_pages->setObjectName(QStringLiteral("pageStack"));

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->addWidget(m_navigation);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);
    connect(m_navigation, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);

    m_fileMenu = menuBar()->addMenu(QString());
    m_quit = m_fileMenu->addAction(QString());
    m_quit->setShortcut(QKeySequence::Quit);
    connect(m_quit, &QAction::triggered, this, &QWidget::close);

    retranslate();
    resize(900, 600);
    restoreGeometry(QSettings().value(kGeometryKey).toByteArray());
}

void MainWindow::addPage(ConsolePage *page)
{
    m_pages->addWidget(page);
    m_navigation->addItem(page->title());
    m_navigation->item(m_navigation->count() - 1)->setHidden(!page->availableTo(m_role));
    if (m_navigation->currentRow() < 0 && page->availableTo(m_role))
        m_navigation->setCurrentRow(m_navigation->count() - 1);
    connect(page, &ConsolePage::statusMessage, this, [this](const QString &message) {
        m_pageStatusShown = true;
        statusBar()->showMessage(message);
    });
}

void MainWindow::setRole(const QString &role)
{
    m_role = role;
    for (int row = 0; row < m_navigation->count(); ++row)
        m_navigation->item(row)->setHidden(
            !static_cast<ConsolePage *>(m_pages->widget(row))->availableTo(role));
    const int current = m_navigation->currentRow();
    if (current >= 0 && !m_navigation->item(current)->isHidden())
        return;
    for (int row = 0; row < m_navigation->count(); ++row) {
        if (!m_navigation->item(row)->isHidden()) {
            m_navigation->setCurrentRow(row);
            return;
        }
    }
}

void MainWindow::changeEvent(QEvent *event)
{
    // Qt sends this to every widget when a translator is installed or removed (see installTranslators()).
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslate()
{
    setWindowTitle(tr("FairDrop Console"));
    m_fileMenu->setTitle(tr("&File"));
    m_quit->setText(tr("&Quit"));
    for (int row = 0; row < m_navigation->count(); ++row)
        m_navigation->item(row)->setText(static_cast<ConsolePage *>(m_pages->widget(row))->title());
    if (!m_pageStatusShown)
        statusBar()->showMessage(tr("Not connected"));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings().setValue(kGeometryKey, saveGeometry());
    QMainWindow::closeEvent(event);
}

} // namespace fd::console
