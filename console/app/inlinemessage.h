#pragma once

#include <QLabel>

#include <functional>

namespace fd::console {

// Colours a label as a problem (red text) or back to the palette's own.
void markAsProblem(QLabel *label, bool problem);

// A line of feedback beside the work it is about: rebuilt when the language changes, red for problems,
// hidden when there is nothing to say.
class InlineMessage : public QLabel
{
    Q_OBJECT
public:
    using Builder = std::function<QString()>;

    explicit InlineMessage(QWidget *parent = nullptr);

    // An empty builder clears the message.
    void showText(Builder build, bool problem);
    void clear() { showText({}, false); }

protected:
    void changeEvent(QEvent *event) override;

private:
    Builder m_build;
};

} // namespace fd::console
