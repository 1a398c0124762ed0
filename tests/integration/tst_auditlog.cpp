// GET /admin/audit-log over HTTP: who may read it, filters, validation, and keyset pagination that neither
// skips nor repeats entries while new ones are written.
#include "tests/support/httpclient.h"
#include "tests/support/serverprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <QUrlQuery>

using namespace fd::test;

namespace {

const QByteArray kAdminEmail = "root@example.com";
const QByteArray kPassword = "correct horse battery";

} // namespace

class AuditLogTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void onlyAdminsAndModeratorsRead();
    void filtersNarrowTheLog();
    void badFiltersAre422_data();
    void badFiltersAre422();
    void paginationNeitherSkipsNorRepeats();
    void personalDataIsMasked();

private:
    QString signup(const QString &email, int client);
    QByteArray bearerFor(const QByteArray &email);
    HttpResponse read(const QByteArray &bearer, const QByteArray &query = {});

    DataDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
    quint16 m_port = 0;
    QByteArray m_admin;
};

QString AuditLogTest::signup(const QString &email, int client)
{
    const auto response = request(m_port, "POST", "/api/v1/users",
                                  json({{QStringLiteral("email"), email},
                                        {QStringLiteral("password"), QString::fromLatin1(kPassword)},
                                        {QStringLiteral("account_type"), QStringLiteral("buyer")}}),
                                  {{"X-Forwarded-For", "203.0.113." + QByteArray::number(client)}});
    return response.json().object().value(QStringLiteral("id")).toString();
}

QByteArray AuditLogTest::bearerFor(const QByteArray &email)
{
    const auto response = request(m_port, "POST", "/api/v1/auth/token",
                                  json({{QStringLiteral("email"), QString::fromLatin1(email)},
                                        {QStringLiteral("password"), QString::fromLatin1(kPassword)}}),
                                  {{"X-Forwarded-For", "203.0.113.250"}});
    return "Bearer " + response.json().object().value(QStringLiteral("access_token")).toString().toLatin1();
}

HttpResponse AuditLogTest::read(const QByteArray &bearer, const QByteArray &query)
{
    return request(m_port, "GET", "/api/v1/admin/audit-log" + (query.isEmpty() ? QByteArray() : '?' + query),
                   {}, {{"Authorization", bearer}});
}

void AuditLogTest::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(m_dir.path());
    m_server->environment().insert(QStringLiteral("FAIRDROP_TRUSTED_PROXIES"),
                                   QStringLiteral("127.0.0.1/32"));
    m_server->environment().insert(QStringLiteral("FAIRDROP_ADMIN_EMAIL"), QString::fromLatin1(kAdminEmail));
    m_server->environment().insert(QStringLiteral("FAIRDROP_ADMIN_PASSWORD"), QString::fromLatin1(kPassword));
    QVERIFY2(m_server->start(), m_server->output().constData());
    m_port = m_server->port();
    m_admin = bearerFor(kAdminEmail);
    QVERIFY(m_admin.size() > 20);
}

void AuditLogTest::cleanupTestCase()
{
    m_server->terminate();
}

void AuditLogTest::onlyAdminsAndModeratorsRead()
{
    QVERIFY(!signup(QStringLiteral("buyer@example.com"), 1).isEmpty());
    const QString moderatorId = signup(QStringLiteral("moderator@example.com"), 2);
    {
        // Promote before the account ever signs in, so no cached state predates the change.
        QSqlDatabase db = m_dir.database(QStringLiteral("promote"));
        QVERIFY(db.isOpen());
        QVERIFY(QSqlQuery(db).exec(
            QStringLiteral("UPDATE users SET role = 'moderator' WHERE id = '%1'").arg(moderatorId)));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("promote"));

    QCOMPARE(read(m_admin).status, 200);
    QCOMPARE(read(bearerFor("moderator@example.com")).status, 200);
    const auto buyer = read(bearerFor("buyer@example.com"));
    QCOMPARE(buyer.status, 403);
    QCOMPARE(buyer.json().object().value(QStringLiteral("code")).toString(), QStringLiteral("forbidden"));
    QCOMPARE(request(m_port, "GET", "/api/v1/admin/audit-log").status, 401);
}

void AuditLogTest::filtersNarrowTheLog()
{
    const QString id = signup(QStringLiteral("filtered@example.com"), 3);
    QVERIFY(!id.isEmpty());
    const auto byTarget = read(m_admin, "target_type=user&target_id=" + id.toLatin1());
    QCOMPARE(byTarget.status, 200);
    const QJsonArray items = byTarget.json().object().value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), 1);
    const QJsonObject entry = items.first().toObject();
    QCOMPARE(entry.value(QStringLiteral("action")).toString(), QStringLiteral("user.signup"));
    QCOMPARE(entry.value(QStringLiteral("actor_id")).toString(), id);
    QCOMPARE(entry.value(QStringLiteral("actor_email")).toString(), QStringLiteral("filtered@example.com"));
    QCOMPARE(entry.value(QStringLiteral("ip")).toString(), QStringLiteral("203.0.113.3"));
    QVERIFY(!entry.value(QStringLiteral("request_id")).toString().isEmpty());

    const auto byAction = read(m_admin, "action=user.signup&limit=200");
    for (const QJsonValue &value : byAction.json().object().value(QStringLiteral("items")).toArray())
        QCOMPARE(value.toObject().value(QStringLiteral("action")).toString(), QStringLiteral("user.signup"));
    const auto byActor = read(m_admin, "actor_id=" + id.toLatin1());
    QCOMPARE(byActor.json().object().value(QStringLiteral("items")).toArray().size(), 1);
    // By email, in any letter case: the same entries as by id; an unknown address matches nothing.
    const auto byEmail = read(m_admin, "actor_email=Filtered%40Example.COM");
    QCOMPARE(byEmail.status, 200);
    QCOMPARE(byEmail.json().object().value(QStringLiteral("items")),
             byActor.json().object().value(QStringLiteral("items")));
    const auto byStranger = read(m_admin, "actor_email=nobody%40example.com");
    QCOMPARE(byStranger.status, 200);
    QCOMPARE(byStranger.json().object().value(QStringLiteral("items")).toArray().size(), 0);
    // Anonymous entries (a failed login names no actor) have no email either.
    const auto anonymous = read(m_admin, "limit=200");
    for (const QJsonValue &value : anonymous.json().object().value(QStringLiteral("items")).toArray()) {
        const QJsonObject item = value.toObject();
        QCOMPARE(item.value(QStringLiteral("actor_email")).isNull(),
                 item.value(QStringLiteral("actor_id")).isNull());
    }
    const auto future = read(m_admin, "from=2999-01-01T00:00:00Z");
    QCOMPARE(future.json().object().value(QStringLiteral("items")).toArray().size(), 0);
    QVERIFY(future.json().object().value(QStringLiteral("next_cursor")).isNull());
    const auto past = read(m_admin, "to=2000-01-01T00:00:00%2B03:00");
    QCOMPARE(past.status, 200);
    QCOMPARE(past.json().object().value(QStringLiteral("items")).toArray().size(), 0);
}

