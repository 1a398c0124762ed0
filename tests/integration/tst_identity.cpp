// Accounts and sessions over HTTP against a real server, PostgreSQL and Redis: signup, login (JSON and
// OAuth2 form), refresh rotation and reuse detection, logout, password change, forged tokens, bad input,
// login limits shared by two nodes, concurrent signups, and the audit trail they leave.
#include "server/identity/localuserstates.h"
#include "server/infra/crypto/jwt.h"
#include "tests/support/httpclient.h"
#include "tests/support/serverprocess.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUrlQuery>
#include <QtConcurrent>

using namespace fd;
using namespace fd::test;

namespace {

// A change published by another node reaches this one once what it remembers of the user lapses.
constexpr int kLocalStateLapseMs = 3 * int(fd::identity::LocalUserStates::kLifetimeMs);

QString code(const HttpResponse &response)
{
    return response.json().object().value(QStringLiteral("code")).toString();
}

} // namespace

class IdentityTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void signupRejectsBadInput_data();
    void signupRejectsBadInput();
    void signupLoginAndMe();
    void loginWithOAuth2Form();
    void wrongPasswordAndUnknownEmailLookAlike();
    void refreshRotatesAndReuseEndsTheFamily();
    void logoutEndsTheSession();
    void logoutAllEndsEverySession();
    void passwordChangeEndsOtherSessions();
    void forgedTokensAreRefused_data();
    void forgedTokensAreRefused();
    void deactivatedUserIsRefusedAtOnce();
    void concurrentSignupsCreateOneAccount();
    void loginLimitHoldsAcrossTwoNodes();
    void signupLimitPerClientAddress();

private:
    // A unique client address per test, announced through the trusted proxy (the limits are per address).
    QList<std::pair<QByteArray, QByteArray>> from(int client,
                                                  QList<std::pair<QByteArray, QByteArray>> extra = {});
    QString signup(const QString &email, int client,
                   const QString &password = QStringLiteral("correct horse battery"));
    QJsonObject login(const QString &email, int client,
                      const QString &password = QStringLiteral("correct horse battery"), quint16 port = 0);
    HttpResponse me(const QString &accessToken);
    QSqlDatabase database();
    QByteArray jwtSecret();

    DataDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
    quint16 m_port = 0;
};

QList<std::pair<QByteArray, QByteArray>> IdentityTest::from(int client,
                                                            QList<std::pair<QByteArray, QByteArray>> extra)
{
    extra.append({"X-Forwarded-For", "198.51.100." + QByteArray::number(client)});
    return extra;
}

QString IdentityTest::signup(const QString &email, int client, const QString &password)
{
    const auto response = request(m_port, "POST", "/api/v1/users",
                                  json({{QStringLiteral("email"), email},
                                        {QStringLiteral("password"), password},
                                        {QStringLiteral("account_type"), QStringLiteral("buyer")}}),
                                  from(client));
    if (response.status != 201)
        qWarning("signup of %s: %d %s", qPrintable(email), response.status, response.body.constData());
    return response.json().object().value(QStringLiteral("id")).toString();
}

QJsonObject IdentityTest::login(const QString &email, int client, const QString &password, quint16 port)
{
    const auto response = request(
        port ? port : m_port, "POST", "/api/v1/auth/token",
        json({{QStringLiteral("email"), email}, {QStringLiteral("password"), password}}), from(client));
    return response.status == 200 ? response.json().object() : QJsonObject{};
}

HttpResponse IdentityTest::me(const QString &accessToken)
{
    return request(m_port, "GET", "/api/v1/users/me", {},
                   {{"Authorization", "Bearer " + accessToken.toLatin1()}});
}

QSqlDatabase IdentityTest::database()
{
    return m_dir.database(QStringLiteral("test"));
}

QByteArray IdentityTest::jwtSecret()
{
    QSqlQuery query(database());
    query.exec(QStringLiteral("SELECT value FROM server_settings WHERE key = 'jwt_secret'"));
    return query.next() ? query.value(0).toString().toUtf8() : QByteArray();
}

