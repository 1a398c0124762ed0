#pragma once

#include <QJsonObject>
#include <QtGlobal>

namespace fd::infra::logging {

enum class Format { Json, Text };

// Routes all Qt logging (every Q_LOGGING_CATEGORY) to stderr as one JSON object per line, or as plain
// text for humans at a terminal.
void install(Format format);

// Writes one structured record; the caller has already checked that its category is enabled.
void writeRecord(QtMsgType type, const char *category, QJsonObject fields);

} // namespace fd::infra::logging
