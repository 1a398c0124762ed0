#pragma once

#include "common/validation/productrules.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QWidget>

#include <optional>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace fd::console {

// A product's editable fields with their errors beside them. The shared rules (common/validation) are
// checked before anything is sent, so a form the server would refuse never leaves the console.
class ProductForm : public QWidget
{
    Q_OBJECT
public:
    explicit ProductForm(QWidget *parent = nullptr);

    // An existing product (its JSON as the API sends it), or an empty object for a new one.
    void showProduct(const QJsonObject &product);
    const QJsonObject &product() const { return m_product; }
    bool isNew() const { return m_product.isEmpty(); }

    // What to send: every field for a new product, only the changed ones for an edit. Nothing (and the
    // errors shown in place) when a field is invalid; an empty object when an edit changes nothing.
    std::optional<QJsonObject> validatedBody();
    // Whether an edit would send an ACTIVE product back to review (name, description or price changed).
    bool editNeedsReview() const;
    // The `errors` of a 422 answer, shown at their fields.
    void showServerErrors(const QJsonArray &errors);
    void clearErrors();
    void setReadOnly(bool readOnly);

Q_SIGNALS:
    void saveRequested(); // Return in a one-line field

protected:
    void changeEvent(QEvent *event) override;

private:
    struct FieldState
    {
        std::optional<validation::TextProblem> text;
        std::optional<validation::PriceProblem> price;
        bool refusedByServer = false;
    };
    void retranslate();
    void showErrors();
    QString textProblem(const std::optional<validation::TextProblem> &problem, int maxLength) const;

    QLabel *m_nameLabel;
    QLineEdit *m_name;
    QLabel *m_nameError;
    QLabel *m_descriptionLabel;
    QPlainTextEdit *m_description;
    QLabel *m_descriptionError;
    QLabel *m_priceLabel;
    QLineEdit *m_price;
    QLabel *m_priceError;
    QLabel *m_stockLabel;
    QSpinBox *m_stock;
    QLabel *m_stockError;
    QJsonObject m_product;
    FieldState m_nameState;
    FieldState m_descriptionState;
    FieldState m_priceState;
    FieldState m_stockState;
};

} // namespace fd::console
