#pragma once

#include <QObject>

class QSocketNotifier;

namespace fd::app {

// Turns SIGINT/SIGTERM into a Qt signal on the main thread (self-pipe), so shutdown runs as ordinary code.
class ShutdownSignals : public QObject
{
    Q_OBJECT
public:
    explicit ShutdownSignals(QObject *parent = nullptr);
    ~ShutdownSignals() override;

Q_SIGNALS:
    void shutdownRequested(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace fd::app
