// The moderation workflow over HTTP against a real server, PostgreSQL and Redis. Moderation is the only way
// onto the shelf, so these tests make sure it cannot be skipped or shared by accident: only the owner
// submits, one moderator at a time holds a product (and loses it when the claim runs out), only the holder
// or an admin decides, a rejection tells the seller why, the queue shows each moderator the work that is
// theirs to take, and every step leaves an audit entry the people involved can read back.
#include "tests/support/catalogclient.h"
#include "tests/support/httpclient.h"
#include "tests/support/serverprocess.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>
#include <QUuid>

using namespace fd::test;

namespace {

const QByteArray kQueue = "/api/v1/moderation/queue";

QJsonObject reason(const QString &text)
{
    return {{QStringLiteral("reason"), text}};
}

QDateTime timeIn(const HttpResponse &response, const char *member)
{
    return QDateTime::fromString(valueIn(response, member).toString(), Qt::ISODate);
}

} // namespace

class ModerationTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void submitTakesDraftsAndRejectionsOnly();
    void claimIsForModeratorsOneAtATime();
    void expiredClaimPassesToAnotherModerator();
    void onlyTheClaimerOrAnAdminDecides();
    void decisionsOnWrongStatesAre409();
    void rejectNeedsAReason_data();
    void rejectNeedsAReason();
    void rejectionReasonReachesSellerAndResubmitClearsIt();
    void queueIsOldestSubmittedFirstWithoutOthersClaims();
    void historyRecordsEveryTransitionInOrder();
    void historyIsHiddenFromStrangers();
    void committedTransitionsAreCounted();

private:
    // The ids of the moderation queue as `moderator` sees it, restricted to `ours`, in order.
    QStringList queued(const Account &moderator, const QStringList &ours);
    HttpResponse history(const Account &as, const QString &id);

    DataDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
    CatalogClient m_client;
    Account m_seller;   // verified: room for every product these tests make
    Account m_stranger; // another seller
    Account m_buyer;
    Account m_modA;
    Account m_modB;
};

QStringList ModerationTest::queued(const Account &moderator, const QStringList &ours)
{
    QStringList ids;
    for (const QString &id : m_client.pageThrough(moderator, kQueue, 50)) {
        if (ours.contains(id))
            ids.append(id);
    }
    return ids;
}

HttpResponse ModerationTest::history(const Account &as, const QString &id)
{
    return m_client.call(as, "GET", productPath(id, "history") + "?limit=200");
}

void ModerationTest::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(m_dir.path());
    QVERIFY(m_client.startServer(*m_server));
    m_seller = m_client.newSeller(QStringLiteral("seller"), true);
    m_stranger = m_client.newSeller(QStringLiteral("stranger"), false);
    m_buyer = m_client.signUp(QStringLiteral("buyer@example.com"), QStringLiteral("buyer"));
    m_modA = m_client.newModerator(QStringLiteral("mod-a"));
    m_modB = m_client.newModerator(QStringLiteral("mod-b"));
    for (const Account *each : {&m_client.admin, &m_seller, &m_stranger, &m_buyer, &m_modA, &m_modB})
        QVERIFY(!each->id.isEmpty());
}

void ModerationTest::cleanupTestCase()
{
    m_server->terminate();
}

void ModerationTest::submitTakesDraftsAndRejectionsOnly()
{
    const QString id = m_client.createDraft(m_seller, QStringLiteral("Submitted"));
    QVERIFY(!id.isEmpty());
    // To anyone but the owner, a draft does not exist.
    QVERIFY(isProblem(m_client.act(m_stranger, id, "submit"), 404, "not_found"));
    QVERIFY(isProblem(m_client.act(m_buyer, id, "submit"), 404, "not_found"));
    QCOMPARE(m_client.statusOf(id), QStringLiteral("DRAFT"));
    QVERIFY(isProblem(m_client.act(m_seller, QUuid::createUuid().toString(QUuid::WithoutBraces), "submit"),
                      404, "not_found"));

    const auto submitted = m_client.act(m_seller, id, "submit");
    QCOMPARE(submitted.status, 200);
    QCOMPARE(valueIn(submitted, "status").toString(), QStringLiteral("PENDING_MODERATION"));
    QVERIFY(timeIn(submitted, "submitted_at").isValid());
    QVERIFY(valueIn(submitted, "rejection_reason").isNull());

    QVERIFY(isProblem(m_client.act(m_seller, id, "submit"), 409, "invalid_state"));
    // A rejected product may be submitted again.
    QCOMPARE(m_client.act(m_client.admin, id, "reject", reason(QStringLiteral("Too dark"))).status, 200);
    QCOMPARE(m_client.act(m_seller, id, "submit").status, 200);

    // Every other state refuses: under review, on sale, archived.
    QCOMPARE(m_client.act(m_modA, id, "claim").status, 200);
    QVERIFY(isProblem(m_client.act(m_seller, id, "submit"), 409, "invalid_state"));
    QCOMPARE(m_client.act(m_modA, id, "approve").status, 200);
    QVERIFY(isProblem(m_client.act(m_seller, id, "submit"), 409, "invalid_state"));
    QCOMPARE(m_client.act(m_seller, id, "archive").status, 200);
    QVERIFY(isProblem(m_client.act(m_seller, id, "submit"), 409, "invalid_state"));
    QCOMPARE(m_client.statusOf(id), QStringLiteral("ARCHIVED"));
}

