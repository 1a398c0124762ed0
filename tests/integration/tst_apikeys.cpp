// Partner API keys over HTTP against a real server, PostgreSQL and Redis: creation (the secret shown once,
// stored only hashed), who may hold keys, bad input, authentication (a valid key is authenticated and then
// refused by routes without an API key scope: 403; a bad key: 401), revocation at the next request,
// expiry, deactivated owners, last_used_at, pagination, the admin endpoints, the audit trail, and
// PostgreSQL deciding alone when Redis is unreachable.
#include "server/identity/localuserstates.h"
#include "tests/support/httpclient.h"
#include "tests/support/serverprocess.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThread>
#include <QUrlQuery>

using namespace fd;
using namespace fd::test;

namespace {

// A change published by another node reaches this one once what it remembers of the user lapses.
constexpr int kLocalStateLapseMs = 3 * int(fd::identity::LocalUserStates::kLifetimeMs);

using Headers = QList<std::pair<QByteArray, QByteArray>>;

const QString kPassword = QStringLiteral("correct horse battery");

QString code(const HttpResponse &response)
{
    return response.json().object().value(QStringLiteral("code")).toString();
}

QJsonObject keyRequest(const QString &name, const QStringList &scopes)
{
    return QJsonObject{{QStringLiteral("name"), name},
                       {QStringLiteral("scopes"), QJsonArray::fromStringList(scopes)}};
}

QString inSeconds(int seconds)
{
    return QDateTime::currentDateTimeUtc().addSecs(seconds).toString(Qt::ISODateWithMs);
}

// The secret part of fdk_<id>_<secret>: the id is 32 hex digits, the secret may contain '_' itself.
QByteArray secretOf(const QByteArray &key)
{
    return key.mid(4 + 32 + 1);
}

} // namespace

class ApiKeysTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void createShowsTheSecretOnce();
    void onlyPartnerRolesHoldKeys();
    void createRejectsBadInput_data();
    void createRejectsBadInput();
    void keyAuthenticatesButUnscopedRoutesRefuseIt();
    void badKeysAreRefused_data();
    void badKeysAreRefused();
    void bothCredentialsAreRefused();
    void revocationAppliesAtTheNextRequest();
    void anotherUsersKeyIsNotFound();
    void expiredKeyIsRefused();
    void deactivatedOwnerIsRefused();
    void ownerWithoutPartnerRoleIsRefused();
    void lastUsedAtIsWrittenOncePerMinute();
    void ownListIsPaginatedNewestFirst();
    void adminListsAndRevokes();
    void postgresDecidesWhenRedisIsDown();

private:
    struct Account
    {
        QString id;
        QByteArray bearer; // "Bearer <access token>"
    };

    Account account(const QString &email, const QString &role, int client);
    Headers from(int client, Headers extra = {}) const;
    Headers as(const Account &account, Headers extra = {}) const;
    // Creates a key over HTTP and returns the full response's JSON (with "key").
    QJsonObject createKey(const Account &owner, const QJsonObject &body);
    HttpResponse withKey(const QByteArray &key, quint16 port = 0) const;
    bool redis(const QStringList &arguments, QByteArray *output = nullptr);
    QSqlDatabase database();
    QVariant scalar(const QString &sql);

    DataDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
    quint16 m_port = 0;
    Account m_alice; // user_b2b
    Account m_bob;   // seller_b2b
    Account m_carol; // buyer
    Account m_dave;  // user_b2b, deactivated by one test
    Account m_erin;  // user_b2b, made a buyer by one test
    Account m_admin;
    QByteArray m_aliceKey;   // stays valid throughout
    QByteArray m_revokedKey; // revoked by revocationAppliesAtTheNextRequest
    QByteArray m_daveKey;    // its owner is deactivated by deactivatedOwnerIsRefused
};

Headers ApiKeysTest::from(int client, Headers extra) const
{
    extra.append({"X-Forwarded-For", "203.0.113." + QByteArray::number(client)});
    return extra;
}

Headers ApiKeysTest::as(const Account &account, Headers extra) const
{
    extra.append({"Authorization", account.bearer});
    return extra;
}

