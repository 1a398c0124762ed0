// Who may call a route: roles (admin passes every role check) and, for API keys, the route's scope. Keys
// are refused on every route that names no scope, whatever the owner's role.
#include "server/http/access.h"

#include <QTest>

using namespace fd;

Q_DECLARE_METATYPE(fd::http::Principal)
Q_DECLARE_METATYPE(fd::http::AccessRule)

namespace {

http::Principal bearer(Role role)
{
    http::Principal principal;
    principal.userId = QUuid::createUuid();
    principal.role = role;
    principal.sessionId = QUuid::createUuid();
    return principal;
}

http::Principal apiKey(Role role, QStringList scopes)
{
    http::Principal principal;
    principal.userId = QUuid::createUuid();
    principal.role = role;
    principal.apiKeyId = QUuid::createUuid();
    principal.scopes = std::move(scopes);
    return principal;
}

} // namespace

class AccessTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void check_data();
    void check();
    void refusalExplainsTheScope();
};

void AccessTest::check_data()
{
    QTest::addColumn<http::AccessRule>("rule");
    QTest::addColumn<http::Principal>("principal");
    QTest::addColumn<bool>("allowed");

    const auto signedIn = http::AccessRule::signedIn();
    const auto partners = http::AccessRule::rolesOnly({Role::UserB2b, Role::SellerB2b});
    const auto catalog = http::AccessRule::signedIn().withApiKeyScope(QStringLiteral("catalog:read"));
    const auto sellerOrders =
        http::AccessRule::rolesOnly({Role::SellerB2b}).withApiKeyScope(QStringLiteral("orders:write"));

    QTest::newRow("bearer, any role") << signedIn << bearer(Role::Buyer) << true;
    QTest::newRow("bearer, listed role") << partners << bearer(Role::UserB2b) << true;
    QTest::newRow("bearer, other role") << partners << bearer(Role::Buyer) << false;
    QTest::newRow("bearer, admin passes") << partners << bearer(Role::Admin) << true;
    QTest::newRow("bearer on a scoped route") << catalog << bearer(Role::Buyer) << true;

    const QStringList all{QStringLiteral("catalog:read"), QStringLiteral("orders:read"),
                          QStringLiteral("orders:write")};
    QTest::newRow("key, route without scope") << signedIn << apiKey(Role::UserB2b, all) << false;
    QTest::newRow("key, role route without scope") << partners << apiKey(Role::UserB2b, all) << false;
    QTest::newRow("admin's key, route without scope") << signedIn << apiKey(Role::Admin, all) << false;
    QTest::newRow("key with the scope")
        << catalog << apiKey(Role::UserB2b, {QStringLiteral("catalog:read")}) << true;
    QTest::newRow("key with other scopes")
        << catalog << apiKey(Role::UserB2b, {QStringLiteral("orders:read"), QStringLiteral("orders:write")})
        << false;
    QTest::newRow("key without scopes") << catalog << apiKey(Role::UserB2b, {}) << false;
    const auto partnerApi = http::AccessRule::partner(QStringLiteral("orders:write"));
    QTest::newRow("partner route, key with the scope")
        << partnerApi << apiKey(Role::UserB2b, {QStringLiteral("orders:write")}) << true;
    QTest::newRow("partner route, key without it")
        << partnerApi << apiKey(Role::UserB2b, {QStringLiteral("orders:read")}) << false;
    QTest::newRow("partner route, bearer") << partnerApi << bearer(Role::UserB2b) << false;
    QTest::newRow("partner route, admin's bearer") << partnerApi << bearer(Role::Admin) << false;
    QTest::newRow("key: scope and role")
        << sellerOrders << apiKey(Role::SellerB2b, {QStringLiteral("orders:write")}) << true;
    QTest::newRow("key: scope, wrong role")
        << sellerOrders << apiKey(Role::UserB2b, {QStringLiteral("orders:write")}) << false;
    QTest::newRow("key: admin owner passes the role, not the scope")
        << sellerOrders << apiKey(Role::Admin, {QStringLiteral("orders:read")}) << false;
    QTest::newRow("key: admin owner with the scope")
        << sellerOrders << apiKey(Role::Admin, {QStringLiteral("orders:write")}) << true;
    QTest::newRow("key: scope compared exactly")
        << catalog << apiKey(Role::UserB2b, {QStringLiteral("catalog:read "), QStringLiteral("CATALOG:READ")})
        << false;
}

void AccessTest::check()
{
    QFETCH(http::AccessRule, rule);
    QFETCH(http::Principal, principal);
    QFETCH(bool, allowed);
    const auto denied = rule.check(principal);
    QCOMPARE(!denied.has_value(), allowed);
    if (denied)
        QCOMPARE(denied->code, ErrorCode::Forbidden);
}

void AccessTest::refusalExplainsTheScope()
{
    const auto rule = http::AccessRule::signedIn().withApiKeyScope(QStringLiteral("orders:read"));
    const auto denied = rule.check(apiKey(Role::UserB2b, {QStringLiteral("catalog:read")}));
    QVERIFY(denied);
    QVERIFY(denied->detail.contains(QStringLiteral("orders:read")));
}

QTEST_GUILESS_MAIN(AccessTest)
#include "tst_access.moc"
