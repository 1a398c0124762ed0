#include "console/app/startupprobe.h"

#include "console/api/apiclient.h"

#include <QCoreApplication>
#include <QEvent>
#include <QTimer>
#include <QWidget>

#include <cstdio>

namespace fd::console {

StartupProbe::StartupProbe(QWidget *window, ApiClient *api, QElapsedTimer clock, QObject *parent)
    : QObject(parent), m_window(window), m_api(api), m_clock(clock)
{
    window->installEventFilter(this);
    connect(api, &ApiClient::settled, this, [this] {
        // After the callbacks of the answer have run (they may start the next call, e.g. a resume).
        QTimer::singleShot(0, this, &StartupProbe::check);
    });
}

bool StartupProbe::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && event->type() == QEvent::Paint && !m_exposed) {
        m_exposed = true;
        // The connection to a remembered server starts on the first turn of the event loop; let it begin.
        QTimer::singleShot(0, this, &StartupProbe::check);
    }
    return QObject::eventFilter(watched, event);
}

void StartupProbe::check()
{
    if (m_reported || !m_exposed || m_api->inFlight() > 0)
        return;
    m_reported = true;
    std::printf("ready in %lld ms\n", static_cast<long long>(m_clock.elapsed()));
    std::fflush(stdout);
    QCoreApplication::quit();
}

} // namespace fd::console
