#pragma once

#include <QObject>

class QSocketNotifier;
struct redisAsyncContext;

namespace fd::infra {

// Drives one hiredis async context from the event loop of the thread the adapter lives in. hiredis asks for
// read/write interest many times per command batch; toggling two long-lived notifiers is cheaper than the
// stock adapters/qt.h, which creates and deletes a notifier each time (~20% slower end to end here).
//
// No Q_OBJECT on purpose: the adapter has no signals or slots of its own (it connects lambdas), so this
// header needs no moc run and cannot be silently left out of AUTOMOC.
class QtRedisAdapter final : public QObject
{
public:
    // Installs the event hooks on the context. Call before redisAsyncSetConnectCallback(), which already asks
    // for write interest to notice the end of the non-blocking connect. Returns nullptr when the context
    // already has an event library attached.
    static QtRedisAdapter *attach(redisAsyncContext *context, QObject *parent);

    ~QtRedisAdapter() override;

    // Cuts the link both ways without freeing the context: for an owner that frees the context itself and
    // must be sure neither side calls into the other afterwards.
    void detach();

private:
    QtRedisAdapter(redisAsyncContext *context, QObject *parent);

    static void addRead(void *self);
    static void delRead(void *self);
    static void addWrite(void *self);
    static void delWrite(void *self);
    static void cleanup(void *self);

    redisAsyncContext *m_context = nullptr;
    QSocketNotifier *m_read = nullptr;
    QSocketNotifier *m_write = nullptr;
};

} // namespace fd::infra
