#pragma once

namespace fd::console {

class ApiClient;
class EmbeddedServer;
class MainWindow;
class Session;
class TokenStore;

// Every page of the console, in the order the navigation lists them. The application and the screenshot
// tool build the same window through this. None of the arguments is owned; all must outlive the window.
void addConsolePages(MainWindow &window, ApiClient *api, EmbeddedServer *localServer, Session *session,
                     TokenStore *tokens);

} // namespace fd::console
