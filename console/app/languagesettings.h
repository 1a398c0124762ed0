#pragma once

#include <QLoggingCategory>
#include <QString>
#include <QStringList>

class QCoreApplication;

namespace fd::console {

Q_DECLARE_LOGGING_CATEGORY(lcLanguage)

// The user's choice of UI language, kept in QSettings under this key: a code from supportedLanguages(), or
// absent to follow the system.
inline constexpr QLatin1StringView kLanguageSettingsKey{"ui/language"};

// The languages the console is translated into ("en", "ru"), the source language first.
QStringList supportedLanguages();

// The stored choice, or an empty string for "follow the system" (also when the stored code is not supported,
// e.g. written by a newer console).
QString savedLanguage();
// An empty or unsupported code goes back to following the system.
void saveLanguage(const QString &language);

// The language the UI shows: the saved one, else the first of the system's preferred languages that the
// console supports, else English. Qt's own texts follow the same choice, so dialogs never mix languages.
QString effectiveLanguage();

// Replaces the translators installed by an earlier call (Qt's own qtbase and the console's, embedded under
// :/i18n) with those for effectiveLanguage(), and returns that language. Call it before creating widgets;
// calling it again later switches at runtime: Qt then sends QEvent::LanguageChange to every widget, and
// each one retranslates itself in changeEvent().
QString installTranslators(QCoreApplication &app);

} // namespace fd::console
