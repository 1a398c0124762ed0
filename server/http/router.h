#pragma once

#include "server/http/access.h"
#include "server/http/exchange.h"
#include "server/http/idempotency.h"

#include <QByteArrayList>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace fd::http {

using Handler = std::function<void(const ExchangePtr &)>;

struct RouteOptions
{
    bool jsonBody = false; // a non-empty body must be application/json (else 415)
    AccessRule access;     // who may call; checked before the handler runs
    IdempotencyUse idempotency = IdempotencyUse::Accepted; // POST routes only
};

struct Route
{
    QByteArray method;
    QString pathTemplate; // "/api/v1/inventory/{id}"
    QStringList segments;
    Handler handler;
    RouteOptions options;
};

// Maps (method, path) to a handler. Templates use {name} for one path segment. A trailing slash is
// insignificant. Built once at start, then read concurrently by every IO thread.
class Router
{
public:
    void add(const QByteArray &method, const QString &pathTemplate, Handler handler,
             RouteOptions options = {});

    struct Match
    {
        const Route *route = nullptr;
        QHash<QString, QString> params;
        QByteArrayList allowedMethods; // non-empty when the path exists but the method does not
    };
    Match match(const QByteArray &method, QStringView path) const;

    const QList<Route> &routes() const { return m_routes; }

private:
    QList<Route> m_routes;
};

} // namespace fd::http
