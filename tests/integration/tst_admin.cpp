// Account administration and role upgrades over HTTP against a real server, PostgreSQL and Redis: the user
// list (filters, keyset pagination with ties), who may read and who may change, ETag and If-Match, role
// changes and deactivation applied to tokens already issued, bad input, self-demotion, upgrade requests
// from asking to deciding, the dashboard counts, and the audit trail they leave.
#include "tests/support/httpclient.h"
#include "tests/support/serverprocess.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUrlQuery>
#include <QUuid>

using namespace fd::test;

namespace {

const QString kAdminEmail = QStringLiteral("root@example.com");
const QString kPassword = QStringLiteral("correct horse battery");

using Headers = QList<std::pair<QByteArray, QByteArray>>;

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

} // namespace

class AdminTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void listFiltersEachNarrow();
    void listPaginatesWithoutSkipsOrRepeats();
    void listRejectsBadFilters_data();
    void listRejectsBadFilters();
    void moderatorReadsButCannotChange();
    void getUserHasEtagAndHidesUnknownIds();
    void ifMatchGuardsConcurrentChanges();
    void roleChangeAppliesToTheSameToken();
    void deactivationEndsTokensSessionsAndKeys();
    void patchRejectsBadInput_data();
    void patchRejectsBadInput();
    void adminCannotDemoteOrDeactivateThemselves();
    void upgradeRequestApproved();
    void upgradeRequestRejected();
    void upgradeRequestBadInput_data();
    void upgradeRequestBadInput();
    void adminUpgradeListIsAQueue();
    void statsCountAccounts();

private:
    Headers from(Headers extra = {});
    QString signup(const QString &email, const QString &accountType = QStringLiteral("buyer"));
    QJsonObject login(const QString &email, const QString &password = kPassword);
    QByteArray bearerFor(const QString &email);
    HttpResponse call(const QByteArray &method, const QByteArray &path, const QByteArray &bearer,
                      const QByteArray &body = {}, Headers extra = {});
    HttpResponse patchUser(const QString &id, const QJsonObject &change, Headers extra = {});
    QStringList pageThrough(const QByteArray &path, const QByteArray &bearer, int limit);
    QString sqlValue(const QString &sql);
    bool sqlExec(const QString &sql);
    QByteArray redis(const QStringList &arguments);
    QSqlDatabase database();

    DataDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
    quint16 m_port = 0;
    int m_nextClient = 0;
    QByteArray m_admin;
    QString m_adminId;
    QByteArray m_moderator;
    QByteArray m_buyer;
};

// A new client address for every call that counts toward a per-address limit (signup is 3 an hour).
Headers AdminTest::from(Headers extra)
{
    ++m_nextClient;
    extra.append({"X-Forwarded-For", "198.51." + QByteArray::number(m_nextClient / 250) + '.' +
                                         QByteArray::number(m_nextClient % 250 + 1)});
    return extra;
}

QString AdminTest::signup(const QString &email, const QString &accountType)
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

QJsonObject AdminTest::login(const QString &email, const QString &password)
{
    const auto response =
        request(m_port, "POST", "/api/v1/auth/token",
                json({{QStringLiteral("email"), email}, {QStringLiteral("password"), password}}), from());
    return response.status == 200 ? response.json().object() : QJsonObject{};
}

QByteArray AdminTest::bearerFor(const QString &email)
{
    return "Bearer " + login(email).value(QStringLiteral("access_token")).toString().toLatin1();
}

HttpResponse AdminTest::call(const QByteArray &method, const QByteArray &path, const QByteArray &bearer,
                             const QByteArray &body, Headers extra)
{
    if (!bearer.isEmpty())
        extra.append({"Authorization", bearer});
    return request(m_port, method, path, body, extra);
}

HttpResponse AdminTest::patchUser(const QString &id, const QJsonObject &change, Headers extra)
{
    return call("PATCH", "/api/v1/admin/users/" + id.toLatin1(), m_admin, json(change), extra);
}

// Every id of a list, following next_cursor to the end.
QStringList AdminTest::pageThrough(const QByteArray &path, const QByteArray &bearer, int limit)
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

QSqlDatabase AdminTest::database()
{
    return m_dir.database(QStringLiteral("admin-test"));
}

QString AdminTest::sqlValue(const QString &sql)
{
    QSqlQuery query(database());
    if (!query.exec(sql) || !query.next()) {
        qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        return {};
    }
    return query.value(0).toString();
}

bool AdminTest::sqlExec(const QString &sql)
{
    QSqlQuery query(database());
    if (query.exec(sql))
        return true;
    qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
    return false;
}

QByteArray AdminTest::redis(const QStringList &arguments)
{
    QProcess cli;
    cli.start(QStringLiteral("redis-cli"),
              QStringList{QStringLiteral("-s"), m_dir.path() + QStringLiteral("/run/redis.sock")} +
                  arguments);
    cli.waitForFinished(5000);
    return cli.readAllStandardOutput().trimmed();
}

void AdminTest::initTestCase()
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

void AdminTest::cleanupTestCase()
{
    QSqlDatabase::removeDatabase(QStringLiteral("admin-test"));
    m_server->terminate();
}

