#pragma once

#include "common/result.h"

#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace fd::app {

struct AdminCredentials
{
    QString email;
    QString password; // empty when it came from the configuration
};

// First-run state that every node must agree on, created under the database's own uniqueness rules so
// that nodes starting together do not race.
namespace bootstrap {

// Creates the first admin when none exists. Returns what was created, or nothing.
Result<std::optional<AdminCredentials>> ensureAdmin(QSqlDatabase &db, const QString &email,
                                                    const QString &password);
// The JWT signing secret: the configured one, else one generated once and kept in server_settings.
Result<QString> ensureJwtSecret(QSqlDatabase &db, const QString &configured);

} // namespace bootstrap
} // namespace fd::app
