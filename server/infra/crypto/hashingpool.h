#pragma once

#include "server/infra/async.h"

#include <QString>
#include <QThreadPool>

namespace fd::infra {

// Password hashing (argon2id, ~18 ms and 19 MiB each) on its own small pool, so a login storm queues here
// instead of starving the IO threads or the database pool.
class HashingPool
{
public:
    explicit HashingPool(int threads);
    ~HashingPool();

    bool waitForDone(int msecs) { return m_pool.waitForDone(msecs); }
    void hash(QObject *context, QString password, std::function<void(QString)> done);
    // Verifies against the stored hash; with no stored hash it verifies against a dummy one, so an unknown
    // account costs the same time as a known one.
    void verify(QObject *context, QString storedHash, QString password,
                std::function<void(bool verified, bool rehash)> done);

private:
    QThreadPool m_pool;
    QString m_dummyHash;
};

} // namespace fd::infra