void AdminTest::listFiltersEachNarrow()
{
    const QString a = signup(QStringLiteral("flt-a@example.com"));
    const QString b = signup(QStringLiteral("flt-b@example.com"), QStringLiteral("seller"));
    const QString c = signup(QStringLiteral("FLT-C@example.com"));
    const QString pct = signup(QStringLiteral("pct%flt@example.com"));
    QVERIFY(!a.isEmpty() && !b.isEmpty() && !c.isEmpty() && !pct.isEmpty());
    QVERIFY(sqlExec(QStringLiteral("UPDATE users SET is_active = false WHERE id = '%1'").arg(c)));
    QVERIFY(sqlExec(QStringLiteral("UPDATE users SET is_verified = true WHERE id = '%1'").arg(b)));

    auto ids = [this](const QByteArray &query) {
        const auto response = call("GET", "/api/v1/admin/users?" + query, m_admin);
        if (response.status != 200)
            qWarning("%s: %d %s", query.constData(), response.status, response.body.constData());
        const QStringList list = idsOf(response);
        return QSet<QString>(list.cbegin(), list.cend());
    };
    QCOMPARE(ids("q=flt-"), (QSet<QString>{a, b, c}));
    QCOMPARE(ids("q=FLT-"), (QSet<QString>{a, b, c}));                         // any case
    QCOMPARE(ids("q=" + encoded(QStringLiteral("flt_"))), QSet<QString>{});    // _ is no wildcard
    QCOMPARE(ids("q=" + encoded(QStringLiteral("%flt"))), QSet<QString>{pct}); // nor is %
    QCOMPARE(ids("q=flt&role=seller"), QSet<QString>{b});
    QCOMPARE(ids("q=flt&is_active=false"), QSet<QString>{c});
    QCOMPARE(ids("q=flt&is_active=true"), (QSet<QString>{a, b, pct}));
    QCOMPARE(ids("q=flt&is_verified=true"), QSet<QString>{b});
    QCOMPARE(ids("q=flt&role=buyer&is_active=true&is_verified=false"), (QSet<QString>{a, pct}));
    QVERIFY(ids("role=admin").contains(m_adminId));
    QVERIFY(!ids("role=buyer").contains(m_adminId));

    const auto response = call("GET", "/api/v1/admin/users?q=flt-b", m_admin);
    QCOMPARE(response.status, 200);
    const QJsonObject user =
        response.json().object().value(QStringLiteral("items")).toArray().first().toObject();
    QCOMPARE(user.value(QStringLiteral("email")).toString(), QStringLiteral("flt-b@example.com"));
    QCOMPARE(user.value(QStringLiteral("role")).toString(), QStringLiteral("seller"));
    QCOMPARE(user.value(QStringLiteral("is_verified")).toBool(), true);
    QCOMPARE(user.value(QStringLiteral("is_active")).toBool(), true);
    QVERIFY(user.contains(QStringLiteral("created_at")) && user.contains(QStringLiteral("updated_at")));
    QVERIFY(!user.contains(QStringLiteral("password_hash")));
    QVERIFY(response.json().object().value(QStringLiteral("next_cursor")).isNull());
}

void AdminTest::listPaginatesWithoutSkipsOrRepeats()
{
    QStringList created;
    for (int i = 0; i < 7; ++i)
        created.append(signup(QStringLiteral("page-%1@example.com").arg(i)));
    QVERIFY(!created.contains(QString()));
    // Ties on created_at, and times a microsecond apart (the same to a millisecond-precision clock).
    QVERIFY(
        sqlExec(QStringLiteral("UPDATE users SET created_at = '2020-01-01 00:00:00.123456+00' WHERE id IN "
                               "('%1', '%2', '%3')")
                    .arg(created.at(0), created.at(1), created.at(2))));
    QVERIFY(
        sqlExec(QStringLiteral("UPDATE users SET created_at = '2020-01-01 00:00:00.123457+00' WHERE id IN "
                               "('%1', '%2')")
                    .arg(created.at(3), created.at(4))));
    QSqlQuery query(database());
    QVERIFY(query.exec(
        QStringLiteral("SELECT id FROM users WHERE email LIKE 'page-%' ORDER BY created_at DESC, id DESC")));
    QStringList expected;
    while (query.next())
        expected.append(query.value(0).toString());
    QCOMPARE(expected.size(), 7);

    for (int limit : {1, 2, 3, 7, 50})
        QCOMPARE(pageThrough("/api/v1/admin/users?q=page-", m_admin, limit), expected);
    // A moderator pages the same way.
    QCOMPARE(pageThrough("/api/v1/admin/users?q=page-", m_moderator, 4), expected);
}

void AdminTest::listRejectsBadFilters_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QString>("field");
    const QByteArray someId = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    auto cursor = [&](const QString &at) {
        return cursorOf({{QStringLiteral("at"), at}, {QStringLiteral("id"), QString::fromLatin1(someId)}});
    };
    QTest::newRow("unknown role") << QByteArray("role=king") << QStringLiteral("role");
    QTest::newRow("empty role") << QByteArray("role=") << QStringLiteral("role");
    QTest::newRow("role in capitals") << QByteArray("role=ADMIN") << QStringLiteral("role");
    QTest::newRow("is_active yes") << QByteArray("is_active=yes") << QStringLiteral("is_active");
    QTest::newRow("is_verified 1") << QByteArray("is_verified=1") << QStringLiteral("is_verified");
    QTest::newRow("limit 0") << QByteArray("limit=0") << QStringLiteral("limit");
    QTest::newRow("limit 201") << QByteArray("limit=201") << QStringLiteral("limit");
    QTest::newRow("limit words") << QByteArray("limit=ten") << QStringLiteral("limit");
    QTest::newRow("cursor garbage") << QByteArray("cursor=%%%") << QStringLiteral("cursor");
    QTest::newRow("cursor not ours") << ("cursor=" + cursorOf({{QStringLiteral("x"), 1}}))
                                     << QStringLiteral("cursor");
    QTest::newRow("cursor impossible date")
        << ("cursor=" + cursor(QStringLiteral("2026-13-45T00:00:00.000000Z"))) << QStringLiteral("cursor");
    QTest::newRow("cursor injection")
        << ("cursor=" + cursor(QStringLiteral("2026-01-01'; DROP TABLE users; --")))
        << QStringLiteral("cursor");
    QTest::newRow("q too long") << ("q=" + QByteArray(321, 'a')) << QStringLiteral("q");
    QTest::newRow("q with NUL") << QByteArray("q=a%00b") << QStringLiteral("q");
    QTest::newRow("q 1 MB") << ("q=" + QByteArray(1'000'000, 'a')) << QString();
}