void ModerationTest::claimIsForModeratorsOneAtATime()
{
    const QString id = m_client.createPending(m_seller, QStringLiteral("Claimed"));
    QVERIFY(!id.isEmpty());
    for (const Account &refused : {m_seller, m_stranger, m_buyer})
        QVERIFY(isProblem(m_client.act(refused, id, "claim"), 403, "forbidden"));
    QCOMPARE(m_client.act({}, id, "claim").status, 401);
    QCOMPARE(m_client.statusOf(id), QStringLiteral("PENDING_MODERATION"));

    const QDateTime before = QDateTime::currentDateTimeUtc();
    const auto claimed = m_client.act(m_modA, id, "claim");
    QCOMPARE(claimed.status, 200);
    QCOMPARE(valueIn(claimed, "status").toString(), QStringLiteral("MODERATION_IN_PROGRESS"));
    QCOMPARE(valueIn(claimed, "claimed_by").toString(), m_modA.id);
    const QDateTime expires = timeIn(claimed, "claim_expires_at");
    // The default claim lasts 30 minutes.
    QVERIFY2(expires >= before.addSecs(1800 - 60) && expires <= before.addSecs(1800 + 60),
             qPrintable(expires.toString(Qt::ISODate)));

    // Nobody else takes it over, an admin included.
    for (const Account &other : {m_modB, m_client.admin})
        QVERIFY(isProblem(m_client.act(other, id, "claim"), 409, "already_claimed"));
    QCOMPARE(m_client.textOf(id, "claimed_by"), m_modA.id);

    // The holder claims again to renew.
    const auto renewed = m_client.act(m_modA, id, "claim");
    QCOMPARE(renewed.status, 200);
    QCOMPARE(valueIn(renewed, "claimed_by").toString(), m_modA.id);
    QCOMPARE(valueIn(renewed, "status").toString(), QStringLiteral("MODERATION_IN_PROGRESS"));
    QVERIFY(timeIn(renewed, "claim_expires_at") >= expires);
}

void ModerationTest::expiredClaimPassesToAnotherModerator()
{
    // A second node on the same PostgreSQL and Redis whose claims last one second.
    DataDir otherDir;
    ServerProcess node(otherDir.path());
    QProcessEnvironment &environment = node.environment();
    environment.insert(QStringLiteral("FAIRDROP_DATABASE_URL"), m_dir.databaseUrl());
    environment.insert(QStringLiteral("FAIRDROP_REDIS_URL"),
                       QStringLiteral("unix://") + m_dir.path() + QStringLiteral("/run/redis.sock"));
    environment.insert(QStringLiteral("FAIRDROP_LIMIT_MODERATION_CLAIM_SECONDS"), QStringLiteral("1"));
    environment.insert(QStringLiteral("FAIRDROP_LIMIT_USER_WRITES_PER_SECOND"), QStringLiteral("1000"));
    environment.insert(QStringLiteral("FAIRDROP_LIMIT_GLOBAL_PER_SECOND"), QStringLiteral("100000"));
    QVERIFY2(node.start(), node.output().constData());
    CatalogClient shortClaims = m_client;
    shortClaims.port = node.port();

    const QString id = m_client.createPending(m_seller, QStringLiteral("Left on the desk"));
    QVERIFY(!id.isEmpty());
    const auto claimed = shortClaims.act(m_modA, id, "claim");
    QCOMPARE(claimed.status, 200);
    QCOMPARE(valueIn(claimed, "claimed_by").toString(), m_modA.id);
    const QDateTime expires = timeIn(claimed, "claim_expires_at");
    QVERIFY(expires.isValid() && expires <= QDateTime::currentDateTimeUtc().addSecs(3));

    // Once it has run out, the claim reads as never made, and the product is back in everyone's queue.
    QTRY_COMPARE_WITH_TIMEOUT(m_client.statusOf(id), QStringLiteral("PENDING_MODERATION"), 5000);
    QVERIFY(m_client.product(id).value(QStringLiteral("claimed_by")).isNull());
    QCOMPARE(queued(m_modB, {id}), QStringList{id});

    const auto taken = m_client.act(m_modB, id, "claim");
    QCOMPARE(taken.status, 200);
    QCOMPARE(valueIn(taken, "claimed_by").toString(), m_modB.id);
    QVERIFY(isProblem(m_client.act(m_modA, id, "approve"), 403, "forbidden"));
    QVERIFY(
        isProblem(m_client.act(m_modA, id, "reject", reason(QStringLiteral("Too late"))), 403, "forbidden"));
    QCOMPARE(m_client.act(m_modB, id, "approve").status, 200);
    QCOMPARE(m_client.statusOf(id), QStringLiteral("ACTIVE"));
    node.terminate();
}

