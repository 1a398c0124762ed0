#include "common/version.h"

namespace fd {

QString productVersion()
{
    return QStringLiteral(FAIRDROP_VERSION);
}

} // namespace fd