ApiKeysTest::Account ApiKeysTest::account(const QString &email, const QString &role, int client)
{
    // The CLI on the running server's PostgreSQL and Redis: it needs no lock on the data directory then.
    ServerProcess cli(m_dir.path());
    cli.environment().insert(QStringLiteral("FAIRDROP_DATABASE_URL"), m_dir.databaseUrl());
    cli.environment().insert(QStringLiteral("FAIRDROP_REDIS_URL"),
                             QStringLiteral("unix://") + m_dir.path() + QStringLiteral("/run/redis.sock"));
    QByteArray output;
    const int exitCode =
        cli.runToCompletion({QStringLiteral("user"), QStringLiteral("create"), QStringLiteral("--email"),
                             email, QStringLiteral("--password"), kPassword, QStringLiteral("--role"), role},
                            &output);
    if (exitCode != 0) {
        qWarning("user create %s: exit %d: %s", qPrintable(email), exitCode, output.constData());
        return {};
    }
    static const QRegularExpression created(QStringLiteral("with id ([0-9a-f-]{36})"));
    const QString id = created.match(QString::fromUtf8(output)).captured(1);
    const auto login = request(
        m_port, "POST", "/api/v1/auth/token",
        json({{QStringLiteral("email"), email}, {QStringLiteral("password"), kPassword}}), from(client));
    if (login.status != 200)
        qWarning("login of %s: %d %s", qPrintable(email), login.status, login.body.constData());
    return {id,
            "Bearer " + login.json().object().value(QStringLiteral("access_token")).toString().toLatin1()};
}

QJsonObject ApiKeysTest::createKey(const Account &owner, const QJsonObject &body)
{
    const auto response = request(m_port, "POST", "/api/v1/users/me/api-keys", json(body), as(owner));
    if (response.status != 201)
        qWarning("create key: %d %s", response.status, response.body.constData());
    return response.json().object();
}

HttpResponse ApiKeysTest::withKey(const QByteArray &key, quint16 port) const
{
    return request(port ? port : m_port, "GET", "/api/v1/users/me", {}, {{"X-API-Key", key}});
}

bool ApiKeysTest::redis(const QStringList &arguments, QByteArray *output)
{
    QProcess cli;
    cli.start(QStringLiteral("redis-cli"),
              QStringList{QStringLiteral("-s"), m_dir.path() + QStringLiteral("/run/redis.sock")} +
                  arguments);
    const bool ran = cli.waitForFinished(5000) && cli.exitCode() == 0;
    if (output)
        *output = cli.readAllStandardOutput().trimmed();
    return ran;
}

QSqlDatabase ApiKeysTest::database()
{
    return m_dir.database(QStringLiteral("test"));
}

QVariant ApiKeysTest::scalar(const QString &sql)
{
    QSqlQuery query(database());
    if (!query.exec(sql) || !query.next()) {
        qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        return {};
    }
    return query.value(0);
}

