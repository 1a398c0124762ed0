#pragma once

#include "console/app/inlinemessage.h"

#include <QJsonObject>
#include <QWidget>

class QLabel;
class QTableWidget;

namespace fd::console {

class ApiClient;
struct ApiError;

// One order in full: its status and times, each line (the product's name when ordered, quantity, unit
// price, line total), the total, and the buyer's address when the reader may see it.
class OrderDetails : public QWidget
{
    Q_OBJECT
public:
    enum LineColumn { NameColumn, QuantityColumn, UnitPriceColumn, LineTotalColumn, LineColumnCount };

    // The client is not owned and must outlive the widget.
    explicit OrderDetails(ApiClient *api, QWidget *parent = nullptr);

    // Shows a listed copy at once, then the order as GET /orders/{id} has it now. Empty: nothing.
    void showOrder(const QJsonObject &order);
    QJsonObject order() const { return m_order; }
    // Staff see who bought; sellers see only what is theirs.
    void setStaffView(bool staff);
    static QString describe(const ApiError &error);

Q_SIGNALS:
    // The order as the server has it now.
    void orderRead(const QJsonObject &order);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void showCurrent();

    ApiClient *m_api;
    QLabel *m_title;
    QLabel *m_summary;
    QTableWidget *m_lines;
    QLabel *m_total;
    QLabel *m_address;
    InlineMessage *m_message;
    QJsonObject m_order;
    quint64 m_generation = 0;
    bool m_staff = false;
};

} // namespace fd::console
