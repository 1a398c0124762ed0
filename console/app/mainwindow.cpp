#include "console/app/mainwindow.h"

#include "console/app/consolepage.h"

#include <QAction>
#include <QCloseEvent>
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
    setWindowTitle(tr("FairDrop Console"));
    m_navigation->setObjectName(QStringLiteral("pageList"));
    m_navigation->setMaximumWidth(200);
    m_pages->setObjectName(QStringLiteral("pageStack"));

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->addWidget(m_navigation);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);
    connect(m_navigation, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);

    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *quit = fileMenu->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    statusBar()->showMessage(tr("Not connected"));
    resize(900, 600);
    restoreGeometry(QSettings().value(kGeometryKey).toByteArray());
}

void MainWindow::addPage(ConsolePage *page)
{
    m_pages->addWidget(page);
    m_navigation->addItem(page->title());
    if (m_navigation->currentRow() < 0)
        m_navigation->setCurrentRow(0);
    connect(page, &ConsolePage::statusMessage, this,
            [this](const QString &message) { statusBar()->showMessage(message); });
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings().setValue(kGeometryKey, saveGeometry());
    QMainWindow::closeEvent(event);
}

} // namespace fd::console