void ApiKeysTest::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(m_dir.path());
    m_server->environment().insert(QStringLiteral("FAIRDROP_TRUSTED_PROXIES"),
                                   QStringLiteral("127.0.0.1/32"));
    // These tests fire many writes per second as one user; the write limit has its own test.
    m_server->environment().insert(QStringLiteral("FAIRDROP_LIMIT_USER_WRITES_PER_SECOND"),
                                   QStringLiteral("100000"));
    QVERIFY2(m_server->start(), m_server->output().constData());
    m_port = m_server->port();
    QVERIFY(waitForStatus(m_port, "/readyz", 200, 20'000));
    QVERIFY2(database().isOpen(), qPrintable(database().lastError().text()));

    m_alice = account(QStringLiteral("alice@partner.example"), QStringLiteral("user_b2b"), 1);
    m_bob = account(QStringLiteral("bob@partner.example"), QStringLiteral("seller_b2b"), 2);
    m_carol = account(QStringLiteral("carol@example.com"), QStringLiteral("buyer"), 3);
    m_dave = account(QStringLiteral("dave@partner.example"), QStringLiteral("user_b2b"), 4);
    m_admin = account(QStringLiteral("root@example.com"), QStringLiteral("admin"), 5);
    m_erin = account(QStringLiteral("erin@partner.example"), QStringLiteral("user_b2b"), 6);
    for (const Account *each : {&m_alice, &m_bob, &m_carol, &m_dave, &m_admin, &m_erin})
        QVERIFY(!each->id.isEmpty() && each->bearer.size() > 20);

    m_aliceKey = createKey(m_alice, keyRequest(QStringLiteral("shared"), {QStringLiteral("catalog:read")}))
                     .value(QStringLiteral("key"))
                     .toString()
                     .toLatin1();
    QVERIFY(!m_aliceKey.isEmpty());
}

void ApiKeysTest::cleanupTestCase()
{
    QSqlDatabase::removeDatabase(QStringLiteral("test"));
    m_server->terminate();
}

void ApiKeysTest::createShowsTheSecretOnce()
{
    const QString expires = inSeconds(86'400);
    QJsonObject body = keyRequest(QStringLiteral("warehouse sync"),
                                  {QStringLiteral("orders:read"), QStringLiteral("catalog:read")});
    body.insert(QStringLiteral("expires_at"), expires);
    const auto created = request(m_port, "POST", "/api/v1/users/me/api-keys", json(body), as(m_alice));
    QCOMPARE(created.status, 201);
    QCOMPARE(created.header("cache-control"), QByteArray("no-store"));
    const QJsonObject key = created.json().object();
    const QString id = key.value(QStringLiteral("id")).toString();
    QVERIFY(!QUuid::fromString(id).isNull());
    QCOMPARE(created.header("location"), "/api/v1/users/me/api-keys/" + id.toLatin1());
    QCOMPARE(key.value(QStringLiteral("name")).toString(), QStringLiteral("warehouse sync"));
    QCOMPARE(key.value(QStringLiteral("scopes")).toArray().size(), 2);
    QCOMPARE(key.value(QStringLiteral("user_id")).toString(), m_alice.id);
    QVERIFY(!key.value(QStringLiteral("created_at")).toString().isEmpty());
    QCOMPARE(QDateTime::fromString(key.value(QStringLiteral("expires_at")).toString(), Qt::ISODate)
                 .toSecsSinceEpoch(),
             QDateTime::fromString(expires, Qt::ISODateWithMs).toSecsSinceEpoch());

    const QByteArray full = key.value(QStringLiteral("key")).toString().toLatin1();
    static const QRegularExpression format(QStringLiteral("^fdk_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$"));
    QVERIFY2(format.match(QString::fromLatin1(full)).hasMatch(), full.constData());
    QCOMPARE(full.mid(4, 32), QUuid::fromString(id).toByteArray(QUuid::Id128));
    const QByteArray secret = secretOf(full);

    // Never shown again.
    const auto listed = request(m_port, "GET", "/api/v1/users/me/api-keys", {}, as(m_alice));
    QCOMPARE(listed.status, 200);
    QVERIFY(!listed.body.contains(secret));
    bool found = false;
    for (const QJsonValue item : listed.json().object().value(QStringLiteral("items")).toArray()) {
        const QJsonObject object = item.toObject();
        QVERIFY(!object.contains(QStringLiteral("key")));
        QVERIFY(!object.contains(QStringLiteral("secret_hash")));
        found = found || object.value(QStringLiteral("id")).toString() == id;
    }
    QVERIFY(found);

    // Stored as SHA-256 of the secret only.
    QCOMPARE(scalar(QStringLiteral("SELECT encode(secret_hash, 'hex') FROM api_keys WHERE id = '%1'").arg(id))
                 .toByteArray(),
             QCryptographicHash::hash(secret, QCryptographicHash::Sha256).toHex());
    QVERIFY(!scalar(QStringLiteral("SELECT row_to_json(k)::text FROM api_keys k WHERE id = '%1'").arg(id))
                 .toByteArray()
                 .contains(secret));

    // Audited, without the secret.
    QSqlQuery audit(database());
    QVERIFY(
        audit.exec(QStringLiteral("SELECT actor_id::text, actor_role, after::text, request_id FROM audit_log "
                                  "WHERE action = 'api_key.create' AND target_type = 'api_key' "
                                  "AND target_id = '%1'")
                       .arg(id)));
    QVERIFY(audit.next());
    QCOMPARE(audit.value(0).toString(), m_alice.id);
    QCOMPARE(audit.value(1).toString(), QStringLiteral("user_b2b"));
    const QByteArray after = audit.value(2).toByteArray();
    QVERIFY(after.contains("warehouse sync"));
    QVERIFY(!after.contains(secret));
    QVERIFY(!after.contains(full.left(36)));
    QCOMPARE(audit.value(3).toByteArray(), created.header("x-request-id"));
    QVERIFY(!audit.next());
}

void ApiKeysTest::onlyPartnerRolesHoldKeys()
{
    const QByteArray body = json(keyRequest(QStringLiteral("shop"), {QStringLiteral("orders:write")}));
    QCOMPARE(request(m_port, "POST", "/api/v1/users/me/api-keys", body, as(m_bob)).status, 201);
    QCOMPARE(request(m_port, "POST", "/api/v1/users/me/api-keys", body, as(m_admin)).status, 201);

    const auto buyer = request(m_port, "POST", "/api/v1/users/me/api-keys", body, as(m_carol));
    QCOMPARE(buyer.status, 403);
    QCOMPARE(code(buyer), QStringLiteral("forbidden"));
    QCOMPARE(request(m_port, "GET", "/api/v1/users/me/api-keys", {}, as(m_carol)).status, 403);
    QCOMPARE(request(m_port, "GET", "/api/v1/users/me/api-keys").status, 401);
    QCOMPARE(
        scalar(QStringLiteral("SELECT count(*) FROM api_keys WHERE user_id = '%1'").arg(m_carol.id)).toInt(),
        0);
}

void ApiKeysTest::createRejectsBadInput_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("field");
    const QByteArray scopes = "\"scopes\":[\"catalog:read\"]";
    QTest::newRow("not json") << QByteArray("{\"name\":") << 400 << QString();
    QTest::newRow("name missing") << ("{" + scopes + "}") << 422 << QStringLiteral("name");
    QTest::newRow("name empty") << ("{\"name\":\"\"," + scopes + "}") << 422 << QStringLiteral("name");
    QTest::newRow("name blank") << ("{\"name\":\"   \"," + scopes + "}") << 422 << QStringLiteral("name");
    QTest::newRow("name 101 characters")
        << ("{\"name\":\"" + QByteArray(101, 'n') + "\"," + scopes + "}") << 422 << QStringLiteral("name");
    QTest::newRow("name with NUL") << ("{\"name\":\"a\\u0000b\"," + scopes + "}") << 422
                                   << QStringLiteral("name");
    QTest::newRow("name number") << ("{\"name\":5," + scopes + "}") << 422 << QStringLiteral("name");
    QTest::newRow("scopes missing") << QByteArray("{\"name\":\"k\"}") << 422 << QStringLiteral("scopes");
    QTest::newRow("scopes empty") << QByteArray("{\"name\":\"k\",\"scopes\":[]}") << 422
                                  << QStringLiteral("scopes");
    QTest::newRow("scopes a string") << QByteArray("{\"name\":\"k\",\"scopes\":\"catalog:read\"}") << 422
                                     << QStringLiteral("scopes");
    QTest::newRow("scope a number") << QByteArray("{\"name\":\"k\",\"scopes\":[1]}") << 422
                                    << QStringLiteral("scopes");
    QTest::newRow("unknown scope") << QByteArray("{\"name\":\"k\",\"scopes\":[\"catalog:read\",\"admin\"]}")
                                   << 422 << QStringLiteral("scopes");
    QTest::newRow("scope in capitals")
        << QByteArray("{\"name\":\"k\",\"scopes\":[\"CATALOG:READ\"]}") << 422 << QStringLiteral("scopes");
    QTest::newRow("expires in the past")
        << ("{\"name\":\"k\"," + scopes + ",\"expires_at\":\"2020-01-01T00:00:00Z\"}") << 422
        << QStringLiteral("expires_at");
    QTest::newRow("expires not a date") << ("{\"name\":\"k\"," + scopes + ",\"expires_at\":\"next week\"}")
                                        << 422 << QStringLiteral("expires_at");
    QTest::newRow("expires without offset")
        << ("{\"name\":\"k\"," + scopes + ",\"expires_at\":\"2099-01-01T00:00:00\"}") << 422
        << QStringLiteral("expires_at");
    QTest::newRow("expires invalid day")
        << ("{\"name\":\"k\"," + scopes + ",\"expires_at\":\"2099-02-30T00:00:00Z\"}") << 422
        << QStringLiteral("expires_at");
    QTest::newRow("expires a number") << ("{\"name\":\"k\"," + scopes + ",\"expires_at\":4102444800}") << 422
                                      << QStringLiteral("expires_at");
}

void ApiKeysTest::createRejectsBadInput()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, field);
    const qint64 before = scalar(QStringLiteral("SELECT count(*) FROM api_keys")).toLongLong();
    const auto response = request(m_port, "POST", "/api/v1/users/me/api-keys", body, as(m_alice));
    QCOMPARE(response.status, status);
    QCOMPARE(response.header("content-type"), QByteArray("application/problem+json"));
    if (!field.isEmpty()) {
        QCOMPARE(code(response), QStringLiteral("validation_failed"));
        const QJsonArray errors = response.json().object().value(QStringLiteral("errors")).toArray();
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().toObject().value(QStringLiteral("field")).toString(), field);
    }
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM api_keys")).toLongLong(), before);
}

