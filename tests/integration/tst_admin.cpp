// Account administration over HTTP against a real server, PostgreSQL and Redis: the user list (filters,
// keyset pagination with ties), who may read and who may change, ETag and If-Match, role changes and
// deactivation applied to tokens already issued, bad input, self-demotion, the dashboard counts, and the
// audit trail they leave. Upgrade requests: tst_upgraderequests.
#include "tests/integration/adminfixture.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

using namespace fd::test;

class AdminTest : public QObject, private AdminFixture
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
    void statsCountAccounts();
};

void AdminTest::initTestCase()
{
    startShop();
}

void AdminTest::cleanupTestCase()
{
    stopShop();
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
