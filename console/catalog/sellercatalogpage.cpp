#include "console/catalog/sellercatalogpage.h"

#include "console/api/apiclient.h"
#include "console/api/problemtext.h"
#include "console/api/querystring.h"
#include "console/catalog/productform.h"
#include "console/catalog/productstatustext.h"
#include "console/session/session.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>
#include <QTableWidget>
#include <QUuid>
#include <QVBoxLayout>

namespace fd::console {
namespace {

constexpr int kProductRole = Qt::UserRole; // on column 0: the product's JSON object
enum Column { NameColumn, StatusColumn, PriceColumn, StockColumn, CommentColumn, ColumnCount };

QString idOf(const QJsonObject &product)
{
    return product.value(QStringLiteral("id")).toString();
}

QString statusOf(const QJsonObject &product)
{
    return product.value(QStringLiteral("status")).toString();
}

bool editable(const QString &status)
{
    return status == QLatin1StringView("DRAFT") || status == QLatin1StringView("REJECTED") ||
           status == QLatin1StringView("ACTIVE");
}

bool submittable(const QString &status)
{
    return status == QLatin1StringView("DRAFT") || status == QLatin1StringView("REJECTED");
}

} // namespace

SellerCatalogPage::SellerCatalogPage(ApiClient *api, Session *session, QWidget *parent)
    : ConsolePage(parent), m_api(api), m_session(session), m_table(new QTableWidget(0, ColumnCount, this)),
      m_more(new QPushButton(this)), m_form(new ProductForm(this)), m_formTitle(new QLabel(this)),
      m_reviewNote(new QLabel(this)), m_comment(new QLabel(this)), m_new(new QPushButton(this)),
      m_save(new QPushButton(this)), m_submit(new QPushButton(this)), m_archive(new QPushButton(this)),
      m_refresh(new QPushButton(this)), m_message(new InlineMessage(this))
{
    setObjectName(QStringLiteral("sellerCatalogPage"));
    m_table->setObjectName(QStringLiteral("productTable"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(CommentColumn, QHeaderView::Stretch);
    m_more->setObjectName(QStringLiteral("loadMoreButton"));
    m_more->hide();
    m_formTitle->setObjectName(QStringLiteral("formTitleLabel"));
    QFont heading = m_formTitle->font();
    heading.setBold(true);
    m_formTitle->setFont(heading);
    m_reviewNote->setObjectName(QStringLiteral("reviewNoteLabel"));
    m_reviewNote->setWordWrap(true);
    m_comment->setObjectName(QStringLiteral("moderationCommentLabel"));
    m_comment->setWordWrap(true);
    m_comment->setTextFormat(Qt::PlainText);
    m_new->setObjectName(QStringLiteral("newProductButton"));
    m_save->setObjectName(QStringLiteral("saveProductButton"));
    m_save->setDefault(true);
    m_submit->setObjectName(QStringLiteral("submitProductButton"));
    m_archive->setObjectName(QStringLiteral("archiveProductButton"));
    m_refresh->setObjectName(QStringLiteral("refreshProductsButton"));
    m_message->setObjectName(QStringLiteral("catalogMessageLabel"));

    auto *list = new QVBoxLayout;
    list->addWidget(m_table, 1);
    list->addWidget(m_more);
    auto *buttons = new QHBoxLayout;
    for (QPushButton *button : {m_save, m_submit, m_archive})
        buttons->addWidget(button);
    buttons->addStretch(1);
    auto *top = new QHBoxLayout;
    top->addWidget(m_formTitle, 1);
    top->addWidget(m_new);
    top->addWidget(m_refresh);
    auto *editor = new QVBoxLayout;
    editor->addLayout(top);
    editor->addWidget(m_comment);
    editor->addWidget(m_form);
    editor->addWidget(m_reviewNote);
    editor->addLayout(buttons);
    editor->addWidget(m_message);
    editor->addStretch(1);
    auto *layout = new QHBoxLayout(this);
    layout->addLayout(list, 3);
    layout->addLayout(editor, 2);

    const auto shortcut = [this](const QKeySequence &keys, auto slot) {
        auto *shortcut = new QShortcut(keys, this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, slot);
    };
    shortcut(QKeySequence::New, &SellerCatalogPage::startNew);
    shortcut(QKeySequence::Save, &SellerCatalogPage::save);
    shortcut(QKeySequence(Qt::Key_F5), &SellerCatalogPage::refresh);
    connect(m_new, &QPushButton::clicked, this, &SellerCatalogPage::startNew);
    connect(m_save, &QPushButton::clicked, this, &SellerCatalogPage::save);
    connect(m_form, &ProductForm::saveRequested, this, &SellerCatalogPage::save);
    connect(m_submit, &QPushButton::clicked, this, &SellerCatalogPage::submit);
    connect(m_archive, &QPushButton::clicked, this, &SellerCatalogPage::archive);
    connect(m_refresh, &QPushButton::clicked, this, &SellerCatalogPage::refresh);
    connect(m_more, &QPushButton::clicked, this, [this] { loadPage(m_nextCursor); });
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &SellerCatalogPage::showSelected);

    m_confirm = [this](const QString &question, std::function<void(bool)> answer) {
        auto *box = new QMessageBox(QMessageBox::Question, title(), question,
                                    QMessageBox::Yes | QMessageBox::Cancel, this);
        box->setDefaultButton(QMessageBox::Cancel);
        box->setAttribute(Qt::WA_DeleteOnClose);
        connect(box, &QMessageBox::finished, this,
                [answer](int result) { answer(result == QMessageBox::Yes); });
        box->open();
    };
    retranslate();
    showSelected();
}

bool SellerCatalogPage::availableTo(const QString &role) const
{
    return role == QLatin1StringView("seller") || role == QLatin1StringView("seller_b2b");
}

QString SellerCatalogPage::describe(const ApiError &error)
{
    switch (error.errorCode()) {
    case ErrorCode::ProductLimitReached:
        return tr("You have as many products as your account may list. Archive one, or ask to be "
                  "verified for a higher limit.");
    case ErrorCode::InvalidState:
        return tr("The product cannot do that in its current status; the list was refreshed.");
    case ErrorCode::ValidationFailed:
        return tr("The server refused some fields; they are marked above.");
    case ErrorCode::NotFound:
        return tr("The product no longer exists.");
    case ErrorCode::Forbidden:
        return tr("Only the product's seller may change it.");
    default:
        return ProblemText::common(error);
    }
}

void SellerCatalogPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    ConsolePage::changeEvent(event);
}

void SellerCatalogPage::showEvent(QShowEvent *event)
{
    ConsolePage::showEvent(event);
    refresh();
}

void SellerCatalogPage::retranslate()
{
    m_table->setHorizontalHeaderLabels(
        {tr("Name"), tr("Status"), tr("Price"), tr("Stock"), tr("Moderator's comment")});
    for (int row = 0; row < m_table->rowCount(); ++row)
        fillRow(row, m_table->item(row, NameColumn)->data(kProductRole).toJsonObject());
    m_more->setText(tr("Load more"));
    m_new->setText(tr("New (Ctrl+N)"));
    m_save->setText(tr("Save (Ctrl+S)"));
    m_submit->setText(tr("Submit for review"));
    m_archive->setText(tr("Archive"));
    m_refresh->setText(tr("Refresh (F5)"));
    m_reviewNote->setText(tr("Changing the name, description or price of a product on sale sends it back "
                             "for review; a stock change does not."));
    showSelected();
}

void SellerCatalogPage::refresh()
{
    if (m_session->state() != Session::State::SignedIn)
        return;
    loadPage(QString());
}

void SellerCatalogPage::loadPage(const QString &cursor)
{
    if (m_loading)
        return;
    m_loading = true;
    const QueryItems query{{QStringLiteral("limit"), QString::number(kPageSize)},
                           {QStringLiteral("cursor"), cursor}};
    const bool first = cursor.isEmpty();
    m_api->getJson(QStringLiteral("/api/v1/seller/products?") + queryString(query), this,
                   [this, first](const ApiResult &result) {
                       m_loading = false;
                       showPage(result, first);
                   });
}

// A first page replaces the list, keeping the selected product selected; later pages append.
void SellerCatalogPage::showPage(const ApiResult &result, bool first)
{
    if (!result.ok()) {
        const ApiError error = *result.error;
        m_message->showText([error] { return describe(error); }, true);
        return;
    }
    const QJsonObject page = result.json.object();
    const QString keep = idOf(selected());
    {
        const QSignalBlocker quiet(m_table);
        if (first)
            m_table->setRowCount(0);
        for (const QJsonValue &value : page.value(QStringLiteral("items")).toArray()) {
            const int row = m_table->rowCount();
            m_table->insertRow(row);
            fillRow(row, value.toObject());
            if (!keep.isEmpty() && idOf(value.toObject()) == keep)
                m_table->selectRow(row);
        }
    }
    m_nextCursor = page.value(QStringLiteral("next_cursor")).toString();
    m_more->setVisible(!m_nextCursor.isEmpty());
    showSelected();
    Q_EMIT statusMessage(tr("%n product(s).", nullptr, m_table->rowCount()));
}

void SellerCatalogPage::fillRow(int row, const QJsonObject &product)
{
    const auto cell = [&](int column, const QString &text) {
        QTableWidgetItem *item = m_table->item(row, column);
        if (!item) {
            item = new QTableWidgetItem;
            m_table->setItem(row, column, item);
        }
        item->setText(text);
        item->setToolTip(text);
        return item;
    };
    cell(NameColumn, product.value(QStringLiteral("name")).toString())->setData(kProductRole, product);
    cell(StatusColumn, ProductStatusText::of(statusOf(product)));
    cell(PriceColumn, product.value(QStringLiteral("price")).toString())
        ->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    cell(StockColumn, QString::number(product.value(QStringLiteral("stock")).toInt()))
        ->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    cell(CommentColumn, product.value(QStringLiteral("rejection_reason")).toString());
}

QJsonObject SellerCatalogPage::selected() const
{
    const QList<QTableWidgetItem *> items = m_table->selectedItems();
    if (items.isEmpty())
        return {};
    return m_table->item(items.first()->row(), NameColumn)->data(kProductRole).toJsonObject();
}

void SellerCatalogPage::showSelected()
{
    const QJsonObject product = selected();
    if (idOf(product) != idOf(m_form->product()) ||
        product.value(QStringLiteral("updated_at")) != m_form->product().value(QStringLiteral("updated_at")))
        m_form->showProduct(product);
    const QString reason = product.value(QStringLiteral("rejection_reason")).toString();
    m_comment->setText(tr("Moderator's comment: %1").arg(reason));
    m_comment->setVisible(!reason.isEmpty());
    m_formTitle->setText(product.isEmpty()
                             ? tr("New product")
                             : tr("%1 · %2").arg(product.value(QStringLiteral("name")).toString(),
                                                 ProductStatusText::of(statusOf(product))));
    updateActions();
}

void SellerCatalogPage::updateActions()
{
    const QJsonObject product = m_form->product();
    const QString status = statusOf(product);
    const bool isNew = product.isEmpty();
    m_form->setReadOnly(!isNew && !editable(status));
    m_save->setEnabled(!m_busy && (isNew || editable(status)));
    m_submit->setEnabled(!m_busy && !isNew && submittable(status));
    m_archive->setEnabled(!m_busy && !isNew && status != QLatin1StringView("ARCHIVED"));
    m_reviewNote->setVisible(status == QLatin1StringView("ACTIVE"));
}

void SellerCatalogPage::startNew()
{
    m_table->clearSelection();
    m_form->showProduct({});
    showSelected();
    m_message->clear();
    m_form->findChild<QWidget *>(QStringLiteral("nameEdit"))->setFocus();
}

void SellerCatalogPage::save()
{
    if (!m_save->isEnabled())
        return;
    m_message->clear();
    const auto body = m_form->validatedBody();
    if (!body) {
        m_message->showText([] { return tr("Correct the marked fields first."); }, true);
        return;
    }
    if (body->isEmpty()) {
        m_message->showText([] { return tr("Nothing has changed."); }, false);
        return;
    }
    if (m_form->isNew())
        send("POST", QStringLiteral("/api/v1/inventory/"), *body, [] { return tr("Created as a draft."); });
    else
        send("PATCH", QStringLiteral("/api/v1/inventory/") + idOf(m_form->product()), *body,
             [] { return tr("Saved."); });
}

void SellerCatalogPage::submit()
{
    if (m_submit->isEnabled())
        send("POST", QStringLiteral("/api/v1/inventory/%1/submit").arg(idOf(m_form->product())), {},
             [] { return tr("Submitted for review."); });
}

void SellerCatalogPage::archive()
{
    if (!m_archive->isEnabled())
        return;
    const QJsonObject product = m_form->product();
    const QString name = product.value(QStringLiteral("name")).toString();
    m_confirm(tr("Archive \"%1\"? It leaves the shop and cannot be sold again.").arg(name),
              [this, id = idOf(product)](bool yes) {
                  if (yes && id == idOf(m_form->product()))
                      send("POST", QStringLiteral("/api/v1/inventory/%1/archive").arg(id), {},
                           [] { return tr("Archived."); });
              });
}

void SellerCatalogPage::send(const QByteArray &method, const QString &path, const QJsonObject &body,
                             InlineMessage::Builder done)
{
    m_busy = true;
    updateActions();
    QList<std::pair<QByteArray, QByteArray>> headers;
    if (method == "POST")
        headers.append({"Idempotency-Key", QUuid::createUuid().toByteArray(QUuid::WithoutBraces)});
    const std::optional<QJsonObject> payload =
        body.isEmpty() && method == "POST" ? std::nullopt : std::optional(body);
    m_api->send(
        method, path, payload, this,
        [this, done](const ApiResult &result) {
            m_busy = false;
            if (!result.ok()) {
                const ApiError error = *result.error;
                if (error.errorCode() == ErrorCode::ValidationFailed)
                    m_form->showServerErrors(result.json.object().value(QStringLiteral("errors")).toArray());
                if (error.errorCode() == ErrorCode::InvalidState || error.errorCode() == ErrorCode::NotFound)
                    refresh();
                m_message->showText([error] { return describe(error); }, true);
                updateActions();
                return;
            }
            putProduct(result.json.object());
            m_message->showText(done, false);
        },
        headers);
}

// The server's answer is the product as it now is: it replaces its row, or becomes the first one.
void SellerCatalogPage::putProduct(const QJsonObject &product)
{
    int row = -1;
    for (int r = 0; r < m_table->rowCount() && row < 0; ++r) {
        if (idOf(m_table->item(r, NameColumn)->data(kProductRole).toJsonObject()) == idOf(product))
            row = r;
    }
    if (row < 0) {
        row = 0;
        m_table->insertRow(0);
    }
    fillRow(row, product);
    m_form->showProduct(product);
    m_table->selectRow(row);
    showSelected();
}

} // namespace fd::console