void ApiKeysTest::keyAuthenticatesButUnscopedRoutesRefuseIt()
{
    // No partner route exists yet. A route without an API key scope refuses a key it has authenticated
    // (403 forbidden), whereas a key that fails authentication gets 401 (badKeysAreRefused).
    const auto me = withKey(m_aliceKey);
    QCOMPARE(me.status, 403);
    QCOMPARE(code(me), QStringLiteral("forbidden"));
    QVERIFY(
        me.json().object().value(QStringLiteral("detail")).toString().contains(QStringLiteral("API key")));

    // A key cannot manage keys, not even its own.
    const Headers key{{"X-API-Key", m_aliceKey}};
    QCOMPARE(request(m_port, "GET", "/api/v1/users/me/api-keys", {}, key).status, 403);
    QCOMPARE(request(m_port, "POST", "/api/v1/users/me/api-keys",
                     json(keyRequest(QStringLiteral("child"), {QStringLiteral("catalog:read")})), key)
                 .status,
             403);
    const QString id =
        QUuid::fromRfc4122(QByteArray::fromHex(m_aliceKey.mid(4, 32))).toString(QUuid::WithoutBraces);
    QCOMPARE(request(m_port, "DELETE", "/api/v1/users/me/api-keys/" + id.toLatin1(), {}, key).status, 403);
    QCOMPARE(request(m_port, "GET", "/api/v1/admin/api-keys", {}, key).status, 403);
    QCOMPARE(withKey(m_aliceKey).status, 403); // still valid
}

