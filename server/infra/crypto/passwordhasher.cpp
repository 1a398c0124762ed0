#include "server/infra/crypto/passwordhasher.h"

#include <sodium.h>

namespace fd::infra {
namespace {

constexpr unsigned long long kOpsLimit = 2;
constexpr size_t kMemLimit = 19 * 1024 * 1024;

bool ensureSodium()
{
    static const bool ready = sodium_init() >= 0;
    return ready;
}

} // namespace

namespace password {

QString hash(const QString &password)
{
    ensureSodium();
    const QByteArray utf8 = password.toUtf8();
    char encoded[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(encoded, utf8.constData(), size_t(utf8.size()), kOpsLimit, kMemLimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        return {};
    return QString::fromLatin1(encoded);
}

bool verify(const QString &encodedHash, const QString &password)
{
    ensureSodium();
    const QByteArray encoded = encodedHash.toLatin1();
    const QByteArray utf8 = password.toUtf8();
    return crypto_pwhash_str_verify(encoded.constData(), utf8.constData(), size_t(utf8.size())) == 0;
}

bool needsRehash(const QString &encodedHash)
{
    ensureSodium();
    return crypto_pwhash_str_needs_rehash(encodedHash.toLatin1().constData(), kOpsLimit, kMemLimit) != 0;
}

} // namespace password

QString randomToken(int bytes)
{
    ensureSodium();
    QByteArray raw(bytes, Qt::Uninitialized);
    randombytes_buf(raw.data(), size_t(raw.size()));
    return QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

} // namespace fd::infra