void IdentityTest::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(m_dir.path());
    m_server->environment().insert(QStringLiteral("FAIRDROP_TRUSTED_PROXIES"),
                                   QStringLiteral("127.0.0.1/32"));
    QVERIFY2(m_server->start(), m_server->output().constData());
    m_port = m_server->port();
    QVERIFY(waitForStatus(m_port, "/readyz", 200, 20'000));
    QVERIFY2(database().isOpen(), qPrintable(database().lastError().text()));
}

void IdentityTest::cleanupTestCase()
{
    QSqlDatabase::removeDatabase(QStringLiteral("test"));
    m_server->terminate();
}

void IdentityTest::signupRejectsBadInput_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("field");
    const QByteArray good =
        "\"email\":\"x@example.com\",\"password\":\"long enough pass\",\"account_type\":\"buyer\"";
    QTest::newRow("malformed") << QByteArray("{\"email\":") << 400 << QString();
    QTest::newRow("not an object") << QByteArray("[\"x@example.com\"]") << 400 << QString();
    QTest::newRow("invalid utf-8") << QByteArray("{\"email\":\"\xc3\x28@example.com\"}") << 400 << QString();
    QTest::newRow("email number")
        << QByteArray("{\"email\":5,\"password\":\"long enough pass\",\"account_type\":\"buyer\"}") << 422
        << QStringLiteral("email");
    QTest::newRow("email missing") << QByteArray(
                                          "{\"password\":\"long enough pass\",\"account_type\":\"buyer\"}")
                                   << 422 << QStringLiteral("email");
    QTest::newRow("email without domain")
        << QByteArray("{\"email\":\"nobody\",\"password\":\"long enough pass\","
                      "\"account_type\":\"buyer\"}")
        << 422 << QStringLiteral("email");
    QTest::newRow("password short")
        << QByteArray("{\"email\":\"x@example.com\",\"password\":\"short\",\"account_type\":\"buyer\"}")
        << 422 << QStringLiteral("password");
    QTest::newRow("password with NUL")
        << QByteArray("{\"email\":\"x@example.com\",\"password\":\"long enough\\u0000pass\","
                      "\"account_type\":\"buyer\"}")
        << 422 << QStringLiteral("password");
    QTest::newRow("password 1 MB") << ("{\"email\":\"x@example.com\",\"password\":\"" +
                                       QByteArray(1'000'000, 'p') + "\",\"account_type\":\"buyer\"}")
                                   << 422 << QStringLiteral("password");
    QTest::newRow("role escalation") << QByteArray(
                                            "{\"email\":\"x@example.com\",\"password\":\"long enough pass\","
                                            "\"account_type\":\"admin\"}")
                                     << 422 << QStringLiteral("account_type");
    QTest::newRow("body over 1 MiB") << ("{" + good + ",\"pad\":\"" + QByteArray(1 << 20, 'p') + "\"}") << 413
                                     << QString();
}

void IdentityTest::signupRejectsBadInput()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, field);
    const auto response = request(m_port, "POST", "/api/v1/users", body, from(1));
    QCOMPARE(response.status, status);
    QCOMPARE(response.header("content-type"), QByteArray("application/problem+json"));
    if (!field.isEmpty()) {
        QCOMPARE(code(response), QStringLiteral("validation_failed"));
        const QJsonArray errors = response.json().object().value(QStringLiteral("errors")).toArray();
        QVERIFY(!errors.isEmpty());
        QCOMPARE(errors.first().toObject().value(QStringLiteral("field")).toString(), field);
    }
}

