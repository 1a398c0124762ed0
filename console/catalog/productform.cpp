#include "console/catalog/productform.h"

#include "common/money.h"
#include "console/app/inlinemessage.h"

#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace fd::console {
namespace {

QLabel *errorLabel(QWidget *parent, const char *name)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QString::fromLatin1(name));
    label->setWordWrap(true);
    markAsProblem(label, true);
    label->hide();
    return label;
}

// A field with its error underneath, so the message sits where the eye already is.
QWidget *withError(QWidget *field, QLabel *error)
{
    auto *box = new QWidget(field->parentWidget());
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    layout->addWidget(error);
    return box;
}

} // namespace

ProductForm::ProductForm(QWidget *parent)
    : QWidget(parent), m_nameLabel(new QLabel(this)), m_name(new QLineEdit(this)),
      m_nameError(errorLabel(this, "nameError")), m_descriptionLabel(new QLabel(this)),
      m_description(new QPlainTextEdit(this)), m_descriptionError(errorLabel(this, "descriptionError")),
      m_priceLabel(new QLabel(this)), m_price(new QLineEdit(this)),
      m_priceError(errorLabel(this, "priceError")), m_stockLabel(new QLabel(this)),
      m_stock(new QSpinBox(this)), m_stockError(errorLabel(this, "stockError"))
{
    setObjectName(QStringLiteral("productForm"));
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_description->setObjectName(QStringLiteral("descriptionEdit"));
    m_description->setTabChangesFocus(true);
    m_price->setObjectName(QStringLiteral("priceEdit"));
    m_price->setMaximumWidth(160);
    m_stock->setObjectName(QStringLiteral("stockSpin"));
    m_stock->setRange(0, int(validation::kProductStockMax));
    m_stock->setMaximumWidth(160);
    m_stock->setGroupSeparatorShown(true);
    m_nameLabel->setBuddy(m_name);
    m_descriptionLabel->setBuddy(m_description);
    m_priceLabel->setBuddy(m_price);
    m_stockLabel->setBuddy(m_stock);

    auto *layout = new QFormLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addRow(m_nameLabel, withError(m_name, m_nameError));
    layout->addRow(m_descriptionLabel, withError(m_description, m_descriptionError));
    layout->addRow(m_priceLabel, withError(m_price, m_priceError));
    layout->addRow(m_stockLabel, withError(m_stock, m_stockError));

    connect(m_name, &QLineEdit::returnPressed, this, &ProductForm::saveRequested);
    connect(m_price, &QLineEdit::returnPressed, this, &ProductForm::saveRequested);
    retranslate();
    showProduct({});
}

void ProductForm::showProduct(const QJsonObject &product)
{
    m_product = product;
    m_name->setText(product.value(QStringLiteral("name")).toString());
    m_description->setPlainText(product.value(QStringLiteral("description")).toString());
    m_price->setText(product.value(QStringLiteral("price")).toString());
    m_stock->setValue(product.value(QStringLiteral("stock")).toInt());
    clearErrors();
}

void ProductForm::setReadOnly(bool readOnly)
{
    m_name->setReadOnly(readOnly);
    m_description->setReadOnly(readOnly);
    m_price->setReadOnly(readOnly);
    m_stock->setReadOnly(readOnly);
}

std::optional<QJsonObject> ProductForm::validatedBody()
{
    clearErrors();
    const QString name = m_name->text().trimmed();
    const QString description = m_description->toPlainText();
    const validation::PriceCheck price = validation::checkPrice(m_price->text().trimmed());
    m_nameState.text = validation::checkProductName(name);
    m_descriptionState.text = validation::checkProductDescription(description);
    m_priceState.price = price.problem;
    showErrors();
    if (m_nameState.text || m_descriptionState.text || m_priceState.price)
        return std::nullopt;

    const QString priceText = money::formatCents(*price.cents);
    QJsonObject body;
    const auto put = [&](const QString &field, const QJsonValue &value) {
        if (isNew() || m_product.value(field) != value)
            body.insert(field, value);
    };
    put(QStringLiteral("name"), name);
    put(QStringLiteral("description"), description);
    put(QStringLiteral("price"), priceText);
    put(QStringLiteral("stock"), m_stock->value());
    return body;
}

