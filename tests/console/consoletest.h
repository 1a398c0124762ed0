#pragma once

#include "console/api/apiclient.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QUuid>
#include <QWidget>

#include <optional>

namespace fd::test {

template <typename T> T *child(QWidget &root, const char *name)
{
    return root.findChild<T *>(QString::fromLatin1(name));
}

// One call, waited for: tests set the scene and check outcomes through the same API the console uses.
inline console::ApiResult call(console::ApiClient &api, const QByteArray &method, const QString &path,
                               const std::optional<QJsonObject> &body = {})
{
    std::optional<console::ApiResult> answer;
    QObject context;
    api.send(method, path, body, &context, [&](const console::ApiResult &result) { answer = result; });
    if (!QTest::qWaitFor([&] { return answer.has_value(); }, 20'000))
        return {};
    return *answer;
}

// One POST with a fresh Idempotency-Key, waited for.
inline console::ApiResult postOnce(console::ApiClient &api, const QString &path, const QJsonObject &body = {})
{
    std::optional<console::ApiResult> answer;
    QObject context;
    api.send("POST", path, body, &context, [&](const console::ApiResult &result) { answer = result; },
             {{"Idempotency-Key", QUuid::createUuid().toByteArray(QUuid::WithoutBraces)}});
    if (!QTest::qWaitFor([&] { return answer.has_value(); }, 20'000))
        return {};
    return *answer;
}

// Signs a bare client in with a password; its access token then goes with every call it makes.
inline bool signInApi(console::ApiClient &api, const QString &email, const QString &password)
{
    const console::ApiResult tokens =
        call(api, "POST", QStringLiteral("/api/v1/auth/token"),
             QJsonObject{{QStringLiteral("email"), email}, {QStringLiteral("password"), password}});
    api.setAccessToken(tokens.json.object().value(QStringLiteral("access_token")).toString().toLatin1());
    return tokens.ok();
}

// Gives the test its own settings and standard paths, empty: nothing remembered by an earlier run.
inline void isolateSettings(const char *applicationName)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("FairDrop"));
    QCoreApplication::setApplicationName(QString::fromLatin1(applicationName));
    QSettings().clear();
}

} // namespace fd::test