void AdminTest::listRejectsBadFilters()
{
    QFETCH(QByteArray, query);
    QFETCH(QString, field);
    const auto response = call("GET", "/api/v1/admin/users?" + query, m_admin);
    if (field.isEmpty()) {
        // Refused by the connection's header limit before any route: a 4xx, never a 5xx.
        QVERIFY2(response.status == 0 || (response.status >= 400 && response.status < 500),
                 qPrintable(QString::number(response.status)));
        return;
    }
    QCOMPARE(response.status, 422);
    QCOMPARE(response.header("content-type"), QByteArray("application/problem+json"));
    QCOMPARE(code(response), QStringLiteral("validation_failed"));
    QCOMPARE(firstErrorField(response), field);
    QVERIFY(sqlValue(QStringLiteral("SELECT count(*) FROM users")).toInt() > 0);
}

void AdminTest::moderatorReadsButCannotChange()
{
    const QString target = signup(QStringLiteral("watched@example.com"));
    const QByteArray path = "/api/v1/admin/users/" + target.toLatin1();
    QCOMPARE(call("GET", "/api/v1/admin/users", m_moderator).status, 200);
    QCOMPARE(call("GET", path, m_moderator).status, 200);
    QCOMPARE(call("GET", "/api/v1/admin/stats", m_moderator).status, 200);

    const QByteArray someId = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    const QList<std::tuple<QByteArray, QByteArray, QByteArray>> adminOnly{
        {"PATCH", path, "{\"role\":\"moderator\"}"},
        {"GET", "/api/v1/admin/upgrade-requests", {}},
        {"POST", "/api/v1/admin/upgrade-requests/" + someId + "/approve", {}},
        {"POST", "/api/v1/admin/upgrade-requests/" + someId + "/reject", "{\"reason\":\"no\"}"}};
    for (const auto &[method, url, body] : adminOnly) {
        const auto response = call(method, url, m_moderator, body);
        QVERIFY2(response.status == 403, url.constData());
        QCOMPARE(code(response), QStringLiteral("forbidden"));
    }
    QCOMPARE(sqlValue(QStringLiteral("SELECT role FROM users WHERE id = '%1'").arg(target)),
             QStringLiteral("buyer"));

    // Everyone else: nothing of it.
    for (const QByteArray &url :
         {QByteArray("/api/v1/admin/users"), path, QByteArray("/api/v1/admin/stats")}) {
        QCOMPARE(call("GET", url, m_buyer).status, 403);
        const auto anonymous = call("GET", url, {});
        QCOMPARE(anonymous.status, 401);
        QVERIFY(anonymous.header("www-authenticate").startsWith("Bearer"));
    }
}

void AdminTest::getUserHasEtagAndHidesUnknownIds()
{
    const QString id = signup(QStringLiteral("etag@example.com"));
    const auto response = call("GET", "/api/v1/admin/users/" + id.toLatin1(), m_admin);
    QCOMPARE(response.status, 200);
    QCOMPARE(response.json().object().value(QStringLiteral("id")).toString(), id);
    QCOMPARE(response.json().object().value(QStringLiteral("email")).toString(),
             QStringLiteral("etag@example.com"));
    const QByteArray etag = response.header("etag");
    QVERIFY(etag.size() > 2 && etag.startsWith('"') && etag.endsWith('"'));
    QCOMPARE(call("GET", "/api/v1/admin/users/" + id.toLatin1(), m_moderator).header("etag"), etag); // stable

    for (const QByteArray &bad :
         {QUuid::createUuid().toByteArray(QUuid::WithoutBraces), QByteArray("not-a-uuid"),
          QByteArray("1'%20OR%20'1'='1"), QByteArray(5000, 'f')}) {
        const auto missing = call("GET", "/api/v1/admin/users/" + bad, m_admin);
        QVERIFY2(missing.status == 404, bad.left(40).constData());
        QCOMPARE(missing.header("content-type"), QByteArray("application/problem+json"));
        QCOMPARE(code(missing), QStringLiteral("not_found"));
        QCOMPARE(call("PATCH", "/api/v1/admin/users/" + bad, m_admin, "{\"is_verified\":true}").status, 404);
    }
}

