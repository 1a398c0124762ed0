#pragma once

#include <QString>

namespace fd {

// The product version, set by the build from the CMake project version.
QString productVersion();

} // namespace fd
