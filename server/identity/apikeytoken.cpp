#include "server/identity/apikeytoken.h"

#include "server/infra/crypto/passwordhasher.h"

#include <QCryptographicHash>

#include <sodium.h>

#include <algorithm>

namespace fd::identity::apikey {
namespace {

constexpr QByteArrayView kPrefix = "fdk_";
constexpr qsizetype kIdLength = 32;
constexpr int kSecretBytes = 32;
constexpr qsizetype kSecretLength = 43; // unpadded base64 of 32 bytes

bool isLowerHex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

bool isBase64Url(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

} // namespace

std::optional<ParsedKey> parse(QByteArrayView key)
{
    if (key.size() != kPrefix.size() + kIdLength + 1 + kSecretLength || !key.startsWith(kPrefix))
        return std::nullopt;
    const QByteArrayView id = key.sliced(kPrefix.size(), kIdLength);
    const QByteArrayView secret = key.sliced(kPrefix.size() + kIdLength + 1);
    if (key.at(kPrefix.size() + kIdLength) != '_' || !std::all_of(id.begin(), id.end(), isLowerHex) ||
        !std::all_of(secret.begin(), secret.end(), isBase64Url))
        return std::nullopt;
    const QUuid uuid = QUuid::fromRfc4122(QByteArray::fromHex(id.toByteArray()));
    if (uuid.isNull())
        return std::nullopt;
    return ParsedKey{uuid, secret.toByteArray()};
}

QString compose(const QUuid &id, const QString &secret)
{
    return QLatin1StringView(kPrefix) + id.toString(QUuid::Id128) + u'_' + secret;
}

QString newSecret()
{
    return infra::randomToken(kSecretBytes);
}

QByteArray secretHash(QByteArrayView secret)
{
    return QCryptographicHash::hash(secret, QCryptographicHash::Sha256);
}

bool secretMatches(QByteArrayView secret, const QByteArray &storedHash)
{
    const QByteArray given = secretHash(secret);
    return storedHash.size() == given.size() &&
           sodium_memcmp(given.constData(), storedHash.constData(), size_t(given.size())) == 0;
}

} // namespace fd::identity::apikey
