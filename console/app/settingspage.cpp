#include "console/app/settingspage.h"

#include "console/app/languagesettings.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace fd::console {

SettingsPage::SettingsPage(QWidget *parent)
    : ConsolePage(parent), m_languageLabel(new QLabel(this)), m_language(new QComboBox(this)),
      m_languageNote(new QLabel(this))
{
    setObjectName(QStringLiteral("settingsPage"));
    m_language->setObjectName(QStringLiteral("languageCombo"));
    m_languageLabel->setBuddy(m_language);
    m_languageNote->setObjectName(QStringLiteral("languageNoteLabel"));
    m_languageNote->setWordWrap(true);

    // The first entry follows the system; each language is named in itself, so it can be found by someone
    // who cannot read the language now on screen.
    m_language->addItem(QString(), QString());
    for (const QString &code : supportedLanguages()) {
        const QLocale locale(code);
        QString name = locale.nativeLanguageName();
        if (!name.isEmpty())
            name[0] = name[0].toUpper();
        m_language->addItem(name, code);
    }
    m_language->setCurrentIndex(qMax(0, m_language->findData(savedLanguage())));

    auto *form = new QFormLayout;
    form->addRow(m_languageLabel, m_language);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_languageNote);
    layout->addStretch(1);

    connect(m_language, &QComboBox::activated, this, &SettingsPage::chooseLanguage);
    retranslate();
}

void SettingsPage::chooseLanguage(int index)
{
    saveLanguage(m_language->itemData(index).toString());
    // Every widget hears of it through QEvent::LanguageChange and retranslates itself.
    installTranslators(*QCoreApplication::instance());
}

void SettingsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    ConsolePage::changeEvent(event);
}

void SettingsPage::retranslate()
{
    m_languageLabel->setText(tr("&Language:"));
    m_language->setItemText(0, tr("As the system (%1)").arg(QLocale::system().nativeLanguageName()));
    m_languageNote->setText(tr("The console switches at once and keeps the choice for the next start."));
}

} // namespace fd::console