void ModerationTest::onlyTheClaimerOrAnAdminDecides()
{
    const QString held = m_client.createPending(m_seller, QStringLiteral("Held by A"));
    const QString unclaimed = m_client.createPending(m_seller, QStringLiteral("Nobody's"));
    const QString overruled = m_client.createPending(m_seller, QStringLiteral("Overruled"));
    QVERIFY(!held.isEmpty() && !unclaimed.isEmpty() && !overruled.isEmpty());
    QCOMPARE(m_client.act(m_modA, held, "claim").status, 200);
    QCOMPARE(m_client.act(m_modA, overruled, "claim").status, 200);

    QVERIFY(isProblem(m_client.act(m_modB, held, "approve"), 403, "forbidden"));
    QVERIFY(isProblem(m_client.act(m_modB, held, "reject", reason(QStringLiteral("Mine now"))), 403,
                      "forbidden"));
    for (const Account &refused : {m_seller, m_buyer})
        QVERIFY(isProblem(m_client.act(refused, held, "approve"), 403, "forbidden"));
    QCOMPARE(m_client.statusOf(held), QStringLiteral("MODERATION_IN_PROGRESS"));
    const auto approved = m_client.act(m_modA, held, "approve");
    QCOMPARE(approved.status, 200);
    QCOMPARE(valueIn(approved, "status").toString(), QStringLiteral("ACTIVE"));
    QVERIFY(timeIn(approved, "published_at").isValid());
    QCOMPARE(m_client.get({}, held).status, 200); // on sale

    // A moderator must claim before deciding; an admin need not.
    QVERIFY(isProblem(m_client.act(m_modA, unclaimed, "approve"), 409, "invalid_state"));
    QVERIFY(isProblem(m_client.act(m_modA, unclaimed, "reject", reason(QStringLiteral("No"))), 409,
                      "invalid_state"));
    QCOMPARE(m_client.statusOf(unclaimed), QStringLiteral("PENDING_MODERATION"));
    QCOMPARE(m_client.act(m_client.admin, unclaimed, "approve").status, 200);
    QCOMPARE(m_client.statusOf(unclaimed), QStringLiteral("ACTIVE"));
    // An admin may also decide what another moderator holds.
    QCOMPARE(m_client.act(m_client.admin, overruled, "reject", reason(QStringLiteral("Counterfeit"))).status,
             200);
    QCOMPARE(m_client.statusOf(overruled), QStringLiteral("REJECTED"));
}

