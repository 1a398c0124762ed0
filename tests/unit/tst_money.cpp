// Prices cross the API as decimal strings and live as integer cents: parsing must refuse every form that is
// not a plain two-place decimal, and formatting must always give two places.
#include "common/money.h"

#include <QTest>

using namespace fd;

class MoneyTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesPlainDecimals_data();
    void parsesPlainDecimals();
    void refusesEverythingElse_data();
    void refusesEverythingElse();
    void formatsWithTwoPlaces();
};

void MoneyTest::parsesPlainDecimals_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("cents");
    QTest::newRow("whole") << QStringLiteral("149") << qint64(14900);
    QTest::newRow("one place") << QStringLiteral("149.9") << qint64(14990);
    QTest::newRow("two places") << QStringLiteral("149.90") << qint64(14990);
    QTest::newRow("minimum price") << QStringLiteral("0.10") << qint64(10);
    QTest::newRow("maximum price") << QStringLiteral("1000000.00") << qint64(100'000'000);
    QTest::newRow("leading zeros") << QStringLiteral("007.05") << qint64(705);
    QTest::newRow("thirteen digits") << QStringLiteral("9999999999999.99") << qint64(999'999'999'999'999);
}

void MoneyTest::parsesPlainDecimals()
{
    QFETCH(QString, text);
    QFETCH(qint64, cents);
    QCOMPARE(money::parseCents(text), std::optional<qint64>(cents));
}

void MoneyTest::refusesEverythingElse_data()
{
    QTest::addColumn<QString>("text");
    for (const char *bad : {"", ".", "1.", ".5", "1.234", "-1", "+1", "1e3", "1e400", "abc", " 1", "1 ",
                            "1,50", "0x10", "1.2.3", "NaN", "inf", "٣", "99999999999999"})
        QTest::newRow(bad[0] ? bad : "empty") << QString::fromUtf8(bad);
}

void MoneyTest::refusesEverythingElse()
{
    QFETCH(QString, text);
    QCOMPARE(money::parseCents(text), std::nullopt);
}

void MoneyTest::formatsWithTwoPlaces()
{
    QCOMPARE(money::formatCents(14990), QStringLiteral("149.90"));
    QCOMPARE(money::formatCents(10), QStringLiteral("0.10"));
    QCOMPARE(money::formatCents(5), QStringLiteral("0.05"));
    QCOMPARE(money::formatCents(100'000'000), QStringLiteral("1000000.00"));
    QCOMPARE(money::formatCents(-250), QStringLiteral("-2.50"));
    for (qint64 cents : {0LL, 1LL, 99LL, 100LL, 12345LL, 100'000'000LL})
        QCOMPARE(money::parseCents(money::formatCents(cents)), std::optional<qint64>(cents));
}

QTEST_GUILESS_MAIN(MoneyTest)
#include "tst_money.moc"
