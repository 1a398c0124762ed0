#include "console/api/apiclient.h"

#include "common/version.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>

namespace fd::console {

Q_LOGGING_CATEGORY(lcApi, "fd.console.api")

namespace {

bool isJsonContentType(const QString &contentType)
{
    const QString mediaType = contentType.section(u';', 0, 0).trimmed().toLower();
    return mediaType == QLatin1StringView("application/json") ||
           mediaType.endsWith(QLatin1StringView("+json"));
}

} // namespace

ApiClient::ApiClient(QObject *parent) : QObject(parent), m_network(new QNetworkAccessManager(this)) {}

ApiClient::~ApiClient() = default;

void ApiClient::setBaseUrl(const QUrl &url)
{
    m_baseUrl = url;
    qCInfo(lcApi).noquote() << "server:" << url.toDisplayString();
}

QUrl ApiClient::urlFor(const QString &path) const
{
    QUrl url = m_baseUrl;
    const qsizetype queryStart = path.indexOf(u'?');
    QString basePath = url.path();
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    url.setPath(basePath + (queryStart < 0 ? path : path.left(queryStart)));
    url.setQuery(queryStart < 0 ? QString() : path.mid(queryStart + 1));
    return url;
}

void ApiClient::getJson(const QString &path, QObject *context, Callback done)
{
    send(QByteArrayLiteral("GET"), path, std::nullopt, context, std::move(done));
}

void ApiClient::send(const QByteArray &method, const QString &path, const std::optional<QJsonObject> &body,
                     QObject *context, Callback done, const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    dispatch(Call{method, path, body, headers}, context, std::move(done));
}

void ApiClient::dispatch(Call call, QObject *context, Callback done)
{
    Q_ASSERT(context);
    const QByteArray &method = call.method;
    const std::optional<QJsonObject> &body = call.body;
    const QUrl url = urlFor(call.path);
    if (!url.isValid() || url.host().isEmpty()) {
        ApiResult result;
        result.error = ApiError{ApiError::Kind::Transport, 0, {}, tr("No server address is set.")};
        // Answer later even here, so callers never see their callback run inside their own call.
        QMetaObject::invokeMethod(
            context, [done = std::move(done), result] { done(result); }, Qt::QueuedConnection);
        return;
    }

    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeoutMs);
    request.setRawHeader(QByteArrayLiteral("Accept"),
                         QByteArrayLiteral("application/json, application/problem+json"));
    request.setHeader(QNetworkRequest::UserAgentHeader,
                      QString(QStringLiteral("fairdrop-console/") + productVersion()));
    if (!m_accessToken.isEmpty())
        request.setRawHeader(QByteArrayLiteral("Authorization"), "Bearer " + m_accessToken);
    const bool withToken = !m_accessToken.isEmpty();
    for (const auto &[name, value] : call.headers)
        request.setRawHeader(name, value);
    QByteArray payload;
    if (body) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        payload = QJsonDocument(*body).toJson(QJsonDocument::Compact);
    }
    QNetworkReply *reply = m_network->sendCustomRequest(request, method, payload);
    ++m_inFlight;
    Q_EMIT requestSent(url);

    connect(context, &QObject::destroyed, reply, &QNetworkReply::abort);
    QElapsedTimer clock;
    clock.start();
    connect(
        reply, &QNetworkReply::finished, this,
        [this, reply, clock, call, withToken, guard = QPointer<QObject>(context), done = std::move(done)] {
            const QByteArray &method = call.method;
            reply->deleteLater();
            if (--m_inFlight == 0)
                Q_EMIT settled();
            if (!guard)
                return; // aborted because nobody is left to show the answer
            const ApiResult result = resultOf(reply);
            // Sign-in, rotation and sign-out answer 401 about their own tokens: never renew for those.
            const bool renewable = !call.path.startsWith(QLatin1StringView("/api/v1/auth/"));
            if (result.status == 401 && withToken && renewable && !call.retried && m_renewal) {
                m_renewal([this, call, guard, done, result](bool renewed) {
                    if (!guard)
                        return;
                    if (!renewed) {
                        done(result);
                        return;
                    }
                    Call again = call;
                    again.retried = true;
                    dispatch(std::move(again), guard, done);
                });
                return;
            }
            qCDebug(lcApi).noquote() << method << reply->url().toDisplayString() << result.status
                                     << clock.elapsed() << "ms";
            if (result.error && !result.error->reachedServer())
                qCInfo(lcApi).noquote()
                    << method << reply->url().toDisplayString() << "failed:" << result.error->detail;
            done(result);
        });
}

ApiResult ApiClient::resultOf(QNetworkReply *reply) const
{
    ApiResult result;
    // Our own aborts never get here (the context is gone), so a cancelled reply is the transfer timeout.
    const QNetworkReply::NetworkError networkError = reply->error();
    if (networkError == QNetworkReply::TimeoutError ||
        networkError == QNetworkReply::OperationCanceledError) {
        result.error = ApiError{
            ApiError::Kind::Timeout,
            0,
            {},
            tr("The server did not answer within %n second(s).", nullptr, (m_timeoutMs + 999) / 1000)};
        return result;
    }
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid()) {
        result.error = ApiError{ApiError::Kind::Transport, 0, {}, reply->errorString()};
        return result;
    }

    result.status = status.toInt();
    result.etag = reply->rawHeader(QByteArrayLiteral("ETag"));
    const QByteArray body = reply->readAll();
    const bool success = result.status >= 200 && result.status < 300;
    const bool json = isJsonContentType(reply->header(QNetworkRequest::ContentTypeHeader).toString());
    QJsonParseError parseError{};
    if (json && !body.isEmpty())
        result.json = QJsonDocument::fromJson(body, &parseError);

    if (success) {
        if (!body.isEmpty() && (!json || parseError.error != QJsonParseError::NoError))
            result.error = ApiError{
                ApiError::Kind::BadResponse, result.status, {}, tr("The server's answer is not valid JSON.")};
        return result;
    }

    ApiError error{ApiError::Kind::Http, result.status, {}, {}};
    const QJsonObject problem = result.json.object();
    error.code = problem.value(QLatin1StringView("code")).toString();
    error.detail = problem.value(QLatin1StringView("detail")).toString();
    if (error.detail.isEmpty())
        error.detail = problem.value(QLatin1StringView("title")).toString();
    if (error.detail.isEmpty())
        error.detail = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    if (error.detail.isEmpty())
        error.detail = tr("HTTP status %1").arg(result.status);
    result.error = error;
    return result;
}

} // namespace fd::console
