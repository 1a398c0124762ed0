#include "server/catalog/catalogmetrics.h"

#include <prometheus/counter.h>
#include <prometheus/registry.h>

namespace fd::catalog {

CatalogMetrics::CatalogMetrics(prometheus::Registry &registry)
{
    auto &family = prometheus::BuildCounter()
                       .Name("fairdrop_catalog_transitions_total")
                       .Help("Committed product changes by action")
                       .Register(registry);
    for (const char *action :
         {"create", "update", "submit", "claim", "approve", "reject", "archive", "delete"})
        m_byAction.emplace(QString::fromLatin1(action), &family.Add({{"action", action}}));
}

void CatalogMetrics::committed(const QString &action)
{
    if (const auto found = m_byAction.find(action); found != m_byAction.end())
        found->second->Increment();
}

} // namespace fd::catalog
