// Role upgrades over HTTP against a real server, PostgreSQL and Redis: a user asks to become a seller or
// a business buyer, an administrator approves or rejects, and the new role reaches tokens already issued;
// bad input, the queue of pending requests, and the audit trail.
#include "tests/integration/adminfixture.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTest>

using namespace fd::test;

class UpgradeRequestsTest : public QObject, private AdminFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { startShop(); }
    void cleanupTestCase() { stopShop(); }
    void upgradeRequestApproved();
    void upgradeRequestRejected();
    void upgradeRequestBadInput_data();
    void upgradeRequestBadInput();
    void adminUpgradeListIsAQueue();
};

void UpgradeRequestsTest::upgradeRequestApproved()
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

void UpgradeRequestsTest::upgradeRequestRejected()
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

void UpgradeRequestsTest::upgradeRequestBadInput_data()
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

void UpgradeRequestsTest::upgradeRequestBadInput()
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

void UpgradeRequestsTest::adminUpgradeListIsAQueue()
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

QTEST_GUILESS_MAIN(UpgradeRequestsTest)
#include "tst_upgraderequests.moc"