void ApiKeysTest::badKeysAreRefused_data()
{
    QTest::addColumn<QByteArray>("key");
    const QByteArray valid = m_aliceKey;
    QByteArray wrongSecret = valid;
    wrongSecret[wrongSecret.size() - 5] = wrongSecret.at(wrongSecret.size() - 5) == 'A' ? 'B' : 'A';
    QByteArray otherId = valid;
    otherId.replace(4, 32, QUuid::createUuid().toByteArray(QUuid::Id128));

    QTest::newRow("empty") << QByteArray();
    QTest::newRow("garbage") << QByteArray("let me in");
    QTest::newRow("prefix only") << QByteArray("fdk_");
    QTest::newRow("wrong secret") << wrongSecret;
    QTest::newRow("unknown id") << otherId;
    QTest::newRow("upper-case id") << ("fdk_" + valid.mid(4, 32).toUpper() + valid.mid(36));
    QTest::newRow("dashed id")
        << ("fdk_" +
            QUuid::fromRfc4122(QByteArray::fromHex(valid.mid(4, 32))).toByteArray(QUuid::WithoutBraces) +
            valid.mid(36));
    QTest::newRow("truncated") << valid.chopped(1);
    QTest::newRow("one more character") << (valid + 'A');
    QTest::newRow("secret not base64url") << (valid.chopped(1) + '+');
    QTest::newRow("other prefix") << ("fdr_" + valid.mid(4));
    QTest::newRow("as a bearer") << ("Bearer " + valid);
}

void ApiKeysTest::badKeysAreRefused()
{
    QFETCH(QByteArray, key);
    const auto response = withKey(key);
    QCOMPARE(response.status, 401);
    QCOMPARE(code(response), QStringLiteral("invalid_token"));
    QVERIFY(!response.header("www-authenticate").isEmpty());
    QCOMPARE(withKey(m_aliceKey).status, 403); // the real key is unaffected
}

void ApiKeysTest::bothCredentialsAreRefused()
{
    const auto both = request(m_port, "GET", "/api/v1/users/me", {},
                              {{"Authorization", m_alice.bearer}, {"X-API-Key", m_aliceKey}});
    QCOMPARE(both.status, 401);
    QCOMPARE(request(m_port, "GET", "/api/v1/users/me", {}, as(m_alice)).status, 200);
}

void ApiKeysTest::revocationAppliesAtTheNextRequest()
{
    const QJsonObject created =
        createKey(m_alice, keyRequest(QStringLiteral("short-lived"), {QStringLiteral("orders:read")}));
    const QString id = created.value(QStringLiteral("id")).toString();
    m_revokedKey = created.value(QStringLiteral("key")).toString().toLatin1();
    QCOMPARE(withKey(m_revokedKey).status, 403); // authenticated, and now cached in Redis
    QCOMPARE(withKey(m_revokedKey).status, 403);
    const QStringList cachedState{QStringLiteral("HGET"), QStringLiteral("fd:apikey:{%1}").arg(id),
                                  QStringLiteral("revoked")};
    QByteArray revokedField;
    QVERIFY(redis(cachedState, &revokedField));
    QCOMPARE(revokedField, QByteArray("0"));

    const auto deleted =
        request(m_port, "DELETE", "/api/v1/users/me/api-keys/" + id.toLatin1(), {}, as(m_alice));
    QCOMPARE(deleted.status, 204);
    const auto refused = withKey(m_revokedKey);
    QCOMPARE(refused.status, 401);
    QCOMPARE(code(refused), QStringLiteral("invalid_token"));
    QVERIFY(redis(cachedState, &revokedField));
    QCOMPARE(revokedField, QByteArray("1")); // overwritten after the commit, not merely expired

    // Gone from the owner's list, and a second delete finds nothing.
    const auto listed = request(m_port, "GET", "/api/v1/users/me/api-keys?limit=200", {}, as(m_alice));
    QVERIFY(!listed.body.contains(id.toLatin1()));
    QCOMPARE(request(m_port, "DELETE", "/api/v1/users/me/api-keys/" + id.toLatin1(), {}, as(m_alice)).status,
             404);

    QVERIFY(scalar(QStringLiteral("SELECT revoked_at IS NOT NULL FROM api_keys WHERE id = '%1'").arg(id))
                .toBool());
    QSqlQuery audit(database());
    QVERIFY(audit.exec(QStringLiteral("SELECT actor_id::text, after->>'by' FROM audit_log WHERE action = "
                                      "'api_key.revoke' AND target_type = 'api_key' AND target_id = '%1'")
                           .arg(id)));
    QVERIFY(audit.next());
    QCOMPARE(audit.value(0).toString(), m_alice.id);
    QCOMPARE(audit.value(1).toString(), QStringLiteral("owner"));
    QVERIFY(!audit.next());
}

