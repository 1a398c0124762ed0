#include "server/http/router.h"

namespace fd::http {
namespace {

QList<QStringView> splitPath(QStringView path)
{
    QList<QStringView> parts;
    for (QStringView part : path.split(u'/', Qt::SkipEmptyParts))
        parts.append(part);
    return parts;
}

bool isParameter(const QString &segment)
{
    return segment.size() > 2 && segment.front() == u'{' && segment.back() == u'}';
}

bool matches(const Route &route, const QList<QStringView> &parts, QHash<QString, QString> *params)
{
    if (route.segments.size() != parts.size())
        return false;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QString &segment = route.segments.at(i);
        if (isParameter(segment)) {
            if (params)
                params->insert(segment.mid(1, segment.size() - 2), parts.at(i).toString());
        } else if (segment != parts.at(i)) {
            return false;
        }
    }
    return true;
}

} // namespace

void Router::add(const QByteArray &method, const QString &pathTemplate, Handler handler, RouteOptions options)
{
    m_routes.append(Route{method, pathTemplate, pathTemplate.split(u'/', Qt::SkipEmptyParts),
                          std::move(handler), options});
}

Router::Match Router::match(const QByteArray &method, QStringView path) const
{
    const QList<QStringView> parts = splitPath(path);
    // HEAD is GET without the body (RFC 9110): every GET route answers it.
    const QByteArray wanted = method == "HEAD" ? QByteArrayLiteral("GET") : method;
    Match result;
    // Static segments beat parameters: "/inventory/reserve" wins over "/inventory/{id}".
    const Route *best = nullptr;
    int bestParams = 0;
    for (const Route &route : m_routes) {
        if (!matches(route, parts, nullptr))
            continue;
        if (route.method != wanted) {
            if (!result.allowedMethods.contains(route.method))
                result.allowedMethods.append(route.method);
            continue;
        }
        const int paramCount =
            int(std::count_if(route.segments.cbegin(), route.segments.cend(), isParameter));
        if (!best || paramCount < bestParams) {
            best = &route;
            bestParams = paramCount;
        }
    }
    if (best) {
        result.route = best;
        result.allowedMethods.clear();
        matches(*best, parts, &result.params);
    }
    return result;
}

} // namespace fd::http
