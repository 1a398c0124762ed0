#pragma once

#include "tests/support/httpclient.h"

#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace fd::test {

using Headers = QList<std::pair<QByteArray, QByteArray>>;

inline const QString kCatalogPassword = QStringLiteral("correct horse battery");
inline const QString kCatalogAdminEmail = QStringLiteral("root@example.com");

class ServerProcess;

// A signed-in account; a default-constructed one is an anonymous client.
struct Account
{
    QString id;
    QByteArray bearer; // "Bearer <access token>"
};

// The members of a product as the owner and staff see it, and as everyone else sees an ACTIVE one.
QStringList fullViewMembers();
QSet<QString> publicViewMembers();

QString problemCode(const HttpResponse &response);
// True for an application/problem+json of this status and code; otherwise warns with what came instead.
bool isProblem(const HttpResponse &response, int status, const char *code);
// A member of the response's JSON object.
QJsonValue valueIn(const HttpResponse &response, const char *member);
QStringList errorFields(const HttpResponse &response); // the `field` of every entry of `errors`
QStringList idsOf(const HttpResponse &response);       // the `id` of every entry of `items`
QSet<QString> setOf(const QStringList &ids);
// A create body: {name, price, stock}.
QJsonObject productBody(const QString &name, const QString &price = QStringLiteral("10.00"), int stock = 1);
QByteArray productPath(const QString &id, const QByteArray &action = {});

// Accounts and products on one running server, driven only through its HTTP API.
class CatalogClient
{
public:
    quint16 port = 0;
    Account admin;

    // Starts the server with the bootstrap admin, trusted-proxy addresses and the per-user and global limits
    // raised (these tests fire many writes as one user; the limits have their own tests), waits until it is
    // ready and signs the admin in. Settings already in its environment win. False (with a warning) on
    // failure.
    bool startServer(ServerProcess &server, const QStringList &extraArguments = {});

    // A new client address for every call, so per-address sign-up and login limits never trip.
    Headers from(Headers extra = {});
    // Signs up (account_type buyer or seller) and signs in; an empty id means it failed (with a warning).
    Account signUp(const QString &email, const QString &accountType);
    Account signIn(const QString &email, const QString &password = kCatalogPassword);
    // The admin changes an account (role, is_verified); true on 200.
    bool change(const Account &account, const QJsonObject &change);
    // A seller signed up as <name>@sellers.example, verified by the admin if asked; a moderator likewise.
    Account newSeller(const QString &name, bool verified);
    Account newModerator(const QString &name);

    HttpResponse call(const Account &as, const QByteArray &method, const QByteArray &path,
                      const QByteArray &body = {}, Headers extra = {}) const;
    HttpResponse get(const Account &as, const QString &id, Headers extra = {}) const;
    HttpResponse patch(const Account &as, const QString &id, const QJsonObject &change,
                       Headers extra = {}) const;
    HttpResponse create(const Account &seller, const QJsonObject &product) const; // POST /inventory/
    // POST /inventory/{id}/{action} (submit, claim, approve, reject, archive).
    HttpResponse act(const Account &as, const QString &id, const QByteArray &action,
                     const QJsonObject &body = {}) const;
    // The product as the admin sees it (full view), or an empty object.
    QJsonObject product(const QString &id) const;
    QString statusOf(const QString &id) const;
    QString textOf(const QString &id, const char *member) const; // a string member of product(id)

    // Products in a given state, made through the API; an empty id means a step failed (with a warning).
    QString createDraft(const Account &seller, const QString &name,
                        const QString &price = QStringLiteral("10.00"), const QString &description = {});
    QString createPending(const Account &seller, const QString &name,
                          const QString &price = QStringLiteral("10.00"), const QString &description = {});
    // Approved by the admin, who needs no claim.
    QString createActive(const Account &seller, const QString &name,
                         const QString &price = QStringLiteral("10.00"), const QString &description = {});

    // An ACTIVE product with this stock.
    QString createStocked(const Account &seller, const QString &name, int stock);
    // POST /inventory/reserve with a fresh Idempotency-Key unless one is given.
    HttpResponse reserve(const Account &as, const QString &productId, int quantity,
                         const QByteArray &idempotencyKey = {}) const;

    // Anonymous GET /inventory/?query: the ids, in order (a warning if it is not 200).
    QStringList listed(const QByteArray &query) const;
    // Every id of a list, following next_cursor to the end; empty if a page fails.
    QStringList pageThrough(const Account &as, const QByteArray &path, int limit) const;

private:
    bool expect(const HttpResponse &response, int status, const char *what) const;

    int m_nextClient = 0;
};

} // namespace fd::test
