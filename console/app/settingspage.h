#pragma once

#include "console/app/consolepage.h"

class QComboBox;
class QLabel;

namespace fd::console {

// The user's own preferences, offered to everyone, signed in or not. For now: the language, applied at once
// to every open window and kept for the next start.
class SettingsPage : public ConsolePage
{
    Q_OBJECT
public:
    explicit SettingsPage(QWidget *parent = nullptr);

    QString title() const override { return tr("Settings"); }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void chooseLanguage(int index);

    QLabel *m_languageLabel;
    QComboBox *m_language;
    QLabel *m_languageNote;
};

} // namespace fd::console
