#include "server/infra/db/connectionspec.h"

#include <QSqlDatabase>
#include <QUrl>
#include <QUrlQuery>

namespace fd::infra {

Result<ConnectionSpec> ConnectionSpec::fromUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() ||
        (url.scheme() != QLatin1StringView("postgresql") && url.scheme() != QLatin1StringView("postgres")))
        return Error{
            ErrorCode::BadRequest,
            QStringLiteral("database URL must look like postgresql://user:password@host:5432/dbname")};
    ConnectionSpec spec;
    spec.host = url.host();
    spec.port = url.port(5432);
    spec.user = url.userName();
    spec.password = url.password();
    spec.database = url.path().mid(1);
    const QUrlQuery query(url);
    if (query.hasQueryItem(QStringLiteral("host")))
        spec.host = query.queryItemValue(QStringLiteral("host"), QUrl::FullyDecoded);
    if (spec.database.isEmpty())
        return Error{ErrorCode::BadRequest, QStringLiteral("database URL names no database")};
    if (spec.host.isEmpty())
        spec.host = QStringLiteral("localhost");
    return spec;
}

QSqlDatabase ConnectionSpec::open(const QString &connectionName) const
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connectionName);
    db.setHostName(host);
    db.setPort(port);
    db.setUserName(user);
    db.setPassword(password);
    db.setDatabaseName(database);
    db.setConnectOptions(options.isEmpty() ? QStringLiteral("connect_timeout=5") : options);
    db.open();
    return db;
}

QString ConnectionSpec::display() const
{
    return QStringLiteral("postgresql://%1@%2:%3/%4").arg(user, host).arg(port).arg(database);
}

} // namespace fd::infra