void ApiKeysTest::anotherUsersKeyIsNotFound()
{
    const QString id =
        QUuid::fromRfc4122(QByteArray::fromHex(m_aliceKey.mid(4, 32))).toString(QUuid::WithoutBraces);
    const auto foreign =
        request(m_port, "DELETE", "/api/v1/users/me/api-keys/" + id.toLatin1(), {}, as(m_bob));
    QCOMPARE(foreign.status, 404);
    QCOMPARE(code(foreign), QStringLiteral("not_found"));
    QCOMPARE(request(m_port, "DELETE",
                     "/api/v1/users/me/api-keys/" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces), {},
                     as(m_bob))
                 .status,
             404);
    QCOMPARE(request(m_port, "DELETE", "/api/v1/users/me/api-keys/not-a-key", {}, as(m_bob)).status, 404);
    QCOMPARE(withKey(m_aliceKey).status, 403); // still valid
    QVERIFY(!scalar(QStringLiteral("SELECT revoked_at IS NOT NULL FROM api_keys WHERE id = '%1'").arg(id))
                 .toBool());
}

void ApiKeysTest::expiredKeyIsRefused()
{
    QJsonObject body = keyRequest(QStringLiteral("expiring"), {QStringLiteral("catalog:read")});
    body.insert(QStringLiteral("expires_at"), inSeconds(4));
    const QByteArray key = createKey(m_alice, body).value(QStringLiteral("key")).toString().toLatin1();
    QCOMPARE(withKey(key).status, 403); // and now cached, with the time it expires
    QTRY_COMPARE_WITH_TIMEOUT(withKey(key).status, 401, 15'000);
    QCOMPARE(code(withKey(key)), QStringLiteral("invalid_token"));
}

void ApiKeysTest::deactivatedOwnerIsRefused()
{
    m_daveKey = createKey(m_dave, keyRequest(QStringLiteral("dave's"), {QStringLiteral("catalog:read")}))
                    .value(QStringLiteral("key"))
                    .toString()
                    .toLatin1();
    QCOMPARE(withKey(m_daveKey).status, 403);
    QCOMPARE(code(withKey(m_daveKey)), QStringLiteral("forbidden"));

    // What the admin endpoint does on another node: change PostgreSQL, then publish the new state. This
    // node follows once what it remembers of the user lapses.
    QSqlQuery query(database());
    QVERIFY(query.exec(QStringLiteral("UPDATE users SET is_active = false WHERE id = '%1'").arg(m_dave.id)));
    QVERIFY(redis({QStringLiteral("HSET"), QStringLiteral("fd:user:{%1}").arg(m_dave.id),
                   QStringLiteral("active"), QStringLiteral("0")}));
    QTRY_COMPARE_WITH_TIMEOUT(code(withKey(m_daveKey)), QStringLiteral("account_disabled"),
                              kLocalStateLapseMs);
    const auto refused = withKey(m_daveKey);
    QCOMPARE(refused.status, 403);
    QCOMPARE(code(refused), QStringLiteral("account_disabled"));
}

void ApiKeysTest::ownerWithoutPartnerRoleIsRefused()
{
    const QByteArray key =
        createKey(m_erin, keyRequest(QStringLiteral("erin's"), {QStringLiteral("catalog:read")}))
            .value(QStringLiteral("key"))
            .toString()
            .toLatin1();
    const auto authenticated = withKey(key);
    QCOMPARE(authenticated.status, 403);
    const QString unscoped = authenticated.json().object().value(QStringLiteral("detail")).toString();

    QSqlQuery query(database());
    QVERIFY(query.exec(QStringLiteral("UPDATE users SET role = 'buyer' WHERE id = '%1'").arg(m_erin.id)));
    QVERIFY(redis({QStringLiteral("HSET"), QStringLiteral("fd:user:{%1}").arg(m_erin.id),
                   QStringLiteral("role"), QStringLiteral("buyer")}));
    // Refused before any route rule is consulted: the owner may no longer use keys at all.
    QTRY_VERIFY_WITH_TIMEOUT(code(withKey(key)) == QStringLiteral("forbidden") &&
                                 withKey(key).json().object().value(QStringLiteral("detail")).toString() !=
                                     unscoped,
                             kLocalStateLapseMs);
    const auto refused = withKey(key);
    QCOMPARE(refused.status, 403);
    QCOMPARE(code(refused), QStringLiteral("forbidden"));
    QVERIFY(refused.json().object().value(QStringLiteral("detail")).toString() != unscoped);
}

void ApiKeysTest::lastUsedAtIsWrittenOncePerMinute()
{
    const QJsonObject created =
        createKey(m_bob, keyRequest(QStringLiteral("usage"), {QStringLiteral("orders:read")}));
    const QString id = created.value(QStringLiteral("id")).toString();
    const QByteArray key = created.value(QStringLiteral("key")).toString().toLatin1();
    const QString lastUsed =
        QStringLiteral("SELECT coalesce(last_used_at::text, '') FROM api_keys WHERE id = '%1'").arg(id);
    QCOMPARE(scalar(lastUsed).toString(), QString());
    QVERIFY(created.value(QStringLiteral("last_used_at")).isNull());

    QCOMPARE(withKey(key).status, 403);
    QTRY_VERIFY_WITH_TIMEOUT(!scalar(lastUsed).toString().isEmpty(), 5000);
    const QString first = scalar(lastUsed).toString();
    for (int i = 0; i < 3; ++i)
        QCOMPARE(withKey(key).status, 403);
    QThread::msleep(500);
    QCOMPARE(scalar(lastUsed).toString(), first);

    const auto listed = request(m_port, "GET", "/api/v1/users/me/api-keys?limit=200", {}, as(m_bob));
    for (const QJsonValue item : listed.json().object().value(QStringLiteral("items")).toArray()) {
        if (item.toObject().value(QStringLiteral("id")).toString() == id)
            QVERIFY(item.toObject().value(QStringLiteral("last_used_at")).isString());
    }
}

void ApiKeysTest::ownListIsPaginatedNewestFirst()
{
    for (int i = 0; i < 3; ++i)
        QVERIFY(
            !createKey(m_bob, keyRequest(QStringLiteral("page %1").arg(i), {QStringLiteral("catalog:read")}))
                 .isEmpty());
    const int expected =
        scalar(QStringLiteral("SELECT count(*) FROM api_keys WHERE user_id = '%1' AND revoked_at IS NULL")
                   .arg(m_bob.id))
            .toInt();
    QVERIFY(expected >= 4);

    QStringList ids;
    QDateTime previous;
    QByteArray path = "/api/v1/users/me/api-keys?limit=2";
    for (int page = 0; page < 10 && !path.isEmpty(); ++page) {
        const auto response = request(m_port, "GET", path, {}, as(m_bob));
        QCOMPARE(response.status, 200);
        const QJsonObject body = response.json().object();
        const QJsonArray items = body.value(QStringLiteral("items")).toArray();
        QVERIFY(items.size() <= 2);
        for (const QJsonValue item : items) {
            const QJsonObject key = item.toObject();
            QCOMPARE(key.value(QStringLiteral("user_id")).toString(), m_bob.id);
            const QDateTime created =
                QDateTime::fromString(key.value(QStringLiteral("created_at")).toString(), Qt::ISODate);
            QVERIFY(!previous.isValid() || created <= previous);
            previous = created;
            ids.append(key.value(QStringLiteral("id")).toString());
        }
        const QJsonValue next = body.value(QStringLiteral("next_cursor"));
        path = next.isString()
                   ? "/api/v1/users/me/api-keys?limit=2&cursor=" + QUrl::toPercentEncoding(next.toString())
                   : QByteArray();
    }
    QCOMPARE(ids.size(), expected);
    QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()).size(), expected);

    QCOMPARE(request(m_port, "GET", "/api/v1/users/me/api-keys?cursor=bm9wZQ", {}, as(m_bob)).status, 422);
    const QByteArray forged =
        QJsonDocument(QJsonObject{{QStringLiteral("at"), QStringLiteral("yesterday")},
                                  {QStringLiteral("id"), QUuid::createUuid().toString()}})
            .toJson(QJsonDocument::Compact)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    QCOMPARE(request(m_port, "GET", "/api/v1/users/me/api-keys?cursor=" + forged, {}, as(m_bob)).status, 422);
    QCOMPARE(request(m_port, "GET", "/api/v1/users/me/api-keys?limit=0", {}, as(m_bob)).status, 422);
}

