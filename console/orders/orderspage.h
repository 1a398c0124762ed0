#pragma once

#include "console/api/querystring.h"
#include "console/app/consolepage.h"
#include "console/app/inlinemessage.h"

class QComboBox;
class QLineEdit;
class QPushButton;
class QTableView;

namespace fd::console {

class ApiClient;
class OrderDetails;
class OrderTableModel;
class Session;
struct ApiError;

// Orders, newest first, paged from the server as the list scrolls, with the selected one in full beside
// them. Staff read every order, filtered by status, time, buyer and product; a seller reads the orders
// holding their products (only their lines) filtered by status.
class OrdersPage : public ConsolePage
{
    Q_OBJECT
public:
    // Neither is owned; both must outlive the page.
    OrdersPage(ApiClient *api, Session *session, QWidget *parent = nullptr);

    QString title() const override { return tr("Orders"); }
    bool availableTo(const QString &role) const override;
    static QString describe(const ApiError &error);

    void refresh();

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    bool staff() const;
    void retranslate();
    void applyRole();
    // Lists with the filters as set; `force` asks again even when they did not change.
    void applyFilters(bool force);
    void showSelected();
    void listLoaded();
    void reportStatus();

    ApiClient *m_api;
    Session *m_session;
    OrderTableModel *m_model;
    QComboBox *m_status;
    QComboBox *m_period;
    QLineEdit *m_buyer;
    QLineEdit *m_product;
    QPushButton *m_refresh;
    InlineMessage *m_filterMessage;
    QTableView *m_table;
    OrderDetails *m_details;
    QString m_listedPath;
    QueryItems m_listedQuery;
    int m_listedHours = 0;
    bool m_restoringSelection = false;
};

} // namespace fd::console