void AdminTest::ifMatchGuardsConcurrentChanges()
{
    const QString id = signup(QStringLiteral("ifmatch@example.com"));
    const QByteArray first = call("GET", "/api/v1/admin/users/" + id.toLatin1(), m_admin).header("etag");

    const auto mismatch = patchUser(id, {{QStringLiteral("is_verified"), true}}, {{"If-Match", "\"0123\""}});
    QCOMPARE(mismatch.status, 412);
    QCOMPARE(code(mismatch), QStringLiteral("precondition_failed"));
    QCOMPARE(sqlValue(QStringLiteral("SELECT is_verified FROM users WHERE id = '%1'").arg(id)),
             QStringLiteral("false"));
    // If-Match compares strongly: a weak tag never matches.
    QCOMPARE(patchUser(id, {{QStringLiteral("is_verified"), true}}, {{"If-Match", "W/" + first}}).status,
             412);

    const auto changed =
        patchUser(id, {{QStringLiteral("is_verified"), true}}, {{"If-Match", "\"other\", " + first}});
    QCOMPARE(changed.status, 200);
    QCOMPARE(changed.json().object().value(QStringLiteral("is_verified")).toBool(), true);
    const QByteArray second = changed.header("etag");
    QVERIFY(!second.isEmpty() && second != first);
    QCOMPARE(call("GET", "/api/v1/admin/users/" + id.toLatin1(), m_admin).header("etag"), second);

    // Someone else's read is stale now.
    QCOMPARE(
        patchUser(id, {{QStringLiteral("role"), QStringLiteral("seller")}}, {{"If-Match", first}}).status,
        412);
    QCOMPARE(sqlValue(QStringLiteral("SELECT role FROM users WHERE id = '%1'").arg(id)),
             QStringLiteral("buyer"));
    QCOMPARE(patchUser(id, {{QStringLiteral("is_verified"), false}}, {{"If-Match", "*"}}).status, 200);
    QCOMPARE(patchUser(id, {{QStringLiteral("is_verified"), true}}).status, 200); // If-Match is optional
}

void AdminTest::roleChangeAppliesToTheSameToken()
{
    const QString id = signup(QStringLiteral("promoted@example.com"));
    const QJsonObject tokens = login(QStringLiteral("promoted@example.com"));
    const QByteArray bearer = "Bearer " + tokens.value(QStringLiteral("access_token")).toString().toLatin1();
    QCOMPARE(call("GET", "/api/v1/admin/users", bearer).status, 403); // also caches the buyer state

    const auto promoted = patchUser(id, {{QStringLiteral("role"), QStringLiteral("moderator")}});
    QCOMPARE(promoted.status, 200);
    QCOMPARE(promoted.json().object().value(QStringLiteral("role")).toString(), QStringLiteral("moderator"));
    QCOMPARE(redis({QStringLiteral("HGET"), QStringLiteral("fd:user:{%1}").arg(id), QStringLiteral("role")}),
             QByteArray("moderator"));
    const int ttl = redis({QStringLiteral("TTL"), QStringLiteral("fd:user:{%1}").arg(id)}).toInt();
    QVERIFY2(ttl > 0 && ttl <= 60, qPrintable(QString::number(ttl)));
    // The very same token, at once: every IO thread reads the published state.
    for (int i = 0; i < 4; ++i)
        QCOMPARE(call("GET", "/api/v1/admin/users", bearer).status, 200);

    QCOMPARE(patchUser(id, {{QStringLiteral("role"), QStringLiteral("buyer")}}).status, 200);
    for (int i = 0; i < 4; ++i)
        QCOMPARE(call("GET", "/api/v1/admin/users", bearer).status, 403);

    // A role change keeps the session: a refresh mints a token of the current role.
    const auto refreshed =
        request(m_port, "POST", "/api/v1/auth/refresh",
                json({{QStringLiteral("refresh_token"), tokens.value(QStringLiteral("refresh_token"))}}));
    QCOMPARE(refreshed.status, 200);

    QSqlQuery query(database());
    QVERIFY(
        query.exec(QStringLiteral("SELECT before->>'role', after->>'role', actor_id::text, actor_role "
                                  "FROM audit_log WHERE action = 'user.role_change' AND target_type = 'user' "
                                  "AND target_id = '%1' ORDER BY id")
                       .arg(id)));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("buyer"));
    QCOMPARE(query.value(1).toString(), QStringLiteral("moderator"));
    QCOMPARE(query.value(2).toString(), m_adminId);
    QCOMPARE(query.value(3).toString(), QStringLiteral("admin"));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("moderator"));
    QCOMPARE(query.value(1).toString(), QStringLiteral("buyer"));
    QVERIFY(!query.next());
}

