// The product rules the server enforces and the console checks before sending: the same edges on both sides.
#include "common/validation/productrules.h"

#include <QTest>

using namespace fd::validation;

class ProductRulesTest : public QObject
{
    Q_OBJECT

private slots:
    void names()
    {
        QCOMPARE(checkProductName(QString()), TextProblem::Empty);
        QCOMPARE(checkProductName(QString(kProductNameMaxLength, u'x')), std::nullopt);
        QCOMPARE(checkProductName(QString(kProductNameMaxLength + 1, u'x')), TextProblem::TooLong);
        QCOMPARE(checkProductName(QStringLiteral("Tote\tbag")), TextProblem::ControlCharacters);
        QCOMPARE(checkProductName(QStringLiteral("Льняная сумка")), std::nullopt);
    }

    void descriptions()
    {
        QCOMPARE(checkProductDescription(QString()), std::nullopt);
        QCOMPARE(checkProductDescription(QStringLiteral("Two lines\nand a\ttab")), std::nullopt);
        QCOMPARE(checkProductDescription(QStringLiteral("bell\a")), TextProblem::ControlCharacters);
        QCOMPARE(checkProductDescription(QString(kProductDescriptionMaxLength + 1, u'x')),
                 TextProblem::TooLong);
    }

    void prices_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("cents"); // -1: refused
        QTest::addColumn<int>("problem");  // PriceProblem, or -1
        QTest::newRow("empty") << QString() << qint64(-1) << int(PriceProblem::Missing);
        QTest::newRow("blank") << QStringLiteral("  ") << qint64(-1) << int(PriceProblem::Missing);
        QTest::newRow("two places") << QStringLiteral("149.90") << qint64(14990) << -1;
        QTest::newRow("whole") << QStringLiteral("12") << qint64(1200) << -1;
        QTest::newRow("lowest") << QStringLiteral("0.10") << qint64(10) << -1;
        QTest::newRow("highest") << QStringLiteral("1000000.00") << qint64(100000000) << -1;
        QTest::newRow("too low") << QStringLiteral("0.09") << qint64(-1) << int(PriceProblem::OutOfRange);
        QTest::newRow("too high") << QStringLiteral("1000000.01") << qint64(-1)
                                  << int(PriceProblem::OutOfRange);
        QTest::newRow("three places")
            << QStringLiteral("1.999") << qint64(-1) << int(PriceProblem::NotADecimal);
        QTest::newRow("negative") << QStringLiteral("-5") << qint64(-1) << int(PriceProblem::NotADecimal);
        QTest::newRow("comma") << QStringLiteral("5,50") << qint64(-1) << int(PriceProblem::NotADecimal);
        QTest::newRow("exponent") << QStringLiteral("1e3") << qint64(-1) << int(PriceProblem::NotADecimal);
    }

    void prices()
    {
        QFETCH(QString, text);
        QFETCH(qint64, cents);
        QFETCH(int, problem);
        const PriceCheck check = checkPrice(text);
        QCOMPARE(check.cents.value_or(-1), cents);
        QCOMPARE(check.problem ? int(*check.problem) : -1, problem);
    }

    void stock()
    {
        QVERIFY(stockInRange(0));
        QVERIFY(stockInRange(kProductStockMax));
        QVERIFY(!stockInRange(-1));
        QVERIFY(!stockInRange(kProductStockMax + 1));
    }
};

QTEST_GUILESS_MAIN(ProductRulesTest)
#include "tst_productrules.moc"
