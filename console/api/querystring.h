#pragma once

#include <QList>
#include <QString>

#include <utility>

namespace fd::console {

// A request's query as plain name/value text, in order.
using QueryItems = QList<std::pair<QString, QString>>;

// "name=value&..." with every value percent-encoded from plain text, so a typed "%41", "+" or "&" reaches
// the server as typed (QUrlQuery would read "%41" as an already encoded "A"). Empty values are left out.
QString queryString(const QueryItems &items);

} // namespace fd::console
