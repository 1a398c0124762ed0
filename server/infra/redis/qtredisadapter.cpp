#include "server/infra/redis/qtredisadapter.h"

#include <QSocketNotifier>

#include <hiredis/async.h>

namespace fd::infra {

QtRedisAdapter *QtRedisAdapter::attach(redisAsyncContext *context, QObject *parent)
{
    if (context->ev.data)
        return nullptr;
    return new QtRedisAdapter(context, parent);
}

QtRedisAdapter::QtRedisAdapter(redisAsyncContext *context, QObject *parent)
    : QObject(parent), m_context(context)
{
    m_read = new QSocketNotifier(context->c.fd, QSocketNotifier::Read, this);
    m_write = new QSocketNotifier(context->c.fd, QSocketNotifier::Write, this);
    // Notifiers start enabled; hiredis says when it wants events.
    m_read->setEnabled(false);
    m_write->setEnabled(false);

    // Nothing may touch the adapter after the hiredis call: a reply callback may have freed the context
    // (and through cleanup() scheduled our deletion) or deleted the client that owns us.
    connect(m_read, &QSocketNotifier::activated, this, [this] {
        if (m_context)
            redisAsyncHandleRead(m_context);
    });
    connect(m_write, &QSocketNotifier::activated, this, [this] {
        if (m_context)
            redisAsyncHandleWrite(m_context);
    });

    context->ev.data = this;
    context->ev.addRead = &QtRedisAdapter::addRead;
    context->ev.delRead = &QtRedisAdapter::delRead;
    context->ev.addWrite = &QtRedisAdapter::addWrite;
    context->ev.delWrite = &QtRedisAdapter::delWrite;
    context->ev.cleanup = &QtRedisAdapter::cleanup;
}

QtRedisAdapter::~QtRedisAdapter()
{
    detach();
}

void QtRedisAdapter::detach()
{
    m_read->setEnabled(false);
    m_write->setEnabled(false);
    if (!m_context)
        return;
    m_context->ev.data = nullptr;
    m_context->ev.addRead = nullptr;
    m_context->ev.delRead = nullptr;
    m_context->ev.addWrite = nullptr;
    m_context->ev.delWrite = nullptr;
    m_context->ev.cleanup = nullptr;
    m_context = nullptr;
}

void QtRedisAdapter::addRead(void *self)
{
    static_cast<QtRedisAdapter *>(self)->m_read->setEnabled(true);
}

void QtRedisAdapter::delRead(void *self)
{
    static_cast<QtRedisAdapter *>(self)->m_read->setEnabled(false);
}

void QtRedisAdapter::addWrite(void *self)
{
    static_cast<QtRedisAdapter *>(self)->m_write->setEnabled(true);
}

void QtRedisAdapter::delWrite(void *self)
{
    static_cast<QtRedisAdapter *>(self)->m_write->setEnabled(false);
}

// hiredis is freeing the context and closes the socket right after this: stop polling the descriptor now
// (it may be reused at once), but delete later, since we are usually inside our own notifier's signal.
void QtRedisAdapter::cleanup(void *self)
{
    auto *adapter = static_cast<QtRedisAdapter *>(self);
    adapter->detach();
    adapter->deleteLater();
}

} // namespace fd::infra
