#pragma once

#include "console/app/inlinemessage.h"

#include <QWidget>

#include <functional>

class QProgressBar;
class QPushButton;

namespace fd::console {

class PagedTableModel;
struct ApiError;

// How a paged list's loading goes, under the list: a busy bar while a page is on its way, and when one
// failed, why (in the page's words) with a Retry button. Hidden when there is nothing to show.
class LoadStatus : public QWidget
{
    Q_OBJECT
public:
    using Describe = std::function<QString(const ApiError &)>;

    // The model is not owned and must outlive this widget.
    LoadStatus(PagedTableModel *model, Describe describe, QWidget *parent = nullptr);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    PagedTableModel *m_model;
    Describe m_describe;
    QProgressBar *m_progress;
    InlineMessage *m_message;
    QPushButton *m_retry;
};

} // namespace fd::console
