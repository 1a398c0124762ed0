#pragma once

#include "console/api/apiresult.h"

#include <QCoreApplication>
#include <QString>

namespace fd::console {

// Sentences for the failures every page meets alike: no answer, a busy server, too many requests, a
// session that ended, an answer the console cannot read. Pages word their own codes first (a conflict
// means something different on each) and hand every other failure to this.
class ProblemText
{
    Q_DECLARE_TR_FUNCTIONS(fd::console::ProblemText)
public:
    static QString common(const ApiError &error);
};

} // namespace fd::console
