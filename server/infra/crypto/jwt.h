#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QJsonObject>

namespace fd::infra {

// Access tokens as RFC 8725 asks: one allow-listed algorithm (HS256), an explicit `typ` (at+jwt), and a
// strict parser that refuses anything it does not expect (alg none, other algorithms, bad base64, extra
// parts).
namespace jwt {

QByteArray signHs256(const QJsonObject &claims, const QByteArray &key);

struct Expectations
{
    QString issuer;
    QString audience;
    qint64 nowSeconds = 0;
    qint64 leewaySeconds = 30;
};

// Returns the claims of a valid token, or Unauthorized with a reason for logs (never shown to clients).
Result<QJsonObject> verifyHs256(const QByteArray &token, const QByteArray &key, const Expectations &expected);

} // namespace jwt
} // namespace fd::infra