bool ProductForm::editNeedsReview() const
{
    if (isNew() || m_product.value(QStringLiteral("status")).toString() != QLatin1StringView("ACTIVE"))
        return false;
    const auto price = validation::checkPrice(m_price->text().trimmed()).cents;
    const QString priceText = price ? money::formatCents(*price) : m_price->text();
    return m_name->text().trimmed() != m_product.value(QStringLiteral("name")).toString() ||
           m_description->toPlainText() != m_product.value(QStringLiteral("description")).toString() ||
           priceText != m_product.value(QStringLiteral("price")).toString();
}

void ProductForm::showServerErrors(const QJsonArray &errors)
{
    clearErrors();
    for (const QJsonValue &value : errors) {
        const QString field = value.toObject().value(QStringLiteral("field")).toString();
        if (field == QLatin1StringView("name"))
            m_nameState.refusedByServer = true;
        else if (field == QLatin1StringView("description"))
            m_descriptionState.refusedByServer = true;
        else if (field == QLatin1StringView("price"))
            m_priceState.refusedByServer = true;
        else if (field == QLatin1StringView("stock"))
            m_stockState.refusedByServer = true;
    }
    showErrors();
}

void ProductForm::clearErrors()
{
    m_nameState = {};
    m_descriptionState = {};
    m_priceState = {};
    m_stockState = {};
    showErrors();
}

void ProductForm::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void ProductForm::retranslate()
{
    m_nameLabel->setText(tr("&Name:"));
    m_descriptionLabel->setText(tr("&Description:"));
    m_priceLabel->setText(tr("&Price:"));
    m_stockLabel->setText(tr("&Stock:"));
    m_price->setPlaceholderText(tr("e.g. 149.90"));
    m_name->setPlaceholderText(tr("What buyers will see first"));
    showErrors();
}

QString ProductForm::textProblem(const std::optional<validation::TextProblem> &problem, int maxLength) const
{
    if (!problem)
        return {};
    switch (*problem) {
    case validation::TextProblem::Empty:
        return tr("Enter a name.");
    case validation::TextProblem::TooLong:
        return tr("At most %n character(s).", nullptr, maxLength);
    case validation::TextProblem::ControlCharacters:
        return tr("Remove the invisible control characters.");
    }
    return {};
}

void ProductForm::showErrors()
{
    const QString refused = tr("The server refused this value.");
    const auto show = [&](QLabel *label, QString text, bool refusedByServer) {
        if (text.isEmpty() && refusedByServer)
            text = refused;
        label->setText(text);
        label->setHidden(text.isEmpty());
    };
    show(m_nameError, textProblem(m_nameState.text, validation::kProductNameMaxLength),
         m_nameState.refusedByServer);
    show(m_descriptionError, textProblem(m_descriptionState.text, validation::kProductDescriptionMaxLength),
         m_descriptionState.refusedByServer);
    QString price;
    if (m_priceState.price) {
        switch (*m_priceState.price) {
        case validation::PriceProblem::Missing:
            price = tr("Enter a price.");
            break;
        case validation::PriceProblem::NotADecimal:
            price = tr("Write the price with digits and a point, at most two decimals: 149.90");
            break;
        case validation::PriceProblem::OutOfRange:
            price = tr("Prices go from %1 to %2.")
                        .arg(money::formatCents(money::kMinPriceCents),
                             money::formatCents(money::kMaxPriceCents));
            break;
        }
    }
    show(m_priceError, price, m_priceState.refusedByServer);
    show(m_stockError, QString(), m_stockState.refusedByServer);
}

} // namespace fd::console
