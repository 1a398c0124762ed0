#include "server/infra/logging/jsonlog.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QMutex>

#include <cstdio>

namespace fd::infra::logging {
namespace {

Format g_format = Format::Json;
QMutex g_writeMutex;

QString levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return QStringLiteral("debug");
    case QtInfoMsg:
        return QStringLiteral("info");
    case QtWarningMsg:
        return QStringLiteral("warning");
    case QtCriticalMsg:
        return QStringLiteral("error");
    case QtFatalMsg:
        return QStringLiteral("fatal");
    }
    return QStringLiteral("info");
}

void writeLine(const QByteArray &line)
{
    QMutexLocker lock(&g_writeMutex);
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
}

void messageHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    writeRecord(type, context.category ? context.category : "default",
                QJsonObject{{QStringLiteral("msg"), message}});
}

} // namespace

void install(Format format)
{
    g_format = format;
    qInstallMessageHandler(messageHandler);
}

void writeRecord(QtMsgType type, const char *category, QJsonObject fields)
{
    const QString timestamp = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    if (g_format == Format::Text) {
        QByteArray line = timestamp.toUtf8() + ' ' + levelName(type).toUtf8() + ' ' + category + ' ' +
                          fields.take(QStringLiteral("msg")).toString().toUtf8();
        if (!fields.isEmpty())
            line += ' ' + QJsonDocument(fields).toJson(QJsonDocument::Compact);
        writeLine(line + '\n');
        return;
    }
    fields.insert(QStringLiteral("ts"), timestamp);
    fields.insert(QStringLiteral("level"), levelName(type));
    fields.insert(QStringLiteral("logger"), QLatin1StringView(category));
    writeLine(QJsonDocument(fields).toJson(QJsonDocument::Compact) + '\n');
}

} // namespace fd::infra::logging
