// The published OpenAPI document and the router describe the same API: every route is documented and
// every documented operation is routed.
#include "server/admin/adminroutes.h"
#include "server/audit/auditroutes.h"
#include "server/catalog/catalogroutes.h"
#include "server/http/router.h"
#include "server/identity/identityroutes.h"
#include "server/orders/orderroutes.h"
#include "server/reservations/reservationroutes.h"
#include "server/service/serviceroutes.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace fd;

class OpenApiTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void documentMatchesRoutes();
};

void OpenApiTest::documentMatchesRoutes()
{
    QFile file(QStringLiteral(":/openapi/openapi.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonParseError error;
    const QJsonObject document = QJsonDocument::fromJson(file.readAll(), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(document.value(QStringLiteral("openapi")).toString(), QStringLiteral("3.1.0"));

    http::Router router;
    service::registerRoutes(router, service::ServiceDeps{});
    identity::registerRoutes(router, identity::IdentityDeps{});
    admin::registerRoutes(router, admin::AdminDeps{});
    audit::registerRoutes(router, nullptr);
    catalog::registerRoutes(router, catalog::CatalogDeps{});
    reservations::registerRoutes(router, reservations::HoldsDeps{});
    orders::registerRoutes(router, orders::OrdersDeps{});

    QSet<QString> routed;
    for (const http::Route &route : router.routes())
        routed.insert(QString::fromLatin1(route.method).toLower() + u' ' + route.pathTemplate);
    QSet<QString> documented;
    const QJsonObject paths = document.value(QStringLiteral("paths")).toObject();
    for (auto path = paths.begin(); path != paths.end(); ++path) {
        const QJsonObject operations = path.value().toObject();
        for (auto op = operations.begin(); op != operations.end(); ++op) {
            documented.insert(op.key() + u' ' + path.key());
            QVERIFY2(op.value().toObject().contains(QStringLiteral("responses")), qPrintable(path.key()));
        }
    }
    const QSet<QString> undocumented = routed - documented;
    const QSet<QString> unrouted = documented - routed;
    QVERIFY2(undocumented.isEmpty(), qPrintable(QStringList(undocumented.values()).join(u',')));
    QVERIFY2(unrouted.isEmpty(), qPrintable(QStringList(unrouted.values()).join(u',')));
}

QTEST_GUILESS_MAIN(OpenApiTest)
#include "tst_openapi.moc"
