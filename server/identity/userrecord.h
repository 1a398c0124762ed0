#pragma once

#include "common/role.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QUuid>

namespace fd::identity {

struct UserRecord
{
    QUuid id;
    QString email;
    QString passwordHash;
    Role role = Role::Buyer;
    bool active = true;
    bool verified = false;
    QDateTime createdAt;
    // Access tokens issued in an earlier second are dead (moved on deactivation), whole seconds since the
    // epoch like a token's `iat`.
    qint64 tokensValidAfter = 0;

    // What the API shows of an account (never the hash).
    QJsonObject toJson() const
    {
        return QJsonObject{{QStringLiteral("id"), id.toString(QUuid::WithoutBraces)},
                           {QStringLiteral("email"), email},
                           {QStringLiteral("role"), roleName(role)},
                           {QStringLiteral("is_verified"), verified},
                           {QStringLiteral("is_active"), active},
                           {QStringLiteral("created_at"), createdAt.toUTC().toString(Qt::ISODate)}};
    }
};

} // namespace fd::identity
