#include "server/infra/crypto/hashingpool.h"

#include "server/infra/crypto/passwordhasher.h"

namespace fd::infra {

HashingPool::HashingPool(int threads) : m_dummyHash(password::hash(randomToken(16)))
{
    m_pool.setMaxThreadCount(threads);
    m_pool.setObjectName(QStringLiteral("hashing-pool"));
}

HashingPool::~HashingPool()
{
    m_pool.waitForDone();
}

void HashingPool::hash(QObject *context, QString secret, std::function<void(QString)> done)
{
    runOnPool<QString>(
        m_pool, context, [secret = std::move(secret)] { return password::hash(secret); }, std::move(done));
}

void HashingPool::verify(QObject *context, QString storedHash, QString secret,
                         std::function<void(bool, bool)> done)
{
    using Outcome = std::pair<bool, bool>;
    const bool known = !storedHash.isEmpty();
    runOnPool<Outcome>(
        m_pool, context,
        [known, stored = known ? std::move(storedHash) : m_dummyHash,
         secret = std::move(secret)]() -> Outcome {
            const bool verified = password::verify(stored, secret) && known;
            return {verified, verified && password::needsRehash(stored)};
        },
        [done = std::move(done)](Outcome outcome) { done(outcome.first, outcome.second); });
}

} // namespace fd::infra
