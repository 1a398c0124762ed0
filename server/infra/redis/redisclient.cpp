#include "server/infra/redis/redisclient.h"

#include "server/infra/redis/qtredisadapter.h"

#include <QFile>
#include <QHostAddress>
#include <QHostInfo>
#include <QLoggingCategory>
#include <QPointer>
#include <QThread>
#include <QVarLengthArray>

#include <hiredis/async.h>
#include <hiredis/hiredis.h>

#include <algorithm>
#include <exception>
#include <memory>
#include <mutex>

#include <signal.h>

Q_LOGGING_CATEGORY(lcRedis, "fd.server.redis")

namespace fd::infra {

RedisReply fromHiredis(const redisReply *reply)
{
    RedisReply result;
    if (!reply)
        return result;
    switch (reply->type) {
    case REDIS_REPLY_STATUS:
        result.type = RedisReply::Type::Status;
        result.string = QByteArray(reply->str, qsizetype(reply->len));
        break;
    case REDIS_REPLY_ERROR:
        result.type = RedisReply::Type::Error;
        result.string = QByteArray(reply->str, qsizetype(reply->len));
        break;
    case REDIS_REPLY_INTEGER:
        result.type = RedisReply::Type::Integer;
        result.integer = reply->integer;
        break;
    case REDIS_REPLY_STRING:
        result.type = RedisReply::Type::String;
        result.string = QByteArray(reply->str, qsizetype(reply->len));
        break;
    case REDIS_REPLY_ARRAY:
        result.type = RedisReply::Type::Array;
        result.elements.reserve(qsizetype(reply->elements));
        for (size_t i = 0; i < reply->elements; ++i)
            result.elements.append(fromHiredis(reply->element[i]));
        break;
    default: // REDIS_REPLY_NIL
        break;
    }
    return result;
}

namespace {

constexpr int kMinBackoffMs = 50;
constexpr int kMaxBackoffMs = 2000;

QByteArray runIdFromInfo(const QByteArray &info)
{
    for (const QByteArray &line : info.split('\n')) {
        if (line.startsWith("run_id:"))
            return line.mid(7).trimmed();
    }
    return {};
}
// Covers DNS, the TCP connect and the handshake: a silently dropping firewall would otherwise leave us
// "connecting" for the kernel's SYN retry time (minutes).
constexpr int kConnectTimeoutMs = 5000;

const QByteArray kUnavailable = QByteArrayLiteral("ERR redis unavailable");
const QByteArray kConnectionLost = QByteArrayLiteral("ERR redis connection lost");
const QByteArray kDestroyed = QByteArrayLiteral("ERR redis client destroyed");

bool isNoScript(const RedisReply &reply)
{
    return reply.isError() && reply.string.startsWith("NOSCRIPT");
}

// These make Redis send more than one reply per command, which the callback list cannot match up.
bool breaksReplyOrder(const QByteArray &command)
{
    static const char *const kRefused[] = {"SUBSCRIBE",    "PSUBSCRIBE",   "SSUBSCRIBE", "UNSUBSCRIBE",
                                           "PUNSUBSCRIBE", "SUNSUBSCRIBE", "MONITOR"};
    for (const char *refused : kRefused) {
        if (command.compare(QByteArrayView(refused), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

// hiredis 0.14 writes with write(2): a Redis that died mid-write would raise SIGPIPE and, by default, end
// the whole server. Ignore it unless the application already chose a handler.
void ignoreSigpipeOnce()
{
    static std::once_flag once;
    std::call_once(once, [] {
        struct sigaction current
        {
        };
        if (::sigaction(SIGPIPE, nullptr, &current) == 0 && current.sa_handler == SIG_DFL)
            ::signal(SIGPIPE, SIG_IGN);
    });
}

// Callbacks run under hiredis' C frames: an exception must not unwind through them.
void invoke(const RedisClient::Callback &callback, const RedisReply &reply)
{
    if (!callback)
        return;
    try {
        callback(reply);
    } catch (const std::exception &e) {
        qCCritical(lcRedis).noquote() << "Redis callback threw:" << e.what();
    } catch (...) {
        qCCritical(lcRedis).noquote() << "Redis callback threw an unknown exception";
    }
}

} // namespace

// Owned by hiredis (as privdata) from the moment the command is queued until onReply() runs, which hiredis
// guarantees exactly once, with NULL when the context goes away. The client only links the node so that
// its destructor can answer the callback early and mark the node orphaned.
struct RedisClient::Pending
{
    RedisClient *client = nullptr; // null: already answered by the destructor
    Callback callback;
    Kind kind = Kind::User;
    Pending *previous = nullptr;
    Pending *next = nullptr;
};

RedisClient::RedisClient(RedisEndpoint endpoint, QObject *parent)
    : QObject(parent), m_endpoint(std::move(endpoint)),
      m_reconnectTimer(this), // children, so that moveToThread() before connecting takes them along
      m_connectTimer(this), m_backoffMs(kMinBackoffMs)
{
    ignoreSigpipeOnce();
    m_reconnectTimer.setSingleShot(true);
    m_connectTimer.setSingleShot(true);
    m_connectTimer.setInterval(kConnectTimeoutMs);
    connect(&m_reconnectTimer, &QTimer::timeout, this, [this] {
        if (!m_context && m_lookupId < 0)
            startConnect();
    });
    connect(&m_connectTimer, &QTimer::timeout, this, &RedisClient::connectTimedOut);
}

RedisClient::~RedisClient()
{
    m_destroying = true;
    m_wanted = false;
    if (m_lookupId >= 0)
        QHostInfo::abortHostLookup(m_lookupId);

    // Answer in-flight commands ourselves: if we are being deleted from inside a reply callback, hiredis
    // only frees the context after that callback returns, and would then call the rest after our end.
    QList<std::pair<Callback, Kind>> orphaned;
    for (Pending *pending = m_first; pending; pending = pending->next) {
        pending->client = nullptr;
        orphaned.append({std::move(pending->callback), pending->kind});
    }
    m_first = m_last = nullptr;

    if (redisAsyncContext *context = std::exchange(m_context, nullptr)) {
        context->data = nullptr;
        context->onConnect = nullptr;
        context->onDisconnect = nullptr;
        if (m_adapter)
            m_adapter->detach();
        redisAsyncFree(context); // now, or right after the running callback when called from one
    }
    m_adapter = nullptr;

    if (std::exchange(m_announced, false))
        emit connectionChanged(false);

    const RedisReply destroyed = RedisReply::error(kDestroyed);
    for (const auto &[callback, kind] : std::as_const(orphaned))
        deliver(callback, kind, destroyed);
    // Also catches commands issued by the callbacks just answered.
    while (!m_failed.isEmpty()) {
        const auto [callback, reply] = m_failed.takeFirst();
        invoke(callback, reply);
    }
}

void RedisClient::connectToServer()
{
    Q_ASSERT_X(QThread::currentThread() == thread(), "RedisClient", "used from a foreign thread");
    if (m_destroying)
        return;
    m_wanted = true;
    if (m_context || m_lookupId >= 0 || m_reconnectTimer.isActive())
        return;
    startConnect();
}

void RedisClient::startConnect()
{
    m_connectTimer.start();
    if (!m_endpoint.unixSocket.isEmpty()) {
        openContext(redisAsyncConnectUnix(QFile::encodeName(m_endpoint.unixSocket).constData()));
        return;
    }
    const auto connectTo = [this](const QHostAddress &address) {
        openContext(redisAsyncConnect(address.toString().toLatin1().constData(), m_endpoint.port));
    };
    if (const QHostAddress address(m_endpoint.host); !address.isNull()) {
        connectTo(address);
        return;
    }
    // hiredis would resolve the name with a blocking getaddrinfo() on this (IO) thread.
    m_lookupId = QHostInfo::lookupHost(m_endpoint.host, this, [this, connectTo](const QHostInfo &info) {
        m_lookupId = -1;
        if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
            connectionFailed(
                QStringLiteral("cannot resolve %1: %2").arg(m_endpoint.host, info.errorString()));
            return;
        }
        connectTo(info.addresses().constFirst());
    });
}

void RedisClient::openContext(redisAsyncContext *context)
{
    if (!context) {
        connectionFailed(QStringLiteral("out of memory"));
        return;
    }
    if (context->err) {
        const QString reason = QString::fromLocal8Bit(context->errstr);
        redisAsyncFree(context);
        connectionFailed(reason);
        return;
    }
    context->data = this;
    m_adapter = QtRedisAdapter::attach(context, this);
    m_context = context;
    m_linkLost = false;
    m_handshakeError.clear();
    redisAsyncSetDisconnectCallback(context, &RedisClient::onDisconnect);
    // Also asks for write interest: the first writable event is how hiredis notices the connect finished.
    redisAsyncSetConnectCallback(context, &RedisClient::onConnect);
}

void RedisClient::onConnect(const redisAsyncContext *context, int status)
{
    auto *self = static_cast<RedisClient *>(context->data);
    if (!self)
        return;
    if (status != REDIS_OK) {
        // hiredis frees the context right after we return; no command was queued on it yet.
        self->m_context = nullptr;
        self->m_adapter = nullptr;
        self->connectionFailed(QString::fromLocal8Bit(context->errstr));
        return;
    }
    self->beginHandshake();
}

// Only a server that answered PING counts as connected: a socket can accept while Redis still loads its
// data set (it answers -LOADING then) or rejects our AUTH.
void RedisClient::beginHandshake()
{
    QList<QList<QByteArray>> steps;
    if (!m_endpoint.password.isEmpty())
        steps.append({QByteArrayLiteral("AUTH"), m_endpoint.password});
    if (m_endpoint.database != 0)
        steps.append({QByteArrayLiteral("SELECT"), QByteArray::number(m_endpoint.database)});
    steps.append({QByteArrayLiteral("INFO"), QByteArrayLiteral("server")});
    steps.append({QByteArrayLiteral("PING")});
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const bool last = i == steps.size() - 1;
        Callback callback = [this, step = steps.at(i).constFirst(), last](const RedisReply &reply) {
            handshakeReply(step, reply, last);
        };
        send(steps.at(i), callback, Kind::Handshake);
    }
}

void RedisClient::handshakeReply(const QByteArray &step, const RedisReply &reply, bool last)
{
    if (m_destroying || m_linkLost)
        return;
    if (reply.isError()) {
        if (m_handshakeError.isEmpty()) {
            m_handshakeError = QString::fromUtf8(step + ": " + reply.string);
            // Clean close after the remaining handshake replies; onDisconnect() schedules the retry.
            redisAsyncDisconnect(m_context);
        }
        return;
    }
    if (step == "INFO")
        m_runId = runIdFromInfo(reply.string);
    if (!last || !m_handshakeError.isEmpty())
        return;
    m_connectTimer.stop();
    m_backoffMs = kMinBackoffMs;
    m_connected = true;
    m_announced = true;
    if (std::exchange(m_outageLogged, false))
        qCInfo(lcRedis).noquote() << "reconnected to" << m_endpoint.display();
    else
        qCInfo(lcRedis).noquote() << "connected to" << m_endpoint.display();
    emit connectionChanged(true); // last: a slot may delete us
}

void RedisClient::onDisconnect(const redisAsyncContext *context, int status)
{
    auto *self = static_cast<RedisClient *>(context->data);
    if (!self)
        return;
    // hiredis frees the context (and already cleaned up the adapter) right after we return.
    self->m_context = nullptr;
    self->m_adapter = nullptr;
    QString reason = self->m_handshakeError;
    if (status != REDIS_OK || reason.isEmpty())
        reason = context->err ? QString::fromLocal8Bit(context->errstr) : QStringLiteral("closed");
    self->connectionFailed(reason);
}

void RedisClient::connectTimedOut()
{
    if (m_lookupId >= 0) {
        QHostInfo::abortHostLookup(m_lookupId);
        m_lookupId = -1;
    }
    if (redisAsyncContext *context = std::exchange(m_context, nullptr)) {
        context->onDisconnect = nullptr; // reported below instead
        m_linkLost = true;
        m_adapter = nullptr; // freed through the cleanup hook
        redisAsyncFree(context);
    }
    connectionFailed(QStringLiteral("timed out after %1 ms").arg(kConnectTimeoutMs));
}

// The single place where a connection attempt or a connection ends.
void RedisClient::connectionFailed(const QString &reason)
{
    m_connectTimer.stop();
    m_connected = false;
    const bool wasAnnounced = std::exchange(m_announced, false);
    if (wasAnnounced)
        qCWarning(lcRedis).noquote() << "lost connection to" << m_endpoint.display() << ':' << reason;
    else if (!m_outageLogged)
        qCWarning(lcRedis).noquote() << "cannot connect to" << m_endpoint.display() << ':' << reason
                                     << "(retrying)";
    else
        qCDebug(lcRedis).noquote() << "still cannot connect to" << m_endpoint.display() << ':' << reason;
    m_outageLogged = true;
    scheduleReconnect();
    if (wasAnnounced)
        emit connectionChanged(false); // last: a slot may delete us
}

void RedisClient::scheduleReconnect()
{
    if (m_destroying || !m_wanted)
        return;
    m_reconnectTimer.start(m_backoffMs);
    m_backoffMs = std::min(m_backoffMs * 2, kMaxBackoffMs);
}

void RedisClient::command(const QList<QByteArray> &args, Callback callback)
{
    Q_ASSERT_X(QThread::currentThread() == thread(), "RedisClient", "used from a foreign thread");
    submit(args, std::move(callback), Kind::User);
}

void RedisClient::evalScript(const LuaScript &script, const QList<QByteArray> &keys,
                             const QList<QByteArray> &args, Callback callback)
{
    Q_ASSERT_X(QThread::currentThread() == thread(), "RedisClient", "used from a foreign thread");
    QList<QByteArray> argv;
    argv.reserve(3 + keys.size() + args.size());
    argv << QByteArrayLiteral("EVALSHA") << script.sha1 << QByteArray::number(keys.size());
    argv << keys << args;
    Callback probe = [this, argv, source = script.source,
                      callback = std::move(callback)](const RedisReply &reply) {
        if (!isNoScript(reply)) {
            invoke(callback, reply);
            return;
        }
        QList<QByteArray> eval = argv;
        eval[0] = QByteArrayLiteral("EVAL");
        eval[1] = source;
        submit(eval, callback, Kind::User);
    };
    submit(argv, std::move(probe), Kind::ScriptProbe);
}

void RedisClient::submit(const QList<QByteArray> &args, Callback callback, Kind kind)
{
    if (m_destroying)
        fail(std::move(callback), kDestroyed);
    else if (args.isEmpty())
        fail(std::move(callback), QByteArrayLiteral("ERR empty command"));
    else if (breaksReplyOrder(args.constFirst()))
        fail(std::move(callback),
             QByteArrayLiteral("ERR pub/sub and MONITOR are not supported by RedisClient"));
    else if (!m_connected || !m_context || !send(args, callback, kind))
        fail(std::move(callback), kUnavailable);
}

bool RedisClient::send(const QList<QByteArray> &args, Callback &callback, Kind kind)
{
    QVarLengthArray<const char *, 16> argv;
    QVarLengthArray<size_t, 16> lengths;
    for (const QByteArray &arg : args) {
        argv.append(arg.constData());
        lengths.append(size_t(arg.size()));
    }
    auto pending = std::make_unique<Pending>();
    pending->client = this;
    pending->callback = std::move(callback);
    pending->kind = kind;
    // hiredis copies the arguments into its output buffer before returning.
    if (redisAsyncCommandArgv(m_context, &RedisClient::onReply, pending.get(), int(argv.size()), argv.data(),
                              lengths.data()) != REDIS_OK) {
        callback = std::move(pending->callback); // back to the caller, to be failed
        return false;
    }
    Pending *node = pending.release();
    node->previous = m_last;
    (m_last ? m_last->next : m_first) = node;
    m_last = node;
    if (kind != Kind::Handshake)
        m_commandsSent.fetch_add(1, std::memory_order_relaxed);
    return true;
}

void RedisClient::unlink(Pending *pending)
{
    (pending->previous ? pending->previous->next : m_first) = pending->next;
    (pending->next ? pending->next->previous : m_last) = pending->previous;
    pending->previous = pending->next = nullptr;
}

void RedisClient::onReply(redisAsyncContext *, void *reply, void *privdata)
{
    const std::unique_ptr<Pending> pending(static_cast<Pending *>(privdata));
    RedisClient *self = pending->client;
    if (!self)
        return;
    self->unlink(pending.get());
    if (!reply) {
        // hiredis is tearing the context down and answers every queued command with NULL; the disconnect
        // callback follows once they are all done.
        self->m_linkLost = true;
        self->m_connected = false;
        self->deliver(pending->callback, pending->kind, RedisReply::error(kConnectionLost));
        return;
    }
    self->deliver(pending->callback, pending->kind, fromHiredis(static_cast<const redisReply *>(reply)));
}

void RedisClient::deliver(const Callback &callback, Kind kind, const RedisReply &reply)
{
    if (reply.isError() && (kind == Kind::User || (kind == Kind::ScriptProbe && !isNoScript(reply))))
        m_errors.fetch_add(1, std::memory_order_relaxed);
    invoke(callback, reply); // may delete this
}

void RedisClient::fail(Callback callback, QByteArray message)
{
    m_errors.fetch_add(1, std::memory_order_relaxed);
    m_failed.append({std::move(callback), RedisReply::error(std::move(message))});
    // The destructor drains m_failed itself.
    if (m_flushQueued || m_destroying)
        return;
    m_flushQueued = true;
    QMetaObject::invokeMethod(this, &RedisClient::flushFailed, Qt::QueuedConnection);
}

void RedisClient::flushFailed()
{
    m_flushQueued = false;
    // Only what was queued before this pass: a callback that retries at once must go through the event loop
    // again instead of spinning here.
    qsizetype count = m_failed.size();
    const QPointer<RedisClient> alive(this);
    while (count-- > 0 && !m_failed.isEmpty()) {
        const auto [callback, reply] = m_failed.takeFirst();
        invoke(callback, reply);
        if (!alive)
            return; // the destructor answered the rest
    }
}

} // namespace fd::infra
