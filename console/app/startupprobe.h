#pragma once

#include <QElapsedTimer>
#include <QObject>

class QWidget;

namespace fd::console {

class ApiClient;

// Measures start-up: from the process's start to the first usable page, that is the window on screen and
// every call the pages made at start answered (the remembered server connected, a remembered session
// resumed). Prints the time and quits, for `fairdrop-console --exit-when-ready`.
class StartupProbe : public QObject
{
    Q_OBJECT
public:
    // `clock` was started as early in main() as possible.
    StartupProbe(QWidget *window, ApiClient *api, QElapsedTimer clock, QObject *parent = nullptr);

    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void check();

    QWidget *m_window;
    ApiClient *m_api;
    QElapsedTimer m_clock;
    bool m_exposed = false;
    bool m_reported = false;
};

} // namespace fd::console