void ModerationTest::decisionsOnWrongStatesAre409()
{
    const QString draft = m_client.createDraft(m_seller, QStringLiteral("Not submitted"));
    const QString active = m_client.createActive(m_seller, QStringLiteral("Already live"));
    const QString rejected = m_client.createPending(m_seller, QStringLiteral("Already refused"));
    const QString archived = m_client.createDraft(m_seller, QStringLiteral("Gone"));
    QVERIFY(!setOf({draft, active, rejected, archived}).contains(QString()));
    QCOMPARE(m_client.act(m_client.admin, rejected, "reject", reason(QStringLiteral("No"))).status, 200);
    QCOMPARE(m_client.act(m_seller, archived, "archive").status, 200);

    // Asked as the admin, so the answer is about the state and never about who asks.
    for (const QString &id : {draft, active, rejected, archived}) {
        const QString before = m_client.statusOf(id);
        QVERIFY2(isProblem(m_client.act(m_client.admin, id, "approve"), 409, "invalid_state"),
                 qPrintable(before));
        QVERIFY2(isProblem(m_client.act(m_client.admin, id, "reject", reason(QStringLiteral("No"))), 409,
                           "invalid_state"),
                 qPrintable(before));
        QVERIFY2(isProblem(m_client.act(m_modA, id, "claim"), 409, "invalid_state"), qPrintable(before));
        QCOMPARE(m_client.statusOf(id), before);
    }
}

void ModerationTest::rejectNeedsAReason_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::newRow("missing") << QByteArray("{}") << 422;
    QTest::newRow("empty") << QByteArray("{\"reason\":\"\"}") << 422;
    QTest::newRow("blank") << QByteArray("{\"reason\":\"  \\n \"}") << 422;
    QTest::newRow("2001 characters") << ("{\"reason\":\"" + QByteArray(2001, 'r') + "\"}") << 422;
    QTest::newRow("NUL") << QByteArray("{\"reason\":\"a\\u0000b\"}") << 422;
    QTest::newRow("number") << QByteArray("{\"reason\":5}") << 422;
    QTest::newRow("null") << QByteArray("{\"reason\":null}") << 422;
    QTest::newRow("malformed") << QByteArray("{\"reason\":") << 400;
    QTest::newRow("no body") << QByteArray() << 400;
}

void ModerationTest::rejectNeedsAReason()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    static const QString id = [this] {
        const QString pending = m_client.createPending(m_seller, QStringLiteral("Awaiting a reason"));
        return m_client.act(m_modA, pending, "claim").status == 200 ? pending : QString();
    }();
    QVERIFY(!id.isEmpty());
    const auto refused = m_client.call(m_modA, "POST", productPath(id, "reject"), body);
    QVERIFY(isProblem(refused, status, status == 422 ? "validation_failed" : "malformed_json"));
    if (status == 422)
        QCOMPARE(errorFields(refused), QStringList{QStringLiteral("reason")});
    QCOMPARE(m_client.statusOf(id), QStringLiteral("MODERATION_IN_PROGRESS"));
    QVERIFY(m_client.product(id).value(QStringLiteral("rejection_reason")).isNull());
}

void ModerationTest::rejectionReasonReachesSellerAndResubmitClearsIt()
{
    const QString id = m_client.createPending(m_seller, QStringLiteral("Blurry"));
    QVERIFY(!id.isEmpty());
    const QDateTime firstSubmitted = QDateTime::fromString(m_client.textOf(id, "submitted_at"), Qt::ISODate);
    QVERIFY(firstSubmitted.isValid());
    QCOMPARE(m_client.act(m_modA, id, "claim").status, 200);
    // The longest reason allowed, newlines and all.
    const QString why = QStringLiteral("Photos are blurry.\nRetake them in daylight. ");
    const QString longest = why + QString(2000 - why.size(), u'x');
    const auto rejected = m_client.act(m_modA, id, "reject", reason(longest));
    QCOMPARE(rejected.status, 200);
    QCOMPARE(valueIn(rejected, "status").toString(), QStringLiteral("REJECTED"));

    const auto seen = m_client.get(m_seller, id);
    QCOMPARE(seen.status, 200);
    QCOMPARE(valueIn(seen, "status").toString(), QStringLiteral("REJECTED"));
    QCOMPARE(valueIn(seen, "rejection_reason").toString(), longest);
    QCOMPARE(m_client.get(m_buyer, id).status, 404); // the reason is between seller and staff

    const auto resubmitted = m_client.act(m_seller, id, "submit");
    QCOMPARE(resubmitted.status, 200);
    QCOMPARE(valueIn(resubmitted, "status").toString(), QStringLiteral("PENDING_MODERATION"));
    QVERIFY(valueIn(resubmitted, "rejection_reason").isNull());
    QVERIFY(timeIn(resubmitted, "submitted_at") >= firstSubmitted);
    QVERIFY(valueIn(m_client.get(m_seller, id), "rejection_reason").isNull());
}