void AdminTest::deactivationEndsTokensSessionsAndKeys()
{
    const QString id = signup(QStringLiteral("leaving@example.com"));
    const QJsonObject laptop = login(QStringLiteral("leaving@example.com"));
    const QJsonObject phone = login(QStringLiteral("leaving@example.com"));
    const QByteArray bearer = "Bearer " + laptop.value(QStringLiteral("access_token")).toString().toLatin1();
    QVERIFY(
        sqlExec(QStringLiteral("INSERT INTO api_keys (user_id, name, secret_hash, scopes) VALUES "
                               "('%1', 'partner', decode(repeat('ab', 32), 'hex'), ARRAY['catalog:read'])")
                    .arg(id)));
    QCOMPARE(call("GET", "/api/v1/users/me", bearer).status, 200); // the active state is cached now

    // Tokens carry whole seconds: deactivate in a later second than the one the old tokens were issued in.
    QTest::qWait(1010 - int(QDateTime::currentMSecsSinceEpoch() % 1000));
    const auto deactivated = patchUser(id, {{QStringLiteral("is_active"), false}});
    QCOMPARE(deactivated.status, 200);
    QCOMPARE(deactivated.json().object().value(QStringLiteral("is_active")).toBool(), false);

    for (int i = 0; i < 4; ++i) {
        const auto refused = call("GET", "/api/v1/users/me", bearer);
        QCOMPARE(refused.status, 403);
        QCOMPARE(code(refused), QStringLiteral("account_disabled"));
    }
    for (const QJsonObject &session : {laptop, phone}) {
        const auto refreshed = request(
            m_port, "POST", "/api/v1/auth/refresh",
            json({{QStringLiteral("refresh_token"), session.value(QStringLiteral("refresh_token"))}}));
        QVERIFY2(refreshed.status == 401 || refreshed.status == 403, refreshed.body.constData());
    }
    QVERIFY(login(QStringLiteral("leaving@example.com")).isEmpty());
    QCOMPARE(sqlValue(QStringLiteral("SELECT count(*) FROM session_families WHERE user_id = '%1' AND "
                                     "(revoked_at IS NULL OR revoked_reason <> 'deactivated')")
                          .arg(id)),
             QStringLiteral("0"));
    QCOMPARE(
        sqlValue(QStringLiteral("SELECT count(*) FROM api_keys WHERE user_id = '%1' AND revoked_at IS NULL")
                     .arg(id)),
        QStringLiteral("0"));

    QSqlQuery query(database());
    QVERIFY(query.exec(QStringLiteral("SELECT before::text, after->>'is_active', after->>'sessions_revoked', "
                                      "after->>'api_keys_revoked' FROM audit_log WHERE action = "
                                      "'user.status_change' AND target_id = '%1'")
                           .arg(id)));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("{\"is_active\": true}"));
    QCOMPARE(query.value(1).toString(), QStringLiteral("false"));
    QCOMPARE(query.value(2).toString(), QStringLiteral("2"));
    QCOMPARE(query.value(3).toString(), QStringLiteral("1"));

    // Back again: a new login works, the old tokens, sessions and keys stay ended.
    QCOMPARE(patchUser(id, {{QStringLiteral("is_active"), true}}).status, 200);
    const auto stale = call("GET", "/api/v1/users/me", bearer);
    QCOMPARE(stale.status, 401);
    QCOMPARE(code(stale), QStringLiteral("invalid_token"));
    const QJsonObject fresh = login(QStringLiteral("leaving@example.com"));
    QVERIFY(!fresh.isEmpty());
    QCOMPARE(call("GET", "/api/v1/users/me",
                  "Bearer " + fresh.value(QStringLiteral("access_token")).toString().toLatin1())
                 .status,
             200);
    const auto old =
        request(m_port, "POST", "/api/v1/auth/refresh",
                json({{QStringLiteral("refresh_token"), phone.value(QStringLiteral("refresh_token"))}}));
    QCOMPARE(old.status, 401);
    QCOMPARE(
        sqlValue(QStringLiteral("SELECT count(*) FROM api_keys WHERE user_id = '%1' AND revoked_at IS NULL")
                     .arg(id)),
        QStringLiteral("0"));
}

void AdminTest::patchRejectsBadInput_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("field");
    const QByteArray type = "application/json";
    QTest::newRow("empty object") << QByteArray("{}") << type << 422 << QString();
    QTest::newRow("unknown role") << QByteArray("{\"role\":\"king\"}") << type << 422
                                  << QStringLiteral("role");
    QTest::newRow("role number") << QByteArray("{\"role\":5}") << type << 422 << QStringLiteral("role");
    QTest::newRow("role null") << QByteArray("{\"role\":null}") << type << 422 << QStringLiteral("role");
    QTest::newRow("role array") << QByteArray("{\"role\":[\"admin\"]}") << type << 422
                                << QStringLiteral("role");
    QTest::newRow("is_active string")
        << QByteArray("{\"is_active\":\"false\"}") << type << 422 << QStringLiteral("is_active");
    QTest::newRow("is_verified number")
        << QByteArray("{\"is_verified\":1}") << type << 422 << QStringLiteral("is_verified");
    QTest::newRow("unknown field") << QByteArray("{\"email\":\"x@example.com\"}") << type << 422
                                   << QStringLiteral("email");
    QTest::newRow("unknown beside known") << QByteArray("{\"is_verified\":true,\"password_hash\":\"x\"}")
                                          << type << 422 << QStringLiteral("password_hash");
    QTest::newRow("role 1 MB") << ("{\"role\":\"" + QByteArray(1'000'000, 'a') + "\"}") << type << 422
                               << QStringLiteral("role");
    QTest::newRow("malformed") << QByteArray("{\"role\":") << type << 400 << QString();
    QTest::newRow("not an object") << QByteArray("[{\"role\":\"admin\"}]") << type << 400 << QString();
    QTest::newRow("invalid utf-8") << QByteArray("{\"role\":\"\xc3\x28\"}") << type << 400 << QString();
    QTest::newRow("no body") << QByteArray() << type << 400 << QString();
    QTest::newRow("over 1 MiB") << ("{\"role\":\"" + QByteArray(1 << 20, 'a') + "\"}") << type << 413
                                << QString();
    QTest::newRow("form") << QByteArray("role=admin") << QByteArray("application/x-www-form-urlencoded")
                          << 415 << QString();
}

void AdminTest::patchRejectsBadInput()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(int, status);
    QFETCH(QString, field);
    static const QString target = signup(QStringLiteral("untouched@example.com"));
    const auto response = call("PATCH", "/api/v1/admin/users/" + target.toLatin1(), m_admin, body,
                               {{"Content-Type", contentType}});
    QCOMPARE(response.status, status);
    QCOMPARE(response.header("content-type"), QByteArray("application/problem+json"));
    if (status == 422)
        QCOMPARE(code(response), QStringLiteral("validation_failed"));
    if (!field.isEmpty())
        QCOMPARE(firstErrorField(response), field);
    QCOMPARE(
        sqlValue(QStringLiteral("SELECT role || ' ' || is_active || ' ' || is_verified FROM users WHERE id = "
                                "'%1'")
                     .arg(target)),
        QStringLiteral("buyer true false"));
}

