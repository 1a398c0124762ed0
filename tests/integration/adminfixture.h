#pragma once

// The shop the administration tests work in: a real server on its embedded PostgreSQL and Redis, with an
// administrator, a moderator and a buyer signed in, and the calls those tests make.
#include "tests/support/httpclient.h"
#include "tests/support/serverprocess.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QStringList>

#include <memory>

namespace fd::test {

inline const QString kAdminEmail = QStringLiteral("root@example.com");
inline const QString kPassword = QStringLiteral("correct horse battery");

using Headers = QList<std::pair<QByteArray, QByteArray>>;

QString code(const HttpResponse &response);
QString firstErrorField(const HttpResponse &response);
QStringList idsOf(const HttpResponse &response);
QByteArray cursorOf(const QJsonObject &key);
QByteArray encoded(const QString &text);

class AdminFixture
{
protected:
    // Call from initTestCase and cleanupTestCase; a failed start fails initTestCase.
    void startShop();
    void stopShop();

    Headers from(Headers extra = {});
    QString signup(const QString &email, const QString &accountType = QStringLiteral("buyer"));
    QJsonObject login(const QString &email, const QString &password = kPassword);
    QByteArray bearerFor(const QString &email);
    HttpResponse call(const QByteArray &method, const QByteArray &path, const QByteArray &bearer,
                      const QByteArray &body = {}, Headers extra = {});
    HttpResponse patchUser(const QString &id, const QJsonObject &change, Headers extra = {});
    QStringList pageThrough(const QByteArray &path, const QByteArray &bearer, int limit);
    QString sqlValue(const QString &sql);
    bool sqlExec(const QString &sql);
    QByteArray redis(const QStringList &arguments);
    QSqlDatabase database();

    DataDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
    quint16 m_port = 0;
    int m_nextClient = 0;
    QByteArray m_admin;
    QString m_adminId;
    QByteArray m_moderator;
    QByteArray m_buyer;
};

} // namespace fd::test
