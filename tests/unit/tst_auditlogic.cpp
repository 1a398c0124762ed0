// The console audit page's pure logic: before/after states flattened to dotted paths (nested objects and
// arrays too) and paired up field by field, values shown as people read them, and the query string built
// from the filters, checked before it is sent.
#include "console/audit/auditdiff.h"
#include "console/audit/auditquery.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimeZone>
#include <QUrlQuery>

using namespace fd::console;
using Change = AuditDiffRow::Change;

namespace {

QJsonValue parse(const char *json)
{
    return QJsonDocument::fromJson(json).object();
}

QString describe(const QList<AuditDiffRow> &rows)
{
    static const char *const kChanges[] = {"=", "~", "+", "-"};
    QStringList parts;
    for (const AuditDiffRow &row : rows)
        parts.append(QStringLiteral("%1%2 %3>%4")
                         .arg(QLatin1StringView(kChanges[int(row.change)]), row.path,
                              row.before ? leafText(*row.before) : QStringLiteral("_"),
                              row.after ? leafText(*row.after) : QStringLiteral("_")));
    return parts.join(QStringLiteral(" | "));
}

} // namespace

class AuditLogicTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void flattensNestedValuesToDottedPaths();
    void pairsFieldsByPath_data();
    void pairsFieldsByPath();
    void showsLeavesAsPeopleReadThem();
    void buildsTheQueryString();
    void findsWhatTheServerWouldRefuse();
};

void AuditLogicTest::flattensNestedValuesToDottedPaths()
{
    const QMap<QString, QJsonValue> leaves = flattenJson(
        parse(R"({"a": 1, "b": {"c": "x", "d": {"e": true}}, "f": [10, {"g": null}], "h": {}, "i": []})"));
    QCOMPARE(leaves.keys(), (QStringList{QStringLiteral("a"), QStringLiteral("b.c"), QStringLiteral("b.d.e"),
                                         QStringLiteral("f[0]"), QStringLiteral("f[1].g"),
                                         QStringLiteral("h"), QStringLiteral("i")}));
    QCOMPARE(leaves.value(QStringLiteral("b.d.e")), QJsonValue(true));
    QCOMPARE(leaves.value(QStringLiteral("f[1].g")), QJsonValue(QJsonValue::Null));
    QCOMPARE(leaves.value(QStringLiteral("h")), QJsonValue(QJsonObject()));
    // No state at all (a creation's "before") has no fields.
    QVERIFY(flattenJson(QJsonValue(QJsonValue::Null)).isEmpty());
    QVERIFY(flattenJson(QJsonValue(QJsonValue::Undefined)).isEmpty());
    QVERIFY(flattenJson(QJsonObject()).isEmpty());
}

void AuditLogicTest::pairsFieldsByPath_data()
{
    QTest::addColumn<QJsonValue>("before");
    QTest::addColumn<QJsonValue>("after");
    QTest::addColumn<QString>("expected");
    QTest::newRow("role change") << parse(R"({"role": "buyer"})") << parse(R"({"role": "moderator"})")
                                 << QStringLiteral("~role buyer>moderator");
    QTest::newRow("creation") << QJsonValue(QJsonValue::Null) << parse(R"({"name": "Mug", "stock": 3})")
                              << QStringLiteral("+name _>Mug | +stock _>3");
    QTest::newRow("deletion") << parse(R"({"name": "Mug"})") << QJsonValue(QJsonValue::Null)
                              << QStringLiteral("-name Mug>_");
    QTest::newRow("unchanged kept, in path order")
        << parse(R"({"status": "DRAFT", "name": "Mug", "price": "1.00"})")
        << parse(R"({"status": "PENDING_MODERATION", "name": "Mug", "price": "1.00", "claimed_by": "u1"})")
        << QStringLiteral(
               "+claimed_by _>u1 | =name Mug>Mug | =price 1.00>1.00 | ~status DRAFT>PENDING_MODERATION");
    QTest::newRow("nested")
        << parse(R"({"address": {"city": "Riga", "zip": "LV-1050"}, "tags": ["a", "b"]})")
        << parse(R"({"address": {"city": "Tallinn", "zip": "LV-1050"}, "tags": ["a"]})")
        << QStringLiteral(
               "~address.city Riga>Tallinn | =address.zip LV-1050>LV-1050 | =tags[0] a>a | -tags[1] b>_");
    QTest::newRow("object replaced by a value")
        << parse(R"({"limit": {"max": 3}})") << parse(R"({"limit": 5})")
        << QStringLiteral("+limit _>5 | -limit.max 3>_");
    QTest::newRow("type change is a change")
        << parse(R"({"stock": 5})") << parse(R"({"stock": "5"})") << QStringLiteral("~stock 5>5");
    QTest::newRow("null to value") << parse(R"({"reason": null})") << parse(R"({"reason": "blurry"})")
                                   << QStringLiteral("~reason null>blurry");
    QTest::newRow("nothing recorded")
        << QJsonValue(QJsonValue::Null) << QJsonValue(QJsonValue::Null) << QString();
}

