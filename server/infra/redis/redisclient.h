#pragma once

#include "server/infra/redis/luascript.h"
#include "server/infra/redis/redisendpoint.h"
#include "server/infra/redis/redisreply.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <functional>
#include <utility>

struct redisAsyncContext;

namespace fd::infra {

class QtRedisAdapter;

// One asynchronous Redis connection (hiredis) driven by the event loop of the thread the client lives in.
// Never blocks: not even for DNS (names are resolved with QHostInfo) or a dead server (commands fail fast).
// Not thread-safe: create it in its IO thread and call it only there; only the counters may be read from
// other threads.
//
// Callbacks: every callback passed to command()/evalScript() is called exactly once, on the client's thread,
// and never from inside the command()/evalScript() call itself:
//   - with the server's reply;
//   - with "ERR redis unavailable" (queued to the event loop) when not connected;
//   - with "ERR redis connection lost" when the connection dropped before the reply came;
//   - with "ERR redis client destroyed" from inside the destructor when the client is deleted first, so a
//     callback never runs after the client is gone. Such a callback must not delete the client again;
//     commands it issues fail the same way.
// A callback may issue commands, and may delete the client.
// Pub/sub and MONITOR are refused (they break the one-reply-per-command contract).
class RedisClient : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const RedisReply &)>;

    explicit RedisClient(RedisEndpoint endpoint, QObject *parent = nullptr);
    ~RedisClient() override;

    // Starts connecting and keeps the connection up from then on: after a failure or a drop it retries
    // with exponential backoff from 50 ms to 2 s. Sends AUTH / SELECT when configured. An attempt that has
    // not finished its handshake after 5 s (DNS included) is abandoned and retried. Idempotent.
    void connectToServer();
    // True once the handshake (AUTH, SELECT, PING) succeeded, until the connection is lost.
    bool isConnected() const { return m_connected; }
    const RedisEndpoint &endpoint() const { return m_endpoint; }
    // The run_id of the Redis process this connection reached (from INFO at the handshake). It changes
    // whenever Redis restarts or fails over, so data stamped with it tells whether it outlived a restart.
    // Empty until the first handshake.
    const QByteArray &serverRunId() const { return m_runId; }

    // Binary-safe: each argument is sent as one bulk string, e.g. {"SET", key, value}.
    void command(const QList<QByteArray> &args, Callback callback);
    // EVALSHA; when Redis answers NOSCRIPT, runs EVAL with the source once (which caches it again).
    void evalScript(const LuaScript &script, const QList<QByteArray> &keys, const QList<QByteArray> &args,
                    Callback callback);

    // Commands handed to Redis (an EVALSHA that falls back to EVAL counts twice; AUTH/SELECT/PING of the
    // handshake do not count).
    quint64 commandsSent() const { return m_commandsSent.load(std::memory_order_relaxed); }
    // Callbacks that received an error reply, from the server or from this client (not the NOSCRIPT that
    // evalScript() recovers from).
    quint64 errors() const { return m_errors.load(std::memory_order_relaxed); }

Q_SIGNALS:
    // true after each successful handshake, false when that connection is lost; also false from the
    // destructor when connected, so up/down counters stay balanced.
    void connectionChanged(bool connected);

private:
    enum class Kind { User, ScriptProbe, Handshake };
    struct Pending;

    void startConnect();
    void openContext(redisAsyncContext *context);
    void beginHandshake();
    void handshakeReply(const QByteArray &step, const RedisReply &reply, bool last);
    void connectTimedOut();
    void connectionFailed(const QString &reason);
    void scheduleReconnect();

    void submit(const QList<QByteArray> &args, Callback callback, Kind kind);
    bool send(const QList<QByteArray> &args, Callback &callback, Kind kind);
    void fail(Callback callback, QByteArray message);
    void flushFailed();
    void deliver(const Callback &callback, Kind kind, const RedisReply &reply);
    void unlink(Pending *pending);

    static void onReply(redisAsyncContext *context, void *reply, void *privdata);
    static void onConnect(const redisAsyncContext *context, int status);
    static void onDisconnect(const redisAsyncContext *context, int status);

    RedisEndpoint m_endpoint;
    redisAsyncContext *m_context = nullptr;
    QtRedisAdapter *m_adapter = nullptr;
    QTimer m_reconnectTimer;
    QTimer m_connectTimer;
    int m_lookupId = -1;
    int m_backoffMs;

    bool m_wanted = false;    // connectToServer() was called: keep reconnecting
    bool m_connected = false; // what isConnected() says
    bool m_announced = false; // the last connectionChanged() said true
    bool m_linkLost = false;  // hiredis is flushing the current context's callbacks
    bool m_outageLogged = false;
    bool m_destroying = false;
    QString m_handshakeError;
    QByteArray m_runId;

    // Commands handed to hiredis and not answered yet, oldest first, so the destructor can answer them.
    Pending *m_first = nullptr;
    Pending *m_last = nullptr;

    // Failures answered on the next event loop pass, never inside command().
    QList<std::pair<Callback, RedisReply>> m_failed;
    bool m_flushQueued = false;

    std::atomic<quint64> m_commandsSent{0};
    std::atomic<quint64> m_errors{0};
};

} // namespace fd::infra