void ApiKeysTest::adminListsAndRevokes()
{
    const QJsonObject created =
        createKey(m_alice, keyRequest(QStringLiteral("admin target"), {QStringLiteral("orders:write")}));
    const QByteArray id = created.value(QStringLiteral("id")).toString().toLatin1();
    const QByteArray key = created.value(QStringLiteral("key")).toString().toLatin1();
    QCOMPARE(withKey(key).status, 403);

    // Every key of the user, revoked ones too, newest first.
    const auto listed = request(
        m_port, "GET", "/api/v1/admin/api-keys?limit=200&user_id=" + m_alice.id.toLatin1(), {}, as(m_admin));
    QCOMPARE(listed.status, 200);
    const QJsonArray items = listed.json().object().value(QStringLiteral("items")).toArray();
    QCOMPARE(
        items.size(),
        scalar(QStringLiteral("SELECT count(*) FROM api_keys WHERE user_id = '%1'").arg(m_alice.id)).toInt());
    QCOMPARE(items.first().toObject().value(QStringLiteral("id")).toString().toLatin1(), id);
    bool sawRevoked = false;
    for (const QJsonValue item : items) {
        QCOMPARE(item.toObject().value(QStringLiteral("user_id")).toString(), m_alice.id);
        sawRevoked = sawRevoked || item.toObject().value(QStringLiteral("revoked_at")).isString();
    }
    QVERIFY(sawRevoked);
    QVERIFY(!listed.body.contains(secretOf(key)));
    const auto everyone = request(m_port, "GET", "/api/v1/admin/api-keys?limit=1", {}, as(m_admin));
    QCOMPARE(everyone.status, 200);
    QVERIFY(everyone.json().object().value(QStringLiteral("next_cursor")).isString());
    QCOMPARE(request(m_port, "GET", "/api/v1/admin/api-keys?user_id=nobody", {}, as(m_admin)).status, 422);

    // Partners may not use the admin endpoints.
    QCOMPARE(request(m_port, "GET", "/api/v1/admin/api-keys", {}, as(m_alice)).status, 403);
    QCOMPARE(request(m_port, "POST", "/api/v1/admin/api-keys/" + id + "/revoke", {}, as(m_alice)).status,
             403);

    const auto revoked = request(m_port, "POST", "/api/v1/admin/api-keys/" + id + "/revoke", {}, as(m_admin));
    QCOMPARE(revoked.status, 200);
    QVERIFY(revoked.json().object().value(QStringLiteral("revoked_at")).isString());
    QCOMPARE(withKey(key).status, 401);
    // Revoking again changes nothing and writes no second entry.
    QCOMPARE(request(m_port, "POST", "/api/v1/admin/api-keys/" + id + "/revoke", {}, as(m_admin)).status,
             200);
    QCOMPARE(
        request(m_port, "POST",
                "/api/v1/admin/api-keys/" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces) + "/revoke",
                {}, as(m_admin))
            .status,
        404);

    QSqlQuery audit(database());
    QVERIFY(
        audit.exec(QStringLiteral("SELECT actor_id::text, actor_role, after->>'by', after->>'user_id' FROM "
                                  "audit_log WHERE action = 'api_key.revoke' AND target_id = '%1'")
                       .arg(QString::fromLatin1(id))));
    QVERIFY(audit.next());
    QCOMPARE(audit.value(0).toString(), m_admin.id);
    QCOMPARE(audit.value(1).toString(), QStringLiteral("admin"));
    QCOMPARE(audit.value(2).toString(), QStringLiteral("admin"));
    QCOMPARE(audit.value(3).toString(), m_alice.id);
    QVERIFY(!audit.next());
}