void AdminTest::adminCannotDemoteOrDeactivateThemselves()
{
    for (const QJsonObject &change : {QJsonObject{{QStringLiteral("role"), QStringLiteral("buyer")}},
                                      QJsonObject{{QStringLiteral("role"), QStringLiteral("moderator")}},
                                      QJsonObject{{QStringLiteral("is_active"), false}}}) {
        const auto refused = patchUser(m_adminId, change);
        QCOMPARE(refused.status, 409);
        QCOMPARE(code(refused), QStringLiteral("self_modification"));
    }
    // What changes nothing that matters is fine.
    QCOMPARE(patchUser(m_adminId, {{QStringLiteral("role"), QStringLiteral("admin")},
                                   {QStringLiteral("is_active"), true},
                                   {QStringLiteral("is_verified"), true}})
                 .status,
             200);
    QCOMPARE(
        sqlValue(QStringLiteral("SELECT role || ' ' || is_active FROM users WHERE id = '%1'").arg(m_adminId)),
        QStringLiteral("admin true"));
    QCOMPARE(call("GET", "/api/v1/admin/upgrade-requests", m_admin).status, 200);
}

void AdminTest::upgradeRequestApproved()
{
    const QString id = signup(QStringLiteral("hatter@example.com"));
    const QByteArray bearer = bearerFor(QStringLiteral("hatter@example.com"));
    QCOMPARE(call("GET", "/api/v1/users/me/upgrade-requests/latest", bearer).status, 404);
    QCOMPARE(call("GET", "/api/v1/users/me", bearer).status, 200); // caches the buyer state

    const auto created = call("POST", "/api/v1/users/me/upgrade-requests", bearer,
                              json({{QStringLiteral("requested_role"), QStringLiteral("seller")},
                                    {QStringLiteral("message"), QStringLiteral("I sell hats")}}));
    QCOMPARE(created.status, 201);
    QCOMPARE(created.header("location"), QByteArray("/api/v1/users/me/upgrade-requests/latest"));
    const QJsonObject request = created.json().object();
    const QString requestId = request.value(QStringLiteral("id")).toString();
    QCOMPARE(request.value(QStringLiteral("status")).toString(), QStringLiteral("PENDING"));
    QCOMPARE(request.value(QStringLiteral("requested_role")).toString(), QStringLiteral("seller"));
    QCOMPARE(request.value(QStringLiteral("message")).toString(), QStringLiteral("I sell hats"));
    QVERIFY(request.value(QStringLiteral("decision_reason")).isNull());

    const auto again = call("POST", "/api/v1/users/me/upgrade-requests", bearer,
                            json({{QStringLiteral("requested_role"), QStringLiteral("seller_b2b")}}));
    QCOMPARE(again.status, 409);
    QCOMPARE(code(again), QStringLiteral("upgrade_request_pending"));
    QCOMPARE(idsOf(call("GET", "/api/v1/users/me/upgrade-requests", bearer)), QStringList{requestId});
    QCOMPARE(call("GET", "/api/v1/users/me/upgrade-requests/latest", bearer)
                 .json()
                 .object()
                 .value(QStringLiteral("id"))
                 .toString(),
             requestId);

    const auto queue = call("GET", "/api/v1/admin/upgrade-requests?status=PENDING&limit=200", m_admin);
    QCOMPARE(queue.status, 200);
    QJsonObject queued;
    for (const QJsonValue &item : queue.json().object().value(QStringLiteral("items")).toArray()) {
        if (item.toObject().value(QStringLiteral("id")).toString() == requestId)
            queued = item.toObject();
    }
    QCOMPARE(queued.value(QStringLiteral("user_id")).toString(), id);
    QCOMPARE(queued.value(QStringLiteral("user_email")).toString(), QStringLiteral("hatter@example.com"));

    const QByteArray approvePath = "/api/v1/admin/upgrade-requests/" + requestId.toLatin1() + "/approve";
    const auto approved = call("POST", approvePath, m_admin);
    QCOMPARE(approved.status, 200);
    QCOMPARE(approved.json().object().value(QStringLiteral("status")).toString(), QStringLiteral("APPROVED"));
    QCOMPARE(approved.json().object().value(QStringLiteral("decided_by")).toString(), m_adminId);

    const QJsonObject me = call("GET", "/api/v1/users/me", bearer).json().object();
    QCOMPARE(me.value(QStringLiteral("role")).toString(), QStringLiteral("seller"));
    QCOMPARE(me.value(QStringLiteral("is_verified")).toBool(), true);
    // The user's current token acts as a seller at once.
    QCOMPARE(redis({QStringLiteral("HGET"), QStringLiteral("fd:user:{%1}").arg(id), QStringLiteral("role")}),
             QByteArray("seller"));

    QSqlQuery query(database());
    QVERIFY(query.exec(
        QStringLiteral("SELECT action, target_type, before::text, after::text FROM audit_log WHERE "
                       "(target_id = '%1' AND action LIKE 'user.%') OR target_id = '%2' ORDER BY id")
            .arg(id, requestId)));
    QMap<QString, std::pair<QString, QString>> entries;
    while (query.next())
        entries.insert(query.value(0).toString(), {query.value(2).toString(), query.value(3).toString()});
    QVERIFY2(entries.contains(QStringLiteral("upgrade_request.create")),
             qPrintable(entries.keys().join(u',')));
    QCOMPARE(entries.value(QStringLiteral("upgrade_request.approve")).first,
             QStringLiteral("{\"status\": \"PENDING\"}"));
    QVERIFY(entries.value(QStringLiteral("upgrade_request.approve"))
                .second.contains(QStringLiteral("\"APPROVED\"")));
    QCOMPARE(
        entries.value(QStringLiteral("user.role_change")),
        std::make_pair(QStringLiteral("{\"role\": \"buyer\"}"), QStringLiteral("{\"role\": \"seller\"}")));
    QCOMPARE(entries.value(QStringLiteral("user.verification_change")),
             std::make_pair(QStringLiteral("{\"is_verified\": false}"),
                            QStringLiteral("{\"is_verified\": true}")));

    // Decided once is decided.
    const auto twice = call("POST", approvePath, m_admin);
    QCOMPARE(twice.status, 409);
    QCOMPARE(code(twice), QStringLiteral("upgrade_request_decided"));
    const auto rejectLate =
        call("POST", "/api/v1/admin/upgrade-requests/" + requestId.toLatin1() + "/reject", m_admin,
             json({{QStringLiteral("reason"), QStringLiteral("changed my mind")}}));
    QCOMPARE(rejectLate.status, 409);
    QCOMPARE(code(rejectLate), QStringLiteral("upgrade_request_decided"));

    // A verified seller asking to be a seller asks for nothing.
    const auto held = call("POST", "/api/v1/users/me/upgrade-requests", bearer,
                           json({{QStringLiteral("requested_role"), QStringLiteral("seller")}}));
    QCOMPARE(held.status, 409);
    QCOMPARE(code(held), QStringLiteral("role_already_held"));

    for (const QByteArray &bad :
         {QUuid::createUuid().toByteArray(QUuid::WithoutBraces), QByteArray("nope")}) {
        QCOMPARE(call("POST", "/api/v1/admin/upgrade-requests/" + bad + "/approve", m_admin).status, 404);
        QCOMPARE(call("POST", "/api/v1/admin/upgrade-requests/" + bad + "/reject", m_admin,
                      json({{QStringLiteral("reason"), QStringLiteral("no")}}))
                     .status,
                 404);
    }
}

