#pragma once

#include "console/api/apiclient.h"
#include "console/app/mainwindow.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QListWidget>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
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

// Which cell names a table's row: its column and the data role read from it (an id may sit in a tooltip).
struct RowKey
{
    int column = 0;
    int role = Qt::DisplayRole;
};

inline QString keyOf(QTableView *table, int row, RowKey key)
{
    return table->model()->index(row, key.column).data(key.role).toString();
}

// The keys of every row listed, sorted.
inline QStringList keysIn(QTableView *table, RowKey key = {})
{
    QStringList keys;
    for (int row = 0; row < table->model()->rowCount(); ++row)
        keys.append(keyOf(table, row, key));
    keys.sort();
    return keys;
}

inline int rowNamed(QTableView *table, const QString &name, RowKey key = {})
{
    for (int row = 0; row < table->model()->rowCount(); ++row) {
        if (keyOf(table, row, key) == name)
            return row;
    }
    return -1;
}

// The text of one cell of the named row, or "<no row>".
inline QString cellOf(QTableView *table, const QString &name, int column, RowKey key = {})
{
    const int row = rowNamed(table, name, key);
    return row < 0 ? QStringLiteral("<no row>") : table->model()->index(row, column).data().toString();
}

inline bool selectRowNamed(QTableView *table, const QString &name, RowKey key = {})
{
    const int row = rowNamed(table, name, key);
    if (row >= 0)
        table->selectRow(row);
    return row >= 0;
}

// Whether the window lists the page titled `title`, visible, once the role is set.
inline bool offeredInWindow(console::MainWindow &window, const QString &title, const QString &role)
{
    window.setRole(role);
    const QList<QListWidgetItem *> items =
        child<QListWidget>(window, "pageList")->findItems(title, Qt::MatchExactly);
    return items.size() == 1 && !items.first()->isHidden();
}

} // namespace fd::test
