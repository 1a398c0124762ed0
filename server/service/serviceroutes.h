#pragma once

#include <QStringList>

#include <memory>

namespace fd::infra {
class DbPool;
class Migrator;
class MetricsRegistry;
} // namespace fd::infra

namespace fd::http {
class Router;
}

namespace fd::service {

struct ServiceDeps
{
    infra::DbPool *db = nullptr;
    const infra::Migrator *migrator = nullptr;
    infra::MetricsRegistry *metrics = nullptr;
    QStringList metricsAllow; // CIDRs; empty: everyone
};

// /healthz, /readyz, /metrics, /api/v1/time, /api/v1/openapi.json and /docs.
void registerRoutes(http::Router &router, const ServiceDeps &deps);

} // namespace fd::service
