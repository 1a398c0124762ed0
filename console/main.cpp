#include "common/version.h"
#include "console/api/apiclient.h"
#include "console/app/consolepages.h"
#include "console/app/languagesettings.h"
#include "console/app/mainwindow.h"
#include "console/app/startupprobe.h"
#include "console/embedded/embeddedserver.h"
#include "console/session/session.h"
#include "console/session/tokenstore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>

#include <memory>

int main(int argc, char *argv[])
{
    QElapsedTimer startup;
    startup.start();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("FairDrop"));
    QApplication::setApplicationName(QStringLiteral("fairdrop-console"));
    QApplication::setApplicationVersion(fd::productVersion());
    // After the names (the language choice is read from QSettings), before any widget builds its texts.
    fd::console::installTranslators(app);
    QCommandLineParser options;
    options.setApplicationDescription(QStringLiteral("FairDrop Console"));
    options.addHelpOption();
    options.addVersionOption();
    const QCommandLineOption exitWhenReady(
        QStringLiteral("exit-when-ready"),
        QStringLiteral("Print how long start-up took to the first usable page, then quit."));
    options.addOption(exitWhenReady);
    options.process(app);

    // Declared before the window so they outlive the pages that use them.
    fd::console::ApiClient api;
    fd::console::EmbeddedServer localServer;
    fd::console::TokenStore tokens;
    fd::console::Session session(&api, &tokens);
    fd::console::MainWindow window;
    fd::console::addConsolePages(window, &api, &localServer, &session, &tokens);
    QObject::connect(&session, &fd::console::Session::stateChanged, &window,
                     [&window, &session] { window.setRole(session.role()); });
    std::unique_ptr<fd::console::StartupProbe> probe;
    if (options.isSet(exitWhenReady))
        probe = std::make_unique<fd::console::StartupProbe>(&window, &api, startup);
    window.show();
    return app.exec();
}
