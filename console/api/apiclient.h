#pragma once

#include "console/api/apiresult.h"

#include <QJsonObject>
#include <QList>
#include <QLoggingCategory>
#include <QObject>
#include <QUrl>

#include <functional>
#include <optional>
#include <utility>

class QNetworkAccessManager;
class QNetworkReply;

namespace fd::console {

Q_DECLARE_LOGGING_CATEGORY(lcApi)

// The console's only way to the server. Every call is asynchronous and answers on the client's thread;
// nothing here ever waits for the network.
class ApiClient : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const ApiResult &)>;

    static constexpr int kDefaultTimeoutMs = 10'000;

    explicit ApiClient(QObject *parent = nullptr);
    ~ApiClient() override;

    // Paths are appended to the base URL's path, so a server published under a prefix works unchanged.
    void setBaseUrl(const QUrl &url);
    QUrl baseUrl() const { return m_baseUrl; }

    // Applies to calls started afterwards; a stalled transfer longer than this fails with Kind::Timeout.
    void setTimeoutMs(int timeoutMs) { m_timeoutMs = timeoutMs; }
    int timeoutMs() const { return m_timeoutMs; }

    // GETs baseUrl + path (which may carry a query). `done` runs exactly once, later, unless `context`
    // (required, living on this thread) is destroyed first, which also aborts the request.
    void getJson(const QString &path, QObject *context, Callback done);

    // Any method, with an optional JSON body and extra headers (e.g. Idempotency-Key); the same rules.
    void send(const QByteArray &method, const QString &path, const std::optional<QJsonObject> &body,
              QObject *context, Callback done, const QList<std::pair<QByteArray, QByteArray>> &headers = {});

    // Sent as a bearer token with every call from now on; empty: none.
    void setAccessToken(const QByteArray &token) { m_accessToken = token; }
    bool hasAccessToken() const { return !m_accessToken.isEmpty(); }

    // Called when a call made with a token is answered 401 (the token lapsed, say after the computer slept):
    // renew the token, then report whether that worked. The call is then sent once more with the new token,
    // so pages never see a lapse the session could mend. Calls made while renewing wait for it.
    using Renewal = std::function<void(std::function<void(bool renewed)>)>;
    void setRenewal(Renewal renewal) { m_renewal = std::move(renewal); }

    QUrl urlFor(const QString &path) const;

    // Calls on the wire and not yet answered (activity indicators; tools that wait for a page to settle).
    int inFlight() const { return m_inFlight; }

Q_SIGNALS:
    // Emitted for every request put on the wire (activity indicators, tests).
    void requestSent(const QUrl &url);
    // The last call on the wire was answered (just before its callback runs).
    void settled();

private:
    struct Call
    {
        QByteArray method;
        QString path;
        std::optional<QJsonObject> body;
        QList<std::pair<QByteArray, QByteArray>> headers;
        bool retried = false;
    };
    void dispatch(Call call, QObject *context, Callback done);
    ApiResult resultOf(QNetworkReply *reply) const;

    QNetworkAccessManager *m_network;
    QUrl m_baseUrl;
    int m_timeoutMs = kDefaultTimeoutMs;
    QByteArray m_accessToken;
    Renewal m_renewal;
    int m_inFlight = 0;
};

} // namespace fd::console
