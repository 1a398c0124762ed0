#pragma once

#include "console/app/consolepage.h"
#include "console/app/inlinemessage.h"

#include <QJsonObject>

#include <functional>

class QLabel;
class QPushButton;
class QTableWidget;

namespace fd::console {

class ApiClient;
class ProductForm;
class Session;
struct ApiError;
struct ApiResult;

// A seller's own products: their status and the moderator's comment, create and edit (checked in the
// form before sending), submit for review, archive, stock. Ctrl+N starts a new product, Ctrl+S saves.
class SellerCatalogPage : public ConsolePage
{
    Q_OBJECT
public:
    // Asks the question and reports the answer later; the default opens a window-modal message box
    // without a nested event loop. Tests answer in its place.
    using Confirm = std::function<void(const QString &question, std::function<void(bool)> answer)>;

    static constexpr int kPageSize = 100;

    // Neither is owned; both must outlive the page.
    SellerCatalogPage(ApiClient *api, Session *session, QWidget *parent = nullptr);

    QString title() const override { return tr("My products"); }
    bool availableTo(const QString &role) const override;
    static QString describe(const ApiError &error);

    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }
    void refresh();

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void retranslate();
    void loadPage(const QString &cursor);
    void showPage(const ApiResult &result, bool first);
    void startNew();
    void save();
    // `done` is the message shown when the server accepts.
    void send(const QByteArray &method, const QString &path, const QJsonObject &body,
              InlineMessage::Builder done);
    void submit();
    void archive();
    void showSelected();
    void putProduct(const QJsonObject &product);
    void fillRow(int row, const QJsonObject &product);
    void updateActions();
    QJsonObject selected() const;

    ApiClient *m_api;
    Session *m_session;
    QTableWidget *m_table;
    QPushButton *m_more;
    ProductForm *m_form;
    QLabel *m_formTitle;
    QLabel *m_reviewNote;
    QLabel *m_comment;
    QPushButton *m_new;
    QPushButton *m_save;
    QPushButton *m_submit;
    QPushButton *m_archive;
    QPushButton *m_refresh;
    InlineMessage *m_message;
    Confirm m_confirm;
    QString m_nextCursor;
    bool m_busy = false;
    bool m_loading = false;
};

} // namespace fd::console
