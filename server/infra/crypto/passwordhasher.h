#pragma once

#include <QByteArray>
#include <QString>

namespace fd::infra {

// argon2id with OWASP's parameters (19 MiB, t=2, p=1) through libsodium. Slow by design (~18 ms):
// callers run it on the hashing pool, never on an IO thread.
namespace password {

QString hash(const QString &password);
bool verify(const QString &encodedHash, const QString &password);
// True when the hash was made with other parameters and should be recomputed at the next login.
bool needsRehash(const QString &encodedHash);

} // namespace password

// Cryptographically random bytes as URL-safe base64 without padding.
QString randomToken(int bytes);

} // namespace fd::infra