void ApiKeysTest::postgresDecidesWhenRedisIsDown()
{
    // A second node on the same PostgreSQL whose Redis never answers.
    DataDir secondDir;
    ServerProcess second(secondDir.path());
    second.environment().insert(QStringLiteral("FAIRDROP_DATABASE_URL"), m_dir.databaseUrl());
    second.environment().insert(QStringLiteral("FAIRDROP_REDIS_URL"), QStringLiteral("unix://") +
                                                                          secondDir.path() +
                                                                          QStringLiteral("/no-redis.sock"));
    QVERIFY2(second.start(), second.output().constData());

    QCOMPARE(withKey(m_aliceKey, second.port()).status, 403);
    QCOMPARE(code(withKey(m_aliceKey, second.port())), QStringLiteral("forbidden"));
    QByteArray wrongSecret = m_aliceKey;
    wrongSecret[wrongSecret.size() - 1] = wrongSecret.endsWith('A') ? 'B' : 'A';
    QCOMPARE(withKey(wrongSecret, second.port()).status, 401);
    QCOMPARE(withKey(m_revokedKey, second.port()).status, 401);
    QCOMPARE(code(withKey(m_daveKey, second.port())), QStringLiteral("account_disabled"));
    second.terminate();
}

QTEST_GUILESS_MAIN(ApiKeysTest)
#include "tst_apikeys.moc"
