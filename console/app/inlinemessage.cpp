#include "console/app/inlinemessage.h"

#include <QEvent>

namespace fd::console {

void markAsProblem(QLabel *label, bool problem)
{
    QPalette palette = label->parentWidget() ? label->parentWidget()->palette() : QPalette();
    if (problem)
        palette.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    label->setPalette(palette);
}

InlineMessage::InlineMessage(QWidget *parent) : QLabel(parent)
{
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    hide();
}

void InlineMessage::showText(Builder build, bool problem)
{
    m_build = std::move(build);
    markAsProblem(this, problem);
    setText(m_build ? m_build() : QString());
    setHidden(!m_build);
}

void InlineMessage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange && m_build)
        setText(m_build());
    QLabel::changeEvent(event);
}

} // namespace fd::console
