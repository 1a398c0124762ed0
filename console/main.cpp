#include "common/version.h"
#include "console/api/apiclient.h"
#include "console/app/languagesettings.h"
#include "console/app/mainwindow.h"
#include "console/app/settingspage.h"
#include "console/catalog/sellercatalogpage.h"
#include "console/embedded/embeddedserver.h"
#include "console/moderation/moderationpage.h"
#include "console/ops/connectionpage.h"
#include "console/session/session.h"
#include "console/session/signinpage.h"
#include "console/session/tokenstore.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("FairDrop"));
    QApplication::setApplicationName(QStringLiteral("fairdrop-console"));
    QApplication::setApplicationVersion(fd::productVersion());
    // After the names (the language choice is read from QSettings), before any widget builds its texts.
    fd::console::installTranslators(app);

    // Declared before the window so they outlive the pages that use them.
    fd::console::ApiClient api;
    fd::console::EmbeddedServer localServer;
    fd::console::TokenStore tokens;
    fd::console::Session session(&api, &tokens);
    fd::console::MainWindow window;
    window.addPage(new fd::console::ConnectionPage(&api, &localServer));
    window.addPage(new fd::console::SignInPage(&api, &session, &tokens));
    window.addPage(new fd::console::ModerationPage(&api, &session));
    window.addPage(new fd::console::SellerCatalogPage(&api, &session));
    window.addPage(new fd::console::SettingsPage);
    QObject::connect(&session, &fd::console::Session::stateChanged, &window,
                     [&window, &session] { window.setRole(session.role()); });
    window.show();
    return app.exec();
}