void AdminTest::upgradeRequestRejected()
{
    // An unverified seller asks for "seller": that is how sellers get verified.
    const QString id = signup(QStringLiteral("newseller@example.com"), QStringLiteral("seller"));
    const QByteArray bearer = bearerFor(QStringLiteral("newseller@example.com"));
    const auto created = call("POST", "/api/v1/users/me/upgrade-requests", bearer,
                              json({{QStringLiteral("requested_role"), QStringLiteral("seller")}}));
    QCOMPARE(created.status, 201);
    const QString requestId = created.json().object().value(QStringLiteral("id")).toString();
    const QByteArray rejectPath = "/api/v1/admin/upgrade-requests/" + requestId.toLatin1() + "/reject";

    for (const QByteArray &bad :
         {QByteArray("{}"), QByteArray("{\"reason\":\"   \"}"), QByteArray("{\"reason\":5}"),
          QByteArray("{\"reason\":\"" + QByteArray(2001, 'r') + "\"}"),
          QByteArray("{\"reason\":\"a\\u0000b\"}")}) {
        const auto refused = call("POST", rejectPath, m_admin, bad);
        QVERIFY2(refused.status == 422, bad.left(40).constData());
        QCOMPARE(firstErrorField(refused), QStringLiteral("reason"));
    }
    QCOMPARE(call("POST", rejectPath, m_admin, "{\"reason\":").status, 400);

    const auto rejected = call("POST", rejectPath, m_admin,
                               json({{QStringLiteral("reason"), QStringLiteral("Add a tax number first")}}));
    QCOMPARE(rejected.status, 200);
    QCOMPARE(rejected.json().object().value(QStringLiteral("status")).toString(), QStringLiteral("REJECTED"));

    const QJsonObject latest =
        call("GET", "/api/v1/users/me/upgrade-requests/latest", bearer).json().object();
    QCOMPARE(latest.value(QStringLiteral("status")).toString(), QStringLiteral("REJECTED"));
    QCOMPARE(latest.value(QStringLiteral("decision_reason")).toString(),
             QStringLiteral("Add a tax number first"));
    QVERIFY(!latest.value(QStringLiteral("decided_at")).isNull());
    QVERIFY(!latest.contains(QStringLiteral("decided_by"))); // staff only
    QCOMPARE(sqlValue(QStringLiteral("SELECT role || ' ' || is_verified FROM users WHERE id = '%1'").arg(id)),
             QStringLiteral("seller false"));
    QCOMPARE(sqlValue(QStringLiteral(
                          "SELECT after->>'reason' FROM audit_log WHERE action = 'upgrade_request.reject' "
                          "AND target_id = '%1'")
                          .arg(requestId)),
             QStringLiteral("Add a tax number first"));

    const auto twice =
        call("POST", rejectPath, m_admin, json({{QStringLiteral("reason"), QStringLiteral("again")}}));
    QCOMPARE(twice.status, 409);
    QCOMPARE(code(twice), QStringLiteral("upgrade_request_decided"));
    // Nothing pending any more: the seller may ask again, and sees both, newest first.
    const auto retry = call("POST", "/api/v1/users/me/upgrade-requests", bearer,
                            json({{QStringLiteral("requested_role"), QStringLiteral("seller_b2b")}}));
    QCOMPARE(retry.status, 201);
    const QString retryId = retry.json().object().value(QStringLiteral("id")).toString();
    QCOMPARE(pageThrough("/api/v1/users/me/upgrade-requests", bearer, 1), (QStringList{retryId, requestId}));
}