void AuditLogicTest::pairsFieldsByPath()
{
    QFETCH(QJsonValue, before);
    QFETCH(QJsonValue, after);
    QFETCH(QString, expected);
    QCOMPARE(describe(diffStates(before, after)), expected);
}

void AuditLogicTest::showsLeavesAsPeopleReadThem()
{
    QCOMPARE(leafText(QJsonValue(QStringLiteral("24.50"))), QStringLiteral("24.50"));
    QCOMPARE(leafText(QJsonValue(1000000)), QStringLiteral("1000000"));
    QCOMPARE(leafText(QJsonValue(-3)), QStringLiteral("-3"));
    QCOMPARE(leafText(QJsonValue(2.5)), QStringLiteral("2.5"));
    QCOMPARE(leafText(QJsonValue(true)), QStringLiteral("true"));
    QCOMPARE(leafText(QJsonValue(QJsonValue::Null)), QStringLiteral("null"));
    QCOMPARE(leafText(QJsonArray()), QStringLiteral("[]"));
    QCOMPARE(leafText(QJsonObject()), QStringLiteral("{}"));
}

void AuditLogicTest::buildsTheQueryString()
{
    QCOMPARE(AuditQuery().path(50), QStringLiteral("/api/v1/admin/audit-log?limit=50"));

    AuditQuery query;
    query.targetType = QStringLiteral("product");
    query.targetId = QStringLiteral("a&b=c #d+e %41");
    query.actor = QStringLiteral("0b7a4a55-7c5e-4f0e-9a55-6f6c2b1d2e3f");
    query.action = QStringLiteral("product.update");
    query.from = QDateTime(QDate(2026, 3, 1), QTime(10, 0), QTimeZone(3 * 3600));
    query.to = QDateTime(QDate(2026, 3, 2), QTime(0, 0, 0, 250), QTimeZone::utc());
    const QString path = query.path(7, QStringLiteral("eyJpZCI6NDJ9"));
    QVERIFY(path.startsWith(QStringLiteral("/api/v1/admin/audit-log?")));
    // What the server reads back (it decodes fully, and a "+" stays a plus).
    const QUrlQuery read(path.mid(path.indexOf(u'?') + 1));
    const auto value = [&read](const char *name) {
        return read.queryItemValue(QLatin1StringView(name), QUrl::FullyDecoded);
    };
    QCOMPARE(value("target_type"), QStringLiteral("product"));
    QCOMPARE(value("target_id"), QStringLiteral("a&b=c #d+e %41"));
    QCOMPARE(value("actor_id"), query.actor);
    QVERIFY(!read.hasQueryItem(QStringLiteral("actor_email")));
    // An email address is sent as such, encoded.
    query.actor = QStringLiteral("Anna+shop@Example.com");
    const QString byEmail = query.path(7);
    const QUrlQuery readEmail(byEmail.mid(byEmail.indexOf(u'?') + 1));
    QCOMPARE(readEmail.queryItemValue(QStringLiteral("actor_email"), QUrl::FullyDecoded), query.actor);
    QVERIFY(!readEmail.hasQueryItem(QStringLiteral("actor_id")));
    QCOMPARE(value("action"), QStringLiteral("product.update"));
    QCOMPARE(value("from"), QStringLiteral("2026-03-01T07:00:00.000Z")); // in UTC: no "+" to escape
    QCOMPARE(value("to"), QStringLiteral("2026-03-02T00:00:00.250Z"));
    QCOMPARE(value("limit"), QStringLiteral("7"));
    QCOMPARE(value("cursor"), QStringLiteral("eyJpZCI6NDJ9"));
}

void AuditLogicTest::findsWhatTheServerWouldRefuse()
{
    AuditQuery query;
    QCOMPARE(query.problem(), AuditQuery::Problem::None);
    query.actor = QStringLiteral("42");
    QCOMPARE(query.problem(), AuditQuery::Problem::ActorUnrecognised);
    query.actor = QStringLiteral("anna@example.com");
    QCOMPARE(query.problem(), AuditQuery::Problem::None);
    query.actor = QStringLiteral("0b7a4a55-7c5e-4f0e-9a55-6f6c2b1d2e3f");
    QCOMPARE(query.problem(), AuditQuery::Problem::None);
    query.from = QDateTime(QDate(2026, 3, 1), QTime(10, 0), QTimeZone::utc());
    query.to = query.from;
    QCOMPARE(query.problem(), AuditQuery::Problem::EmptyTimeRange); // "to" is exclusive
    query.to = query.from.addSecs(1);
    QCOMPARE(query.problem(), AuditQuery::Problem::None);
    query.from = QDateTime();
    QCOMPARE(query.problem(), AuditQuery::Problem::None);
}

QTEST_GUILESS_MAIN(AuditLogicTest)
#include "tst_auditlogic.moc"
