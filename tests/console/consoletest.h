#pragma once

#include "console/api/apiclient.h"

#include <QTest>
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

} // namespace fd::test
