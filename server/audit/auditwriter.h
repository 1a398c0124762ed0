#pragma once

#include "common/result.h"
#include "server/audit/auditentry.h"

#include <QSqlDatabase>

namespace fd::audit {

// Writes audit entries inside the caller's open transaction, so an entry exists exactly when its change
// does. Secrets never reach the log and personal data is masked.
class AuditWriter
{
public:
    explicit AuditWriter(QSqlDatabase &db) : m_db(db) {}

    Result<void> write(const AuditEntry &entry);

    // What write() stores: secret-looking fields replaced, emails partly hidden.
    static QJsonObject masked(const QJsonObject &values);

private:
    QSqlDatabase &m_db;
};

} // namespace fd::audit