void ModerationTest::queueIsOldestSubmittedFirstWithoutOthersClaims()
{
    const QString first = m_client.createPending(m_seller, QStringLiteral("Queued first"));
    const QString second = m_client.createPending(m_seller, QStringLiteral("Queued second"));
    const QString third = m_client.createPending(m_seller, QStringLiteral("Queued third"));
    const QString draft = m_client.createDraft(m_seller, QStringLiteral("Not queued"));
    const QStringList ours{first, second, third, draft};
    QVERIFY(!ours.contains(QString()));
    QCOMPARE(queued(m_modA, ours), (QStringList{first, second, third}));
    QCOMPARE(queued(m_client.admin, ours), (QStringList{first, second, third}));

    // A's claim stays in A's queue and leaves everyone else's.
    QCOMPARE(m_client.act(m_modA, second, "claim").status, 200);
    QCOMPARE(queued(m_modB, ours), (QStringList{first, third}));
    QCOMPARE(setOf(queued(m_modA, ours)), (QSet<QString>{first, second, third}));
    const auto page = m_client.call(m_modA, "GET", kQueue + "?limit=200");
    QCOMPARE(page.status, 200);
    bool found = false;
    for (const QJsonValue item : valueIn(page, "items").toArray()) {
        const QJsonObject product = item.toObject();
        if (product.value(QStringLiteral("id")).toString() == second) {
            found = true;
            QCOMPARE(product.value(QStringLiteral("status")).toString(),
                     QStringLiteral("MODERATION_IN_PROGRESS"));
            QCOMPARE(product.value(QStringLiteral("claimed_by")).toString(), m_modA.id); // the full view
        }
    }
    QVERIFY(found);

    // A resubmitted product waits behind everything submitted before it.
    QCOMPARE(m_client.act(m_client.admin, first, "reject", reason(QStringLiteral("Retake photos"))).status,
             200);
    QCOMPARE(m_client.act(m_seller, first, "submit").status, 200);
    QCOMPARE(queued(m_modB, ours), (QStringList{third, first}));

    for (const Account &refused : {m_seller, m_buyer})
        QVERIFY(isProblem(m_client.call(refused, "GET", kQueue), 403, "forbidden"));
    QCOMPARE(m_client.call({}, "GET", kQueue).status, 401);
    QVERIFY(isProblem(m_client.call(m_modA, "GET", kQueue + "?limit=0"), 422, "validation_failed"));
}

void ModerationTest::historyRecordsEveryTransitionInOrder()
{
    const QString id = m_client.createDraft(m_seller, QStringLiteral("Chronicle"));
    QVERIFY(!id.isEmpty());
    QCOMPARE(m_client.patch(m_seller, id, {{QStringLiteral("name"), QStringLiteral("Chronicle II")}}).status,
             200);
    QCOMPARE(m_client.act(m_seller, id, "submit").status, 200);
    QCOMPARE(m_client.act(m_modA, id, "claim").status, 200);
    QCOMPARE(m_client.act(m_modA, id, "reject", reason(QStringLiteral("Wrong category"))).status, 200);
    QCOMPARE(m_client.act(m_seller, id, "submit").status, 200);
    QCOMPARE(m_client.act(m_modB, id, "claim").status, 200);
    QCOMPARE(m_client.act(m_modB, id, "approve").status, 200);
    QCOMPARE(m_client.patch(m_seller, id, {{QStringLiteral("stock"), 1}}).status, 200);
    QCOMPARE(m_client.act(m_seller, id, "archive").status, 200);

    struct Step
    {
        const char *action;
        QString actor;
        const char *before; // status before and after; nullptr: not checked
        const char *after;
    };
    const QList<Step> expected{{"product.create", m_seller.id, nullptr, "DRAFT"},
                               {"product.update", m_seller.id, nullptr, nullptr},
                               {"product.submit", m_seller.id, "DRAFT", "PENDING_MODERATION"},
                               {"product.claim", m_modA.id, "PENDING_MODERATION", "MODERATION_IN_PROGRESS"},
                               {"product.reject", m_modA.id, "MODERATION_IN_PROGRESS", "REJECTED"},
                               {"product.submit", m_seller.id, "REJECTED", "PENDING_MODERATION"},
                               {"product.claim", m_modB.id, "PENDING_MODERATION", "MODERATION_IN_PROGRESS"},
                               {"product.approve", m_modB.id, "MODERATION_IN_PROGRESS", "ACTIVE"},
                               {"product.update", m_seller.id, nullptr, nullptr},
                               {"product.archive", m_seller.id, "ACTIVE", "ARCHIVED"}};

    const auto response = history(m_seller, id);
    QCOMPARE(response.status, 200);
    const QJsonArray items = valueIn(response, "items").toArray(); // newest first
    QCOMPARE(items.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const QJsonObject entry = items.at(items.size() - 1 - i).toObject();
        const Step &step = expected.at(i);
        QCOMPARE(entry.value(QStringLiteral("action")).toString(), QLatin1StringView(step.action));
        QCOMPARE(entry.value(QStringLiteral("actor_id")).toString(), step.actor);
        QCOMPARE(entry.value(QStringLiteral("target_type")).toString(), QStringLiteral("product"));
        QCOMPARE(entry.value(QStringLiteral("target_id")).toString(), id);
        QVERIFY(QDateTime::fromString(entry.value(QStringLiteral("at")).toString(), Qt::ISODate).isValid());
        if (step.before)
            QCOMPARE(
                entry.value(QStringLiteral("before")).toObject().value(QStringLiteral("status")).toString(),
                QLatin1StringView(step.before));
        if (step.after)
            QCOMPARE(
                entry.value(QStringLiteral("after")).toObject().value(QStringLiteral("status")).toString(),
                QLatin1StringView(step.after));
    }
    QCOMPARE(items.first().toObject().value(QStringLiteral("actor_role")).toString(),
             QStringLiteral("seller"));
    QCOMPARE(items.at(2).toObject().value(QStringLiteral("actor_role")).toString(),
             QStringLiteral("moderator"));
    // Staff read the same trail, paged the same way.
    for (const Account &staff : {m_modA, m_client.admin}) {
        QCOMPARE(valueIn(history(staff, id), "items").toArray(), valueIn(response, "items").toArray());
        QCOMPARE(m_client.pageThrough(staff, productPath(id, "history"), 3).size(), expected.size());
    }
}

