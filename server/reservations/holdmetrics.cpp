#include "server/reservations/holdmetrics.h"

#include <prometheus/counter.h>
#include <prometheus/registry.h>

namespace fd::reservations {

HoldMetrics::HoldMetrics(prometheus::Registry &registry)
{
    auto &decisions = prometheus::BuildCounter()
                          .Name("fairdrop_reservation_decisions_total")
                          .Help("Reserve requests by what Redis decided")
                          .Register(registry);
    const char *outcomes[] = {"granted",      "insufficient", "user_limit", "own_product",
                              "rate_limited", "not_on_sale",  "unavailable"};
    for (int i = 0; i < 7; ++i)
        m_decisions[i] = &decisions.Add({{"outcome", outcomes[i]}});
    m_rebuilt = &prometheus::BuildCounter()
                     .Name("fairdrop_hold_state_rebuilds_total")
                     .Help("Products whose Redis hold state was rebuilt from PostgreSQL")
                     .Register(registry)
                     .Add({});
    m_fenced = &prometheus::BuildCounter()
                    .Name("fairdrop_hold_records_fenced_total")
                    .Help("Holds granted on a stale Redis state that PostgreSQL refused to record")
                    .Register(registry)
                    .Add({});
    auto &returned = prometheus::BuildCounter()
                         .Name("fairdrop_held_units_returned_total")
                         .Help("Held units put back on sale, by why")
                         .Register(registry);
    m_released = &returned.Add({{"reason", "released"}});
    m_expired = &returned.Add({{"reason", "expired"}});
}

void HoldMetrics::decided(Decision decision)
{
    m_decisions[int(decision)]->Increment();
}

void HoldMetrics::rebuilt()
{
    m_rebuilt->Increment();
}

void HoldMetrics::fenced()
{
    m_fenced->Increment();
}

void HoldMetrics::returned(bool expired, double units)
{
    (expired ? m_expired : m_released)->Increment(units);
}

} // namespace fd::reservations
