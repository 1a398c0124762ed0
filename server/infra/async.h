#pragma once

#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QThreadPool>

#include <functional>

namespace fd::infra {

// Runs work() on a pool thread, then done(result) on context's thread (queued). If context is gone by then,
// the result is dropped. The one way blocking work leaves an event-loop thread and comes back.
template <typename T>
void runOnPool(QThreadPool &pool, QObject *context, std::function<T()> work, std::function<void(T)> done)
{
    QPointer<QObject> target(context);
    pool.start([target, work = std::move(work), done = std::move(done)]() mutable {
        T result = work();
        if (target)
            QMetaObject::invokeMethod(
                target,
                [done = std::move(done), result = std::move(result)]() mutable { done(std::move(result)); },
                Qt::QueuedConnection);
    });
}

} // namespace fd::infra
