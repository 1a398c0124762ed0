#include "server/infra/crypto/jwt.h"

#include <QJsonDocument>

#include <sodium.h>

namespace fd::infra::jwt {
namespace {

constexpr auto kEncoding = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QByteArray hmacSha256(const QByteArray &data, const QByteArray &key)
{
    crypto_auth_hmacsha256_state state;
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char *>(key.constData()),
                                size_t(key.size()));
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char *>(data.constData()),
                                  quint64(data.size()));
    crypto_auth_hmacsha256_final(&state, mac);
    return QByteArray(reinterpret_cast<const char *>(mac), sizeof mac);
}

Error invalid(const char *why)
{
    return Error{ErrorCode::Unauthorized, QLatin1StringView(why)};
}

std::optional<QJsonObject> decodeObject(QByteArrayView part)
{
    const auto decoded = QByteArray::fromBase64Encoding(part.toByteArray(),
                                                        kEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(*decoded, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

} // namespace

QByteArray signHs256(const QJsonObject &claims, const QByteArray &key)
{
    static const QByteArray header =
        QJsonDocument(QJsonObject{{QStringLiteral("alg"), QStringLiteral("HS256")},
                                  {QStringLiteral("typ"), QStringLiteral("at+jwt")}})
            .toJson(QJsonDocument::Compact)
            .toBase64(kEncoding);
    const QByteArray signingInput =
        header + '.' + QJsonDocument(claims).toJson(QJsonDocument::Compact).toBase64(kEncoding);
    return signingInput + '.' + hmacSha256(signingInput, key).toBase64(kEncoding);
}

Result<QJsonObject> verifyHs256(const QByteArray &token, const QByteArray &key, const Expectations &expected)
{
    if (token.size() > 4096)
        return invalid("token too long");
    const qsizetype firstDot = token.indexOf('.');
    const qsizetype secondDot = token.indexOf('.', firstDot + 1);
    if (firstDot <= 0 || secondDot <= firstDot + 1 || token.indexOf('.', secondDot + 1) >= 0)
        return invalid("not three parts");
    const QByteArrayView signingInput(token.constData(), secondDot);
    const auto signature = QByteArray::fromBase64Encoding(
        token.mid(secondDot + 1), kEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!signature || signature.decoded.size() != crypto_auth_hmacsha256_BYTES)
        return invalid("bad signature encoding");

    const auto header = decodeObject(QByteArrayView(token.constData(), firstDot));
    if (!header || header->value(QStringLiteral("alg")).toString() != QLatin1StringView("HS256") ||
        header->value(QStringLiteral("typ")).toString() != QLatin1StringView("at+jwt") ||
        header->contains(QStringLiteral("crit")))
        return invalid("unexpected header");
    const QByteArray mac = hmacSha256(signingInput.toByteArray(), key);
    if (sodium_memcmp(mac.constData(), signature.decoded.constData(), size_t(mac.size())) != 0)
        return invalid("bad signature");

    const auto claims =
        decodeObject(QByteArrayView(token.constData() + firstDot + 1, secondDot - firstDot - 1));
    if (!claims)
        return invalid("bad claims");
    const QJsonValue exp = claims->value(QStringLiteral("exp"));
    const QJsonValue iat = claims->value(QStringLiteral("iat"));
    if (!exp.isDouble() || !iat.isDouble())
        return invalid("missing exp or iat");
    if (qint64(exp.toDouble()) + expected.leewaySeconds < expected.nowSeconds)
        return invalid("expired");
    if (qint64(iat.toDouble()) - expected.leewaySeconds > expected.nowSeconds)
        return invalid("issued in the future");
    if (claims->value(QStringLiteral("iss")).toString() != expected.issuer)
        return invalid("wrong issuer");
    if (claims->value(QStringLiteral("aud")).toString() != expected.audience)
        return invalid("wrong audience");
    return *claims;
}

} // namespace fd::infra::jwt