void AuditLogTest::badFiltersAre422_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QString>("field");
    QTest::newRow("actor not a uuid") << QByteArray("actor_id=42") << QStringLiteral("actor_id");
    QTest::newRow("time without zone") << QByteArray("from=2026-01-01T00:00:00") << QStringLiteral("from");
    QTest::newRow("time garbage") << QByteArray("to=yesterday") << QStringLiteral("to");
    QTest::newRow("limit zero") << QByteArray("limit=0") << QStringLiteral("limit");
    QTest::newRow("limit huge") << QByteArray("limit=99999999999") << QStringLiteral("limit");
    QTest::newRow("cursor garbage") << QByteArray("cursor=%25%25%25") << QStringLiteral("cursor");
    QTest::newRow("cursor forged") << QByteArray("cursor=eyJ4IjoxfQ") << QStringLiteral("cursor"); // {"x":1}
    QTest::newRow("action huge") << ("action=" + QByteArray(5000, 'a')) << QStringLiteral("action");
    QTest::newRow("actor email huge")
        << ("actor_email=" + QByteArray(400, 'a')) << QStringLiteral("actor_email");
}

void AuditLogTest::badFiltersAre422()
{
    QFETCH(QByteArray, query);
    QFETCH(QString, field);
    const auto response = read(m_admin, query);
    QCOMPARE(response.status, 422);
    const QJsonArray errors = response.json().object().value(QStringLiteral("errors")).toArray();
    QVERIFY(!errors.isEmpty());
    QCOMPARE(errors.first().toObject().value(QStringLiteral("field")).toString(), field);
}

void AuditLogTest::paginationNeitherSkipsNorRepeats()
{
    for (int i = 0; i < 12; ++i)
        QVERIFY(!signup(QStringLiteral("page%1@example.com").arg(i), 10 + i / 3).isEmpty());
    const auto first = read(m_admin, "limit=200");
    const int total = first.json().object().value(QStringLiteral("items")).toArray().size();
    QVERIFY(total >= 12);

    QSet<qint64> seen;
    qint64 previous = std::numeric_limits<qint64>::max();
    QByteArray cursor;
    int pages = 0;
    do {
        const auto page = read(m_admin, "limit=5" + (cursor.isEmpty() ? QByteArray() : "&cursor=" + cursor));
        QCOMPARE(page.status, 200);
        const QJsonObject body = page.json().object();
        for (const QJsonValue &value : body.value(QStringLiteral("items")).toArray()) {
            const qint64 id = qint64(value.toObject().value(QStringLiteral("id")).toDouble());
            QVERIFY2(!seen.contains(id), "an entry came twice");
            QVERIFY(id < previous); // newest first, strictly
            previous = id;
            seen.insert(id);
        }
        // New entries arrive meanwhile: they are newer than the cursor, so they never shift later pages.
        if (pages == 0)
            QVERIFY(!signup(QStringLiteral("meanwhile@example.com"), 40).isEmpty());
        const QJsonValue next = body.value(QStringLiteral("next_cursor"));
        cursor = next.isNull() ? QByteArray() : QUrl::toPercentEncoding(next.toString());
        ++pages;
    } while (!cursor.isEmpty() && pages < 100);
    QCOMPARE(seen.size(), total);
    QVERIFY(pages >= 3);
}

// The recorded changes are kept for good, so personal data in them is masked when written. Who acted is
// shown by the account's current email, joined when read and never stored in the log.
void AuditLogTest::personalDataIsMasked()
{
    const auto response = read(m_admin, "action=user.signup&limit=200");
    QByteArray changes;
    QStringList actors;
    for (const QJsonValue &value : response.json().object().value(QStringLiteral("items")).toArray()) {
        const QJsonObject item = value.toObject();
        for (const char *side : {"before", "after"})
            changes += QJsonDocument(item.value(QLatin1StringView(side)).toObject()).toJson();
        actors.append(item.value(QStringLiteral("actor_email")).toString());
    }
    QVERIFY(!changes.contains("filtered@example.com"));
    QVERIFY(changes.contains("f***@example.com"));
    QVERIFY(!response.body.contains("argon2"));
    QVERIFY(actors.contains(QStringLiteral("filtered@example.com")));
}

QTEST_GUILESS_MAIN(AuditLogTest)
#include "tst_auditlog.moc"
