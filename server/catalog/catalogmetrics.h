#pragma once

#include <QString>

#include <map>

namespace prometheus {
class Registry;
class Counter;
} // namespace prometheus

namespace fd::catalog {

// fairdrop_catalog_transitions_total{action}: committed product changes, by what they did. The actions are
// fixed, so every counter exists from the start (a dashboard sees zeros, not gaps) and lookups need no lock.
class CatalogMetrics
{
public:
    explicit CatalogMetrics(prometheus::Registry &registry);

    void committed(const QString &action);

private:
    std::map<QString, prometheus::Counter *> m_byAction;
};

} // namespace fd::catalog
