#include "tests/integration/adminfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUrl>

namespace fd::test {
QString code(const HttpResponse &response)
{
    return response.json().object().value(QStringLiteral("code")).toString();
}

QString firstErrorField(const HttpResponse &response)
{
    const QJsonArray errors = response.json().object().value(QStringLiteral("errors")).toArray();
    return errors.isEmpty() ? QString() : errors.first().toObject().value(QStringLiteral("field")).toString();
}

QStringList idsOf(const HttpResponse &response)
{
    QStringList ids;
    const QJsonArray items = response.json().object().value(QStringLiteral("items")).toArray();
    for (const QJsonValue &item : items)
        ids.append(item.toObject().value(QStringLiteral("id")).toString());
    return ids;
}

QByteArray cursorOf(const QJsonObject &key)
{
    return QJsonDocument(key)
        .toJson(QJsonDocument::Compact)
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray encoded(const QString &text)
{
    return QUrl::toPercentEncoding(text);
}

// A new client address for every call that counts toward a per-address limit (signup is 3 an hour).
Headers AdminFixture::from(Headers extra)
{
    ++m_nextClient;
    extra.append({"X-Forwarded-For", "198.51." + QByteArray::number(m_nextClient / 250) + '.' +
                                         QByteArray::number(m_nextClient % 250 + 1)});
    return extra;
}

QString AdminFixture::signup(const QString &email, const QString &accountType)
{
    const auto response = request(m_port, "POST", "/api/v1/users",
                                  json({{QStringLiteral("email"), email},
                                        {QStringLiteral("password"), kPassword},
                                        {QStringLiteral("account_type"), accountType}}),
                                  from());
    if (response.status != 201)
        qWarning("signup of %s: %d %s", qPrintable(email), response.status, response.body.constData());
    return response.json().object().value(QStringLiteral("id")).toString();
}

QJsonObject AdminFixture::login(const QString &email, const QString &password)
{
    const auto response =
        request(m_port, "POST", "/api/v1/auth/token",
                json({{QStringLiteral("email"), email}, {QStringLiteral("password"), password}}), from());
    return response.status == 200 ? response.json().object() : QJsonObject{};
}

QByteArray AdminFixture::bearerFor(const QString &email)
{
    return "Bearer " + login(email).value(QStringLiteral("access_token")).toString().toLatin1();
}

HttpResponse AdminFixture::call(const QByteArray &method, const QByteArray &path, const QByteArray &bearer,
                                const QByteArray &body, Headers extra)
{
    if (!bearer.isEmpty())
        extra.append({"Authorization", bearer});
    return request(m_port, method, path, body, extra);
}

HttpResponse AdminFixture::patchUser(const QString &id, const QJsonObject &change, Headers extra)
{
    return call("PATCH", "/api/v1/admin/users/" + id.toLatin1(), m_admin, json(change), extra);
}

// Every id of a list, following next_cursor to the end.
QStringList AdminFixture::pageThrough(const QByteArray &path, const QByteArray &bearer, int limit)
{
    QStringList ids;
    QByteArray cursor;
    const char separator = path.contains('?') ? '&' : '?';
    for (int page = 0; page < 100; ++page) {
        QByteArray url = path + separator + "limit=" + QByteArray::number(limit);
        if (!cursor.isEmpty())
            url += "&cursor=" + cursor;
        const auto response = call("GET", url, bearer);
        if (response.status != 200) {
            qWarning("GET %s: %d %s", url.constData(), response.status, response.body.constData());
            return {};
        }
        const QStringList pageIds = idsOf(response);
        if (pageIds.size() > limit)
            return {};
        ids += pageIds;
        const QJsonValue next = response.json().object().value(QStringLiteral("next_cursor"));
        if (next.isNull())
            return ids;
        cursor = next.toString().toLatin1();
    }
    return {};
}

QSqlDatabase AdminFixture::database()
{
    return m_dir.database(QStringLiteral("admin-test"));
}

QString AdminFixture::sqlValue(const QString &sql)
{
    QSqlQuery query(database());
    if (!query.exec(sql) || !query.next()) {
        qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        return {};
    }
    return query.value(0).toString();
}

bool AdminFixture::sqlExec(const QString &sql)
{
    QSqlQuery query(database());
    if (query.exec(sql))
        return true;
    qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
    return false;
}

QByteArray AdminFixture::redis(const QStringList &arguments)
{
    QProcess cli;
    cli.start(QStringLiteral("redis-cli"),
              QStringList{QStringLiteral("-s"), m_dir.path() + QStringLiteral("/run/redis.sock")} +
                  arguments);
    cli.waitForFinished(5000);
    return cli.readAllStandardOutput().trimmed();
}

void AdminFixture::startShop()
{
    m_server = std::make_unique<ServerProcess>(m_dir.path());
    m_server->environment().insert(QStringLiteral("FAIRDROP_TRUSTED_PROXIES"),
                                   QStringLiteral("127.0.0.1/32"));
    // These tests fire many writes per second as one user; the write limit has its own test.
    m_server->environment().insert(QStringLiteral("FAIRDROP_LIMIT_USER_WRITES_PER_SECOND"),
                                   QStringLiteral("100000"));
    m_server->environment().insert(QStringLiteral("FAIRDROP_ADMIN_EMAIL"), kAdminEmail);
    m_server->environment().insert(QStringLiteral("FAIRDROP_ADMIN_PASSWORD"), kPassword);
    QVERIFY2(m_server->start(), m_server->output().constData());
    m_port = m_server->port();
    QVERIFY(waitForStatus(m_port, "/readyz", 200, 20'000));
    QVERIFY2(database().isOpen(), qPrintable(database().lastError().text()));

    m_admin = bearerFor(kAdminEmail);
    const auto me = call("GET", "/api/v1/users/me", m_admin);
    QCOMPARE(me.status, 200);
    QCOMPARE(me.json().object().value(QStringLiteral("role")).toString(), QStringLiteral("admin"));
    m_adminId = me.json().object().value(QStringLiteral("id")).toString();

    // A moderator made the way ops would: in the database, before the account's state is ever cached.
    const QString moderator = signup(QStringLiteral("mod@example.com"));
    QVERIFY(sqlExec(QStringLiteral("UPDATE users SET role = 'moderator' WHERE id = '%1'").arg(moderator)));
    m_moderator = bearerFor(QStringLiteral("mod@example.com"));
    QVERIFY(!signup(QStringLiteral("plain-buyer@example.com")).isEmpty());
    m_buyer = bearerFor(QStringLiteral("plain-buyer@example.com"));
}

void AdminFixture::stopShop()
{
    QSqlDatabase::removeDatabase(QStringLiteral("admin-test"));
    m_server->terminate();
}

} // namespace fd::test
