#include "console/app/loadstatus.h"

#include "console/app/pagedtablemodel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QProgressBar>
#include <QPushButton>

namespace fd::console {

LoadStatus::LoadStatus(PagedTableModel *model, Describe describe, QWidget *parent)
    : QWidget(parent), m_model(model), m_describe(std::move(describe)), m_progress(new QProgressBar(this)),
      m_message(new InlineMessage(this)), m_retry(new QPushButton(this))
{
    m_progress->setObjectName(QStringLiteral("loadProgress"));
    m_progress->setRange(0, 0); // busy: how long the server takes is unknown
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(m_progress->fontMetrics().height() / 2 + 2);
    m_progress->hide();
    m_message->setObjectName(QStringLiteral("loadMessageLabel"));
    m_retry->setObjectName(QStringLiteral("retryButton"));
    m_retry->hide();

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_progress, 1);
    layout->addWidget(m_message, 1);
    layout->addWidget(m_retry);

    connect(m_model, &PagedTableModel::loadingChanged, this, [this](bool loading) {
        m_progress->setVisible(loading);
        if (loading) {
            m_message->clear();
            m_retry->hide();
        }
    });
    connect(m_model, &PagedTableModel::loadFailed, this, [this](const ApiError &error) {
        const Describe describe = m_describe;
        m_message->showText([describe, error] { return describe(error); }, true);
        m_retry->setVisible(error.transient());
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        if (!m_model->isLoading()) {
            m_message->clear();
            m_retry->hide();
        }
    });
    connect(m_retry, &QPushButton::clicked, m_model, &PagedTableModel::retry);
    retranslate();
}

void LoadStatus::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void LoadStatus::retranslate()
{
    m_retry->setText(tr("Retry"));
}

} // namespace fd::console