void IdentityTest::signupLoginAndMe()
{
    const auto created = request(m_port, "POST", "/api/v1/users",
                                 json({{QStringLiteral("email"), QStringLiteral("Alice@Example.COM")},
                                       {QStringLiteral("password"), QStringLiteral("correct horse battery")},
                                       {QStringLiteral("account_type"), QStringLiteral("seller")}}),
                                 from(2));
    QCOMPARE(created.status, 201);
    QCOMPARE(created.header("location"), QByteArray("/api/v1/users/me"));
    QVERIFY(created.header("ratelimit-policy").startsWith("\"signup-ip\";q="));
    const QJsonObject user = created.json().object();
    QCOMPARE(user.value(QStringLiteral("role")).toString(), QStringLiteral("seller"));
    QCOMPARE(user.value(QStringLiteral("is_verified")).toBool(), false); // sellers start unverified
    QVERIFY(!user.contains(QStringLiteral("password_hash")));

    const QJsonObject tokens = login(QStringLiteral("alice@example.com"), 2);
    QVERIFY(!tokens.isEmpty());
    QCOMPARE(tokens.value(QStringLiteral("token_type")).toString(), QStringLiteral("bearer"));
    QCOMPARE(tokens.value(QStringLiteral("expires_in")).toInt(), 1800);
    QVERIFY(tokens.value(QStringLiteral("refresh_token")).toString().size() >= 43); // >= 256 bits
    const auto self = me(tokens.value(QStringLiteral("access_token")).toString());
    QCOMPARE(self.status, 200);
    QCOMPARE(self.json().object().value(QStringLiteral("id")), user.value(QStringLiteral("id")));

    // Stored hashed with argon2id, never in clear; the signup is audited without secrets.
    QSqlQuery query(database());
    QVERIFY(query.exec(
        QStringLiteral("SELECT password_hash FROM users WHERE lower(email) = 'alice@example.com'")));
    QVERIFY(query.next());
    QVERIFY(query.value(0).toString().startsWith(QStringLiteral("$argon2id$v=19$m=19456,t=2,p=1$")));
    QVERIFY(query.exec(
        QStringLiteral("SELECT after::text, ip::text, request_id FROM audit_log WHERE action = 'user.signup' "
                       "AND target_id = '%1'")
            .arg(user.value(QStringLiteral("id")).toString())));
    QVERIFY(query.next());
    QVERIFY2(!query.value(0).toString().contains(QStringLiteral("alice@")),
             "emails are masked in the audit log");
    QCOMPARE(query.value(1).toString(), QStringLiteral("198.51.100.2/32"));
    QCOMPARE(query.value(2).toByteArray(), created.header("x-request-id"));
}

void IdentityTest::loginWithOAuth2Form()
{
    QVERIFY(!signup(QStringLiteral("form@example.com"), 3).isEmpty());
    const auto response =
        request(m_port, "POST", "/api/v1/auth/token",
                "grant_type=password&username=form%40example.com&password=correct+horse+battery",
                from(3, {{"Content-Type", "application/x-www-form-urlencoded"}}));
    QCOMPARE(response.status, 200);
    QVERIFY(response.json().object().contains(QStringLiteral("access_token")));
    QCOMPARE(response.header("cache-control"), QByteArray("no-store"));
    const auto wrongType =
        request(m_port, "POST", "/api/v1/auth/token", "x", from(3, {{"Content-Type", "text/plain"}}));
    QCOMPARE(wrongType.status, 415);
}

void IdentityTest::wrongPasswordAndUnknownEmailLookAlike()
{
    QVERIFY(!signup(QStringLiteral("carol@example.com"), 4).isEmpty());
    const auto wrong = request(m_port, "POST", "/api/v1/auth/token",
                               json({{QStringLiteral("email"), QStringLiteral("carol@example.com")},
                                     {QStringLiteral("password"), QStringLiteral("not the password")}}),
                               from(4));
    const auto unknown = request(m_port, "POST", "/api/v1/auth/token",
                                 json({{QStringLiteral("email"), QStringLiteral("nobody@example.com")},
                                       {QStringLiteral("password"), QStringLiteral("not the password")}}),
                                 from(4));
    QCOMPARE(wrong.status, 401);
    QCOMPARE(unknown.status, 401);
    QCOMPARE(code(wrong), QStringLiteral("invalid_credentials"));
    QCOMPARE(code(unknown), code(wrong));
    QCOMPARE(wrong.json().object().value(QStringLiteral("detail")),
             unknown.json().object().value(QStringLiteral("detail")));
}