void ModerationTest::historyIsHiddenFromStrangers()
{
    const QString draft = m_client.createDraft(m_seller, QStringLiteral("Private past"));
    const QString active = m_client.createActive(m_seller, QStringLiteral("Public product, private past"));
    QVERIFY(!draft.isEmpty() && !active.isEmpty());
    for (const Account &insider : {m_seller, m_modB, m_client.admin}) {
        QCOMPARE(history(insider, draft).status, 200);
        QCOMPARE(history(insider, active).status, 200);
    }
    for (const Account &stranger : {m_stranger, m_buyer}) {
        const auto hidden = history(stranger, draft);
        QVERIFY(isProblem(hidden, 404, "not_found"));
        QVERIFY(!hidden.body.contains("product."));
        QVERIFY(isProblem(history(stranger, active), 403, "forbidden"));
    }
    for (const QString &bad :
         {QUuid::createUuid().toString(QUuid::WithoutBraces), QStringLiteral("not-a-uuid")})
        QVERIFY(isProblem(history(m_client.admin, bad), 404, "not_found"));
}

// fairdrop_catalog_transitions_total{action="<action>"} as the server reports it now.
static double transitionsCounted(quint16 port, const QByteArray &action)
{
    const QByteArray prefix = "fairdrop_catalog_transitions_total{action=\"" + action + "\"} ";
    for (const QByteArray &line : request(port, "GET", "/metrics").body.split('\n')) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).toDouble();
    }
    return -1;
}

void ModerationTest::committedTransitionsAreCounted()
{
    const QString id = m_client.createPending(m_seller, QStringLiteral("Counted"));
    QVERIFY(!id.isEmpty());
    const double approvals = transitionsCounted(m_client.port, "approve");
    const double rejections = transitionsCounted(m_client.port, "reject");
    QVERIFY(approvals >= 0 && rejections >= 0);
    // A refused decision changes nothing and counts nothing.
    QVERIFY(isProblem(m_client.act(m_modA, id, "approve"), 409, "invalid_state"));
    QCOMPARE(transitionsCounted(m_client.port, "approve"), approvals);
    QCOMPARE(m_client.act(m_client.admin, id, "approve").status, 200);
    QCOMPARE(transitionsCounted(m_client.port, "approve"), approvals + 1);
    QCOMPARE(transitionsCounted(m_client.port, "reject"), rejections);
}

QTEST_GUILESS_MAIN(ModerationTest)
#include "tst_moderation.moc"
