#pragma once

namespace prometheus {
class Registry;
class Counter;
} // namespace prometheus

namespace fd::reservations {

// Reserve decisions and the repairs of Redis state. Every counter exists from the start.
class HoldMetrics
{
public:
    enum class Decision { Granted, Insufficient, UserLimit, OwnProduct, RateLimited, NotOnSale, Unavailable };

    explicit HoldMetrics(prometheus::Registry &registry);

    // fairdrop_reservation_decisions_total{outcome}
    void decided(Decision decision);
    // fairdrop_hold_state_rebuilds_total: a product's Redis state rebuilt from PostgreSQL
    void rebuilt();
    // fairdrop_hold_records_fenced_total: holds granted on a stale state and refused by PostgreSQL
    void fenced();
    // fairdrop_held_units_returned_total{reason}: units released by their owner, or expired
    void returned(bool expired, double units);

private:
    prometheus::Counter *m_decisions[7] = {};
    prometheus::Counter *m_rebuilt = nullptr;
    prometheus::Counter *m_fenced = nullptr;
    prometheus::Counter *m_released = nullptr;
    prometheus::Counter *m_expired = nullptr;
};

} // namespace fd::reservations
