#include "console/app/languagesettings.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace fd::console {

Q_LOGGING_CATEGORY(lcLanguage, "fd.console.language")

namespace {

const QString kEnglish = QStringLiteral("en");

// Both translators are children of the application, found again by these names: a second call must replace
// them, not stack new ones on top (the most recently installed translator is asked first).
const QString kQtTranslatorName = QStringLiteral("fd.qtTranslator");
const QString kConsoleTranslatorName = QStringLiteral("fd.consoleTranslator");

bool isSupported(const QString &language)
{
    return supportedLanguages().contains(language);
}

void replaceTranslator(QCoreApplication &app, const QString &name, const QLocale &locale,
                       const QString &catalog, const QString &directory)
{
    // Deleting a translator uninstalls it.
    delete app.findChild<QTranslator *>(name, Qt::FindDirectChildrenOnly);

    auto *translator = new QTranslator(&app);
    translator->setObjectName(name);
    if (!translator->load(locale, catalog, QStringLiteral("_"), directory)) {
        // Not fatal: the affected texts stay in English. Qt's catalogs come from a separate package
        // (Debian: qt6-translations-l10n) that may be missing.
        qCWarning(lcLanguage).noquote()
            << "no" << catalog << "translation for" << locale.name() << "in" << directory;
        delete translator;
        return;
    }
    QCoreApplication::installTranslator(translator);
}

} // namespace

QStringList supportedLanguages()
{
    return {kEnglish, QStringLiteral("ru")};
}

QString savedLanguage()
{
    const QString language = QSettings().value(kLanguageSettingsKey).toString();
    return isSupported(language) ? language : QString();
}

void saveLanguage(const QString &language)
{
    QSettings settings;
    if (isSupported(language))
        settings.setValue(kLanguageSettingsKey, language);
    else
        settings.remove(kLanguageSettingsKey);
}

QString effectiveLanguage()
{
    if (const QString saved = savedLanguage(); !saved.isEmpty())
        return saved;
    // Compared as QLocale languages, so "ru-RU", "ru_UA" and "ru" all pick Russian.
    const QStringList supported = supportedLanguages();
    for (const QString &preferred : QLocale::system().uiLanguages()) {
        const QLocale::Language wanted = QLocale(preferred).language();
        for (const QString &language : supported) {
            if (QLocale(language).language() == wanted)
                return language;
        }
    }
    return kEnglish;
}

QString installTranslators(QCoreApplication &app)
{
    const QString language = effectiveLanguage();
    const QLocale locale(language);
    // Dates and numbers formatted by the pages follow the language of the words around them.
    QLocale::setDefault(locale);
    // Qt's first, ours last: lookups start with the most recent translator.
    replaceTranslator(app, kQtTranslatorName, locale, QStringLiteral("qtbase"),
                      QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    replaceTranslator(app, kConsoleTranslatorName, locale, QStringLiteral("fairdrop"),
                      QStringLiteral(":/i18n"));
    qCInfo(lcLanguage).noquote() << "language:" << language;
    return language;
}

} // namespace fd::console
