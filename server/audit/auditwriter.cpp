#include "server/audit/auditwriter.h"

#include "server/infra/db/preparedqueries.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace fd::audit {
namespace {

bool isSecret(const QString &key)
{
    static const QStringList kSecretWords{QStringLiteral("password"), QStringLiteral("token"),
                                          QStringLiteral("secret"), QStringLiteral("hash")};
    const QString lower = key.toLower();
    for (const QString &word : kSecretWords) {
        if (lower.contains(word))
            return true;
    }
    return false;
}

QString maskEmail(const QString &email)
{
    const qsizetype at = email.indexOf(u'@');
    if (at <= 0)
        return QStringLiteral("***");
    return email.left(1) + QStringLiteral("***") + email.mid(at);
}

QVariant jsonOrNull(const QJsonObject &object)
{
    if (object.isEmpty())
        return QVariant(QMetaType::fromType<QString>());
    return QString::fromUtf8(QJsonDocument(AuditWriter::masked(object)).toJson(QJsonDocument::Compact));
}

} // namespace

QJsonObject AuditWriter::masked(const QJsonObject &values)
{
    QJsonObject result;
    for (auto it = values.begin(); it != values.end(); ++it) {
        if (isSecret(it.key()))
            result.insert(it.key(), QStringLiteral("***"));
        else if (it.key().contains(QStringLiteral("email")) && it.value().isString())
            result.insert(it.key(), maskEmail(it.value().toString()));
        else if (it.value().isObject())
            result.insert(it.key(), masked(it.value().toObject()));
        else
            result.insert(it.key(), it.value());
    }
    return result;
}

Result<void> AuditWriter::write(const AuditEntry &entry)
{
    auto prepared = infra::preparedQuery(
        m_db, QStringLiteral("INSERT INTO audit_log (actor_id, actor_role, action, target_type, "
                             "target_id, before, after, ip, request_id) "
                             "VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::inet, ?)"));
    if (!prepared)
        return prepared.error();
    QSqlQuery &query = **prepared;
    const QVariant nullText(QMetaType::fromType<QString>());
    query.addBindValue(entry.actor.userId.isNull() ? nullText
                                                   : entry.actor.userId.toString(QUuid::WithoutBraces));
    query.addBindValue(entry.actor.role.isEmpty() ? nullText : entry.actor.role);
    query.addBindValue(entry.action);
    query.addBindValue(entry.targetType);
    query.addBindValue(entry.targetId.isEmpty() ? nullText : entry.targetId);
    query.addBindValue(jsonOrNull(entry.before));
    query.addBindValue(jsonOrNull(entry.after));
    query.addBindValue(entry.actor.ip.isNull() ? nullText : entry.actor.ip.toString());
    query.addBindValue(entry.actor.requestId.isEmpty() ? nullText
                                                       : QString::fromLatin1(entry.actor.requestId));
    if (!query.exec())
        return Error{ErrorCode::Internal, QStringLiteral("audit write failed: ") + query.lastError().text()};
    return {};
}

} // namespace fd::audit
