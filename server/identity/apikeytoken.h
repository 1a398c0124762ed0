#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QUuid>

#include <optional>

namespace fd::identity::apikey {

// The key a partner sends: "fdk_" + the key's id as 32 lower-case hex digits + "_" + the secret, 256
// random bits in unpadded base64url (43 characters, which may themselves contain '_'). The id makes the
// lookup a primary-key read; only SHA-256 of the secret is stored, which is enough because the secret is
// random (a slow password hash would cost every request and protect nothing more).
struct ParsedKey
{
    QUuid id;
    QByteArray secret;
};

std::optional<ParsedKey> parse(QByteArrayView key);
QString compose(const QUuid &id, const QString &secret);
QString newSecret();
QByteArray secretHash(QByteArrayView secret);
// Constant time, so the answer's timing tells nothing about how much of a guess was right.
bool secretMatches(QByteArrayView secret, const QByteArray &storedHash);

} // namespace fd::identity::apikey
