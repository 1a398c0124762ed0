#include "tests/support/catalogclient.h"

#include "tests/support/serverprocess.h"

#include <QJsonArray>
#include <QUuid>

namespace fd::test {

QStringList fullViewMembers()
{
    return {QStringLiteral("id"),           QStringLiteral("seller_id"),
            QStringLiteral("name"),         QStringLiteral("description"),
            QStringLiteral("price"),        QStringLiteral("stock"),
            QStringLiteral("status"),       QStringLiteral("rejection_reason"),
            QStringLiteral("claimed_by"),   QStringLiteral("claim_expires_at"),
            QStringLiteral("submitted_at"), QStringLiteral("published_at"),
            QStringLiteral("created_at"),   QStringLiteral("updated_at")};
}

QSet<QString> publicViewMembers()
{
    return {QStringLiteral("id"),          QStringLiteral("seller_id"),    QStringLiteral("name"),
            QStringLiteral("description"), QStringLiteral("price"),        QStringLiteral("stock"),
            QStringLiteral("status"),      QStringLiteral("published_at"), QStringLiteral("created_at"),
            QStringLiteral("updated_at")};
}

QString problemCode(const HttpResponse &response)
{
    return response.json().object().value(QStringLiteral("code")).toString();
}

bool isProblem(const HttpResponse &response, int status, const char *code)
{
    if (response.status == status && response.header("content-type") == "application/problem+json" &&
        problemCode(response) == QLatin1StringView(code))
        return true;
    qWarning("expected %d %s, got %d %s: %s", status, code, response.status,
             response.header("content-type").constData(), response.body.left(300).constData());
    return false;
}

QJsonValue valueIn(const HttpResponse &response, const char *member)
{
    return response.json().object().value(QLatin1StringView(member));
}

QStringList errorFields(const HttpResponse &response)
{
    QStringList fields;
    const QJsonArray errors = response.json().object().value(QStringLiteral("errors")).toArray();
    for (const QJsonValue &error : errors)
        fields.append(error.toObject().value(QStringLiteral("field")).toString());
    return fields;
}

QStringList idsOf(const HttpResponse &response)
{
    QStringList ids;
    const QJsonArray items = response.json().object().value(QStringLiteral("items")).toArray();
    for (const QJsonValue &item : items)
        ids.append(item.toObject().value(QStringLiteral("id")).toString());
    return ids;
}

QSet<QString> setOf(const QStringList &ids)
{
    return QSet<QString>(ids.cbegin(), ids.cend());
}

QJsonObject productBody(const QString &name, const QString &price, int stock)
{
    return {
        {QStringLiteral("name"), name}, {QStringLiteral("price"), price}, {QStringLiteral("stock"), stock}};
}

QByteArray productPath(const QString &id, const QByteArray &action)
{
    QByteArray path = "/api/v1/inventory/" + id.toLatin1();
    if (!action.isEmpty())
        path += '/' + action;
    return path;
}

Headers CatalogClient::from(Headers extra)
{
    ++m_nextClient;
    extra.append({"X-Forwarded-For", "198.51." + QByteArray::number(m_nextClient / 250) + '.' +
                                         QByteArray::number(m_nextClient % 250 + 1)});
    return extra;
}

Account CatalogClient::signUp(const QString &email, const QString &accountType)
{
    const auto response = request(port, "POST", "/api/v1/users",
                                  json({{QStringLiteral("email"), email},
                                        {QStringLiteral("password"), kCatalogPassword},
                                        {QStringLiteral("account_type"), accountType}}),
                                  from());
    if (!expect(response, 201, "sign-up"))
        return {};
    return signIn(email);
}

Account CatalogClient::signIn(const QString &email, const QString &password)
{
    const auto tokens =
        request(port, "POST", "/api/v1/auth/token",
                json({{QStringLiteral("email"), email}, {QStringLiteral("password"), password}}), from());
    if (!expect(tokens, 200, "sign-in"))
        return {};
    Account account{
        {}, "Bearer " + tokens.json().object().value(QStringLiteral("access_token")).toString().toLatin1()};
    const auto me = call(account, "GET", "/api/v1/users/me");
    if (!expect(me, 200, "users/me"))
        return {};
    account.id = me.json().object().value(QStringLiteral("id")).toString();
    return account;
}

bool CatalogClient::change(const Account &account, const QJsonObject &change)
{
    return expect(call(admin, "PATCH", "/api/v1/admin/users/" + account.id.toLatin1(), json(change)), 200,
                  "account change");
}

Account CatalogClient::newSeller(const QString &name, bool verified)
{
    const Account seller = signUp(name + QStringLiteral("@sellers.example"), QStringLiteral("seller"));
    if (verified && !seller.id.isEmpty() && !change(seller, {{QStringLiteral("is_verified"), true}}))
        return {};
    return seller;
}

Account CatalogClient::newModerator(const QString &name)
{
    const Account moderator = signUp(name + QStringLiteral("@staff.example"), QStringLiteral("buyer"));
    if (moderator.id.isEmpty() || !change(moderator, {{QStringLiteral("role"), QStringLiteral("moderator")}}))
        return {};
    return moderator;
}

HttpResponse CatalogClient::call(const Account &as, const QByteArray &method, const QByteArray &path,
                                 const QByteArray &body, Headers extra) const
{
    if (!as.bearer.isEmpty())
        extra.append({"Authorization", as.bearer});
    return request(port, method, path, body, extra);
}

HttpResponse CatalogClient::create(const Account &seller, const QJsonObject &product) const
{
    return call(seller, "POST", "/api/v1/inventory/", json(product));
}

HttpResponse CatalogClient::get(const Account &as, const QString &id, Headers extra) const
{
    return call(as, "GET", productPath(id), {}, std::move(extra));
}

HttpResponse CatalogClient::patch(const Account &as, const QString &id, const QJsonObject &change,
                                  Headers extra) const
{
    return call(as, "PATCH", productPath(id), json(change), std::move(extra));
}

HttpResponse CatalogClient::act(const Account &as, const QString &id, const QByteArray &action,
                                const QJsonObject &body) const
{
    return call(as, "POST", productPath(id, action), body.isEmpty() ? QByteArray() : json(body));
}

QJsonObject CatalogClient::product(const QString &id) const
{
    const auto response = get(admin, id);
    return response.status == 200 ? response.json().object() : QJsonObject{};
}

QString CatalogClient::statusOf(const QString &id) const
{
    return textOf(id, "status");
}

QString CatalogClient::textOf(const QString &id, const char *member) const
{
    return product(id).value(QLatin1StringView(member)).toString();
}

QString CatalogClient::createDraft(const Account &seller, const QString &name, const QString &price,
                                   const QString &description)
{
    QJsonObject body = productBody(name, price, 5);
    if (!description.isEmpty())
        body.insert(QStringLiteral("description"), description);
    const auto response = create(seller, body);
    if (!expect(response, 201, "create"))
        return {};
    return response.json().object().value(QStringLiteral("id")).toString();
}

QString CatalogClient::createPending(const Account &seller, const QString &name, const QString &price,
                                     const QString &description)
{
    const QString id = createDraft(seller, name, price, description);
    if (id.isEmpty() || !expect(act(seller, id, "submit"), 200, "submit"))
        return {};
    return id;
}

QString CatalogClient::createActive(const Account &seller, const QString &name, const QString &price,
                                    const QString &description)
{
    const QString id = createPending(seller, name, price, description);
    if (id.isEmpty() || !expect(act(admin, id, "approve"), 200, "approve"))
        return {};
    return id;
}

QString CatalogClient::createStocked(const Account &seller, const QString &name, int stock)
{
    const auto created = create(seller, productBody(name, QStringLiteral("10.00"), stock));
    if (!expect(created, 201, "create"))
        return {};
    const QString id = valueIn(created, "id").toString();
    if (!expect(act(seller, id, "submit"), 200, "submit") ||
        !expect(act(admin, id, "approve"), 200, "approve"))
        return {};
    return id;
}

HttpResponse CatalogClient::reserve(const Account &as, const QString &productId, int quantity,
                                    const QByteArray &idempotencyKey) const
{
    const QByteArray key =
        idempotencyKey.isEmpty() ? QUuid::createUuid().toByteArray(QUuid::WithoutBraces) : idempotencyKey;
    return call(as, "POST", "/api/v1/inventory/reserve",
                json({{QStringLiteral("product_id"), productId}, {QStringLiteral("quantity"), quantity}}),
                {{"Idempotency-Key", key}});
}

QStringList CatalogClient::listed(const QByteArray &query) const
{
    const auto response = call({}, "GET", "/api/v1/inventory/?" + query);
    expect(response, 200, query.constData());
    return idsOf(response);
}

QStringList CatalogClient::pageThrough(const Account &as, const QByteArray &path, int limit) const
{
    QStringList ids;
    QByteArray cursor;
    const char separator = path.contains('?') ? '&' : '?';
    for (int page = 0; page < 100; ++page) {
        QByteArray url = path + separator + "limit=" + QByteArray::number(limit);
        if (!cursor.isEmpty())
            url += "&cursor=" + QUrl::toPercentEncoding(QString::fromLatin1(cursor));
        const auto response = call(as, "GET", url);
        if (!expect(response, 200, url.constData()))
            return {};
        const QStringList pageIds = idsOf(response);
        if (pageIds.size() > limit)
            return {};
        ids += pageIds;
        const QJsonValue next = response.json().object().value(QStringLiteral("next_cursor"));
        if (next.isNull())
            return ids;
        cursor = next.toString().toLatin1();
    }
    return {};
}

bool CatalogClient::expect(const HttpResponse &response, int status, const char *what) const
{
    if (response.status == status)
        return true;
    qWarning("%s: %d %s", what, response.status, response.body.left(500).constData());
    return false;
}

bool CatalogClient::startServer(ServerProcess &server, const QStringList &extraArguments)
{
    QProcessEnvironment &environment = server.environment();
    const QList<std::pair<QString, QString>> defaults{
        {QStringLiteral("FAIRDROP_TRUSTED_PROXIES"), QStringLiteral("127.0.0.1/32")},
        {QStringLiteral("FAIRDROP_LIMIT_USER_WRITES_PER_SECOND"), QStringLiteral("1000")},
        {QStringLiteral("FAIRDROP_LIMIT_GLOBAL_PER_SECOND"), QStringLiteral("100000")},
        {QStringLiteral("FAIRDROP_ADMIN_EMAIL"), kCatalogAdminEmail},
        {QStringLiteral("FAIRDROP_ADMIN_PASSWORD"), kCatalogPassword}};
    for (const auto &[name, value] : defaults) {
        if (!environment.contains(name))
            environment.insert(name, value);
    }
    if (!server.start(extraArguments)) {
        qWarning("server did not start: %s", server.output().constData());
        return false;
    }
    port = server.port();
    if (!waitForStatus(port, "/readyz", 200, 20'000)) {
        qWarning("server never became ready");
        return false;
    }
    admin = signIn(kCatalogAdminEmail);
    return !admin.id.isEmpty();
}

} // namespace fd::test
