#pragma once

#include "common/result.h"

#include <QString>

namespace fd::infra {

// An exclusive lock on a data directory, held by one server at a time. The kernel releases it when the
// process dies however it dies, so a crash leaves nothing stale behind.
class DataDirLock
{
public:
    DataDirLock() = default;
    ~DataDirLock();
    DataDirLock(const DataDirLock &) = delete;
    DataDirLock &operator=(const DataDirLock &) = delete;

    Result<void> acquire(const QString &dataDir);

private:
    int m_fd = -1;
};

} // namespace fd::infra