void IdentityTest::refreshRotatesAndReuseEndsTheFamily()
{
    QVERIFY(!signup(QStringLiteral("dave@example.com"), 5).isEmpty());
    const QJsonObject first = login(QStringLiteral("dave@example.com"), 5);
    const QString firstRefresh = first.value(QStringLiteral("refresh_token")).toString();
    auto refresh = [this](const QString &token) {
        return request(m_port, "POST", "/api/v1/auth/refresh",
                       json({{QStringLiteral("refresh_token"), token}}));
    };
    const auto rotated = refresh(firstRefresh);
    QCOMPARE(rotated.status, 200);
    const QString secondRefresh = rotated.json().object().value(QStringLiteral("refresh_token")).toString();
    QVERIFY(secondRefresh != firstRefresh);
    QCOMPARE(me(rotated.json().object().value(QStringLiteral("access_token")).toString()).status, 200);

    // The first token again: someone replayed it. The whole family ends, the newer token too.
    const auto reused = refresh(firstRefresh);
    QCOMPARE(reused.status, 401);
    QCOMPARE(code(reused), QStringLiteral("refresh_token_reused"));
    const auto afterReuse = refresh(secondRefresh);
    QCOMPARE(afterReuse.status, 401);
    QCOMPARE(code(afterReuse), QStringLiteral("invalid_token"));

    QSqlQuery query(database());
    QVERIFY(query.exec(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'auth.refresh_reuse'")));
    QVERIFY(query.next());
    QVERIFY(query.value(0).toInt() >= 1);
    // A fresh login still works: reuse ends a session, not the account.
    QVERIFY(!login(QStringLiteral("dave@example.com"), 5).isEmpty());
    QCOMPARE(refresh(QStringLiteral("fdr_made-up")).status, 401);
}

void IdentityTest::logoutEndsTheSession()
{
    QVERIFY(!signup(QStringLiteral("erin@example.com"), 6).isEmpty());
    const QJsonObject tokens = login(QStringLiteral("erin@example.com"), 6);
    const QByteArray bearer = "Bearer " + tokens.value(QStringLiteral("access_token")).toString().toLatin1();
    QCOMPARE(request(m_port, "POST", "/api/v1/auth/logout", {}, {{"Authorization", bearer}}).status, 204);
    const auto refreshed =
        request(m_port, "POST", "/api/v1/auth/refresh",
                json({{QStringLiteral("refresh_token"), tokens.value(QStringLiteral("refresh_token"))}}));
    QCOMPARE(refreshed.status, 401);
    QCOMPARE(request(m_port, "POST", "/api/v1/auth/logout").status, 401);
}

void IdentityTest::logoutAllEndsEverySession()
{
    QVERIFY(!signup(QStringLiteral("frank@example.com"), 7).isEmpty());
    const QJsonObject laptop = login(QStringLiteral("frank@example.com"), 7);
    const QJsonObject phone = login(QStringLiteral("frank@example.com"), 7);
    const QByteArray bearer = "Bearer " + laptop.value(QStringLiteral("access_token")).toString().toLatin1();
    QCOMPARE(
        request(m_port, "POST", "/api/v1/auth/logout", "{\"all\":true}", {{"Authorization", bearer}}).status,
        204);
    for (const QJsonObject &session : {laptop, phone}) {
        const auto refreshed = request(
            m_port, "POST", "/api/v1/auth/refresh",
            json({{QStringLiteral("refresh_token"), session.value(QStringLiteral("refresh_token"))}}));
        QCOMPARE(refreshed.status, 401);
    }
    QCOMPARE(request(m_port, "POST", "/api/v1/auth/logout", "{\"all\":\"yes\"}", {{"Authorization", bearer}})
                 .status,
             422);
}

void IdentityTest::passwordChangeEndsOtherSessions()
{
    QVERIFY(!signup(QStringLiteral("grace@example.com"), 8).isEmpty());
    const QJsonObject current = login(QStringLiteral("grace@example.com"), 8);
    const QJsonObject other = login(QStringLiteral("grace@example.com"), 8);
    const QByteArray bearer = "Bearer " + current.value(QStringLiteral("access_token")).toString().toLatin1();
    auto change = [&](const QString &from, const QString &to) {
        return request(
            m_port, "PATCH", "/api/v1/users/me/password",
            json({{QStringLiteral("current_password"), from}, {QStringLiteral("new_password"), to}}),
            {{"Authorization", bearer}});
    };
    QCOMPARE(change(QStringLiteral("wrong password!"), QStringLiteral("a brand new secret")).status, 422);
    QCOMPARE(change(QStringLiteral("correct horse battery"), QStringLiteral("short")).status, 422);
    QCOMPARE(change(QStringLiteral("correct horse battery"), QStringLiteral("a brand new secret")).status,
             204);

    auto refresh = [this](const QJsonObject &session) {
        return request(
            m_port, "POST", "/api/v1/auth/refresh",
            json({{QStringLiteral("refresh_token"), session.value(QStringLiteral("refresh_token"))}}));
    };
    QCOMPARE(refresh(other).status, 401);   // other sessions ended
    QCOMPARE(refresh(current).status, 200); // this one goes on
    QVERIFY(login(QStringLiteral("grace@example.com"), 8).isEmpty());
    QVERIFY(!login(QStringLiteral("grace@example.com"), 8, QStringLiteral("a brand new secret")).isEmpty());
}

void IdentityTest::forgedTokensAreRefused_data()
{
    QTest::addColumn<QByteArray>("authorization");
    const QString userId = signup(QStringLiteral("mallory@example.com"), 9);
    const QByteArray secret = jwtSecret();
    QVERIFY(!secret.isEmpty());
    const QJsonObject tokens = login(QStringLiteral("mallory@example.com"), 9);
    const QByteArray valid = tokens.value(QStringLiteral("access_token")).toString().toLatin1();
    const QList<QByteArray> parts = valid.split('.');
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QJsonObject claims =
        QJsonDocument::fromJson(QByteArray::fromBase64(parts.at(1), QByteArray::Base64UrlEncoding)).object();

    auto encode = [](const QJsonObject &object) {
        return QJsonDocument(object)
            .toJson(QJsonDocument::Compact)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    };
    QJsonObject admin = claims;
    admin.insert(QStringLiteral("role"), QStringLiteral("admin"));
    QJsonObject expired = claims;
    expired.insert(QStringLiteral("iat"), now - 7200);
    expired.insert(QStringLiteral("exp"), now - 3600);
    QJsonObject otherAudience = claims;
    otherAudience.insert(QStringLiteral("aud"), QStringLiteral("someone-else"));
    QJsonObject noExpiry = claims;
    noExpiry.remove(QStringLiteral("exp"));

    QTest::newRow("no scheme") << valid;
    QTest::newRow("basic scheme") << ("Basic " + valid);
    QTest::newRow("garbage") << QByteArray("Bearer not.a.token");
    QTest::newRow("two parts") << ("Bearer " + parts.at(0) + '.' + parts.at(1));
    QTest::newRow("alg none") << ("Bearer " +
                                  encode({{QStringLiteral("alg"), QStringLiteral("none")},
                                          {QStringLiteral("typ"), QStringLiteral("at+jwt")}}) +
                                  '.' + parts.at(1) + '.');
    QTest::newRow("role edited") << ("Bearer " + parts.at(0) + '.' + encode(admin) + '.' + parts.at(2));
    QTest::newRow("signed with another key")
        << ("Bearer " + infra::jwt::signHs256(admin, "not the server's key"));
    QTest::newRow("expired") << ("Bearer " + infra::jwt::signHs256(expired, secret));
    QTest::newRow("wrong audience") << ("Bearer " + infra::jwt::signHs256(otherAudience, secret));
    QTest::newRow("no expiry") << ("Bearer " + infra::jwt::signHs256(noExpiry, secret));
    QTest::newRow("huge") << ("Bearer " + QByteArray(8000, 'a'));
    Q_UNUSED(userId);
}

void IdentityTest::forgedTokensAreRefused()
{
    QFETCH(QByteArray, authorization);
    const auto response = request(m_port, "GET", "/api/v1/users/me", {}, {{"Authorization", authorization}});
    QCOMPARE(response.status, 401);
    QVERIFY(response.header("www-authenticate").startsWith("Bearer"));
    QCOMPARE(response.header("content-type"), QByteArray("application/problem+json"));
}

void IdentityTest::deactivatedUserIsRefusedAtOnce()
{
    const QString id = signup(QStringLiteral("heidi@example.com"), 10);
    const QJsonObject tokens = login(QStringLiteral("heidi@example.com"), 10);
    const QString access = tokens.value(QStringLiteral("access_token")).toString();
    QCOMPARE(me(access).status, 200); // the state is now cached in Redis too

    // What the admin endpoint does on another node: change PostgreSQL, then publish the new state. This node
    // follows once what it remembers of the user lapses.
    QSqlQuery query(database());
    QVERIFY(query.exec(QStringLiteral("UPDATE users SET is_active = false WHERE id = '%1'").arg(id)));
    QProcess redis;
    redis.start(QStringLiteral("redis-cli"),
                {QStringLiteral("-s"), m_dir.path() + QStringLiteral("/run/redis.sock"),
                 QStringLiteral("HSET"), QStringLiteral("fd:user:{%1}").arg(id), QStringLiteral("active"),
                 QStringLiteral("0")});
    QVERIFY(redis.waitForFinished(5000));
    QTRY_COMPARE_WITH_TIMEOUT(me(access).status, 403, kLocalStateLapseMs);
    const auto refused = me(access);
    QCOMPARE(refused.status, 403);
    QCOMPARE(code(refused), QStringLiteral("account_disabled"));
    const auto refreshed =
        request(m_port, "POST", "/api/v1/auth/refresh",
                json({{QStringLiteral("refresh_token"), tokens.value(QStringLiteral("refresh_token"))}}));
    QCOMPARE(refreshed.status, 403);
    QVERIFY(login(QStringLiteral("heidi@example.com"), 10).isEmpty());
}

void IdentityTest::concurrentSignupsCreateOneAccount()
{
    QList<QFuture<int>> attempts;
    for (int i = 0; i < 10; ++i) {
        attempts.append(QtConcurrent::run([this, i] {
            return request(m_port, "POST", "/api/v1/users",
                           json({{QStringLiteral("email"), QStringLiteral("twin@example.com")},
                                 {QStringLiteral("password"), QStringLiteral("correct horse battery")},
                                 {QStringLiteral("account_type"), QStringLiteral("buyer")}}),
                           from(100 + i))
                .status;
        }));
    }
    int created = 0;
    int taken = 0;
    for (auto &attempt : attempts) {
        const int status = attempt.result();
        QVERIFY2(status == 201 || status == 409, qPrintable(QString::number(status)));
        created += status == 201;
        taken += status == 409;
    }
    QCOMPARE(created, 1);
    QCOMPARE(taken, 9);
    QSqlQuery query(database());
    QVERIFY(query.exec(QStringLiteral("SELECT count(*) FROM users WHERE lower(email) = 'twin@example.com'")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 1);
}

void IdentityTest::loginLimitHoldsAcrossTwoNodes()
{
    QVERIFY(!signup(QStringLiteral("ivan@example.com"), 11).isEmpty());
    // A second node on the same PostgreSQL and Redis.
    DataDir secondDir;
    ServerProcess second(secondDir.path());
    second.environment().insert(QStringLiteral("FAIRDROP_DATABASE_URL"), m_dir.databaseUrl());
    second.environment().insert(QStringLiteral("FAIRDROP_REDIS_URL"),
                                QStringLiteral("unix://") + m_dir.path() + QStringLiteral("/run/redis.sock"));
    second.environment().insert(QStringLiteral("FAIRDROP_TRUSTED_PROXIES"), QStringLiteral("127.0.0.1/32"));
    QVERIFY2(second.start(), second.output().constData());

    int refused = 0;
    int failed = 0;
    HttpResponse last;
    for (int attempt = 0; attempt < 10; ++attempt) {
        const quint16 port = attempt % 2 ? second.port() : m_port;
        // Different client addresses, one account: only the per-account limit applies.
        last = request(port, "POST", "/api/v1/auth/token",
                       json({{QStringLiteral("email"), QStringLiteral("ivan@example.com")},
                             {QStringLiteral("password"), QStringLiteral("wrong password!")}}),
                       from(200 + attempt));
        failed += last.status == 401;
        if (last.status == 429) {
            ++refused;
            QVERIFY(last.header("retry-after").toInt() >= 1);
            QVERIFY(last.header("ratelimit").startsWith("\"login-account\";r=0"));
        }
    }
    QCOMPARE(failed, 7);
    QCOMPARE(refused, 3);
    // Even the right password waits now.
    QCOMPARE(request(second.port(), "POST", "/api/v1/auth/token",
                     json({{QStringLiteral("email"), QStringLiteral("ivan@example.com")},
                           {QStringLiteral("password"), QStringLiteral("correct horse battery")}}),
                     from(250))
                 .status,
             429);
    QSqlQuery query(database());
    QVERIFY(query.exec(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'auth.login_locked'")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 1);
    second.terminate();
}

void IdentityTest::signupLimitPerClientAddress()
{
    int created = 0;
    HttpResponse response;
    for (int i = 0; i < 4; ++i) {
        response = request(m_port, "POST", "/api/v1/users",
                           json({{QStringLiteral("email"), QStringLiteral("spam%1@example.com").arg(i)},
                                 {QStringLiteral("password"), QStringLiteral("correct horse battery")},
                                 {QStringLiteral("account_type"), QStringLiteral("buyer")}}),
                           from(250));
        created += response.status == 201;
    }
    QCOMPARE(created, 3);
    QCOMPARE(response.status, 429);
    QCOMPARE(code(response), QStringLiteral("rate_limited"));
    QVERIFY(response.header("retry-after").toInt() > 0);
    // Another address is not affected.
    QVERIFY(!signup(QStringLiteral("legit@example.com"), 251).isEmpty());
}

QTEST_GUILESS_MAIN(IdentityTest)
#include "tst_identity.moc"
