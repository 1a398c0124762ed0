#include "console/app/consolepages.h"

#include "console/app/mainwindow.h"
#include "console/app/settingspage.h"
#include "console/audit/auditpage.h"
#include "console/catalog/sellercatalogpage.h"
#include "console/moderation/moderationpage.h"
#include "console/ops/connectionpage.h"
#include "console/orders/orderspage.h"
#include "console/session/signinpage.h"
#include "console/users/userspage.h"

namespace fd::console {

void addConsolePages(MainWindow &window, ApiClient *api, EmbeddedServer *localServer, Session *session,
                     TokenStore *tokens)
{
    auto *connection = new ConnectionPage(api, localServer);
    auto *signIn = new SignInPage(api, session, tokens);
    window.addPage(connection);
    window.addPage(signIn);
    QObject::connect(connection, &ConnectionPage::connectedTo, signIn, &SignInPage::resumeRemembered);
    window.addPage(new ModerationPage(api, session));
    window.addPage(new SellerCatalogPage(api, session));
    window.addPage(new AuditPage(api, session));
    window.addPage(new UsersPage(api, session));
    window.addPage(new OrdersPage(api, session));
    window.addPage(new SettingsPage);
}

} // namespace fd::console