void AdminTest::upgradeRequestBadInput_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("field");
    QTest::newRow("admin") << QByteArray("{\"requested_role\":\"admin\"}") << 422
                           << QStringLiteral("requested_role");
    QTest::newRow("moderator") << QByteArray("{\"requested_role\":\"moderator\"}") << 422
                               << QStringLiteral("requested_role");
    QTest::newRow("buyer") << QByteArray("{\"requested_role\":\"buyer\"}") << 422
                           << QStringLiteral("requested_role");
    QTest::newRow("number") << QByteArray("{\"requested_role\":5}") << 422
                            << QStringLiteral("requested_role");
    QTest::newRow("missing") << QByteArray("{\"message\":\"hi\"}") << 422 << QStringLiteral("requested_role");
    QTest::newRow("message too long")
        << ("{\"requested_role\":\"seller\",\"message\":\"" + QByteArray(2001, 'm') + "\"}") << 422
        << QStringLiteral("message");
    QTest::newRow("message 1 MB") << ("{\"requested_role\":\"seller\",\"message\":\"" +
                                      QByteArray(1'000'000, 'm') + "\"}")
                                  << 422 << QStringLiteral("message");
    QTest::newRow("message NUL") << QByteArray("{\"requested_role\":\"seller\",\"message\":\"a\\u0000b\"}")
                                 << 422 << QStringLiteral("message");
    QTest::newRow("message object") << QByteArray("{\"requested_role\":\"seller\",\"message\":{}}") << 422
                                    << QStringLiteral("message");
    QTest::newRow("malformed") << QByteArray("{\"requested_role\"") << 400 << QString();
}

void AdminTest::upgradeRequestBadInput()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, field);
    const auto response = call("POST", "/api/v1/users/me/upgrade-requests", m_buyer, body);
    QCOMPARE(response.status, status);
    QCOMPARE(response.header("content-type"), QByteArray("application/problem+json"));
    if (!field.isEmpty())
        QCOMPARE(firstErrorField(response), field);
    QCOMPARE(call("GET", "/api/v1/users/me/upgrade-requests/latest", m_buyer).status, 404);
}

void AdminTest::adminUpgradeListIsAQueue()
{
    for (int i = 0; i < 3; ++i) {
        const QString email = QStringLiteral("queue-%1@example.com").arg(i);
        QVERIFY(!signup(email).isEmpty());
        QCOMPARE(call("POST", "/api/v1/users/me/upgrade-requests", bearerFor(email),
                      json({{QStringLiteral("requested_role"), QStringLiteral("user_b2b")}}))
                     .status,
                 201);
    }
    // Staff do not ask.
    const auto staff = call("POST", "/api/v1/users/me/upgrade-requests", m_moderator,
                            json({{QStringLiteral("requested_role"), QStringLiteral("seller")}}));
    QCOMPARE(staff.status, 409);
    QCOMPARE(code(staff), QStringLiteral("conflict"));

    auto expected = [this](const QString &where, const QString &order) {
        QSqlQuery query(database());
        query.exec(QStringLiteral("SELECT id FROM upgrade_requests %1 ORDER BY %2").arg(where, order));
        QStringList ids;
        while (query.next())
            ids.append(query.value(0).toString());
        return ids;
    };
    const QStringList pending =
        expected(QStringLiteral("WHERE status = 'PENDING'"), QStringLiteral("created_at, id"));
    QVERIFY(pending.size() >= 3);
    QCOMPARE(pageThrough("/api/v1/admin/upgrade-requests?status=PENDING", m_admin, 2), pending);
    QCOMPARE(pageThrough("/api/v1/admin/upgrade-requests", m_admin, 2),
             expected(QString(), QStringLiteral("created_at DESC, id DESC")));
    QCOMPARE(
        pageThrough("/api/v1/admin/upgrade-requests?status=REJECTED", m_admin, 1),
        expected(QStringLiteral("WHERE status = 'REJECTED'"), QStringLiteral("created_at DESC, id DESC")));
    for (const QByteArray &bad :
         {QByteArray("status=pending"), QByteArray("status=DONE"), QByteArray("limit=0")}) {
        const auto refused = call("GET", "/api/v1/admin/upgrade-requests?" + bad, m_admin);
        QVERIFY2(refused.status == 422, bad.constData());
    }
}

void AdminTest::statsCountAccounts()
{
    const auto response = call("GET", "/api/v1/admin/stats", m_admin);
    QCOMPARE(response.status, 200);
    const QJsonObject stats = response.json().object();
    const QJsonObject users = stats.value(QStringLiteral("users")).toObject();
    QCOMPARE(users.value(QStringLiteral("total")).toInteger(),
             sqlValue(QStringLiteral("SELECT count(*) FROM users")).toLongLong());
    QCOMPARE(users.value(QStringLiteral("inactive")).toInteger(),
             sqlValue(QStringLiteral("SELECT count(*) FROM users WHERE NOT is_active")).toLongLong());
    QVERIFY(users.value(QStringLiteral("inactive")).toInteger() >= 1); // flt-c
    const QJsonObject byRole = users.value(QStringLiteral("by_role")).toObject();
    QCOMPARE(byRole.keys().size(), 6);
    QCOMPARE(byRole.value(QStringLiteral("admin")).toObject().value(QStringLiteral("active")).toInteger(), 1);
    QCOMPARE(byRole.value(QStringLiteral("buyer")).toObject().value(QStringLiteral("active")).toInteger(),
             sqlValue(QStringLiteral("SELECT count(*) FROM users WHERE role = 'buyer' AND is_active"))
                 .toLongLong());
    QCOMPARE(
        byRole.value(QStringLiteral("seller_b2b")).toObject().value(QStringLiteral("inactive")).toInteger(),
        0);
    QCOMPARE(stats.value(QStringLiteral("upgrade_requests"))
                 .toObject()
                 .value(QStringLiteral("pending"))
                 .toInteger(),
             sqlValue(QStringLiteral("SELECT count(*) FROM upgrade_requests WHERE status = 'PENDING'"))
                 .toLongLong());
    QCOMPARE(call("GET", "/api/v1/admin/stats", m_moderator).json().object(), stats);
}

QTEST_GUILESS_MAIN(AdminTest)
#include "tst_admin.moc"
