// The sentences shared by every page: each kind of failure gets its own, and nothing raw reaches the user.
#include "console/api/problemtext.h"

#include <QTest>

using namespace fd::console;

namespace {

ApiError httpError(int status, const char *code)
{
    ApiError error;
    error.kind = ApiError::Kind::Http;
    error.status = status;
    error.code = QString::fromLatin1(code);
    error.detail = QStringLiteral("raw server detail");
    return error;
}

} // namespace

class ProblemTextTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void transportFailuresKeepTheClientsWording()
    {
        ApiError error;
        error.kind = ApiError::Kind::Timeout;
        error.detail = QStringLiteral("The server did not answer within 10 seconds.");
        QCOMPARE(ProblemText::common(error), error.detail);
    }

    void eachCommonCodeHasItsSentence_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("expected");
        QTest::newRow("rate limited") << 429 << QStringLiteral("rate_limited")
                                      << QStringLiteral("Too many requests at once. Try again in a moment.");
        QTest::newRow("busy") << 503 << QStringLiteral("service_unavailable")
                              << QStringLiteral("The server is busy. Try again in a moment.");
        QTest::newRow("token") << 401 << QStringLiteral("invalid_token")
                               << QStringLiteral("Your session has ended. Sign in again.");
        QTest::newRow("forbidden") << 403 << QStringLiteral("forbidden")
                                   << QStringLiteral("Your role may not do this.");
        QTest::newRow("internal") << 500 << QStringLiteral("internal_error")
                                  << QStringLiteral(
                                         "The server failed (HTTP 500). Try again; if it persists, "
                                         "tell the operators.");
        QTest::newRow("a code the page did not word")
            << 409 << QStringLiteral("email_taken") << QStringLiteral("The server refused (HTTP 409).");
        QTest::newRow("no problem document")
            << 418 << QString() << QStringLiteral("The server refused (HTTP 418).");
    }

    void eachCommonCodeHasItsSentence()
    {
        QFETCH(int, status);
        QFETCH(QString, code);
        QFETCH(QString, expected);
        const QString text = ProblemText::common(httpError(status, code.toLatin1().constData()));
        QCOMPARE(text, expected);
        QVERIFY(!text.contains(QLatin1StringView("raw server detail")));
    }

    void anUnreadableAnswerIsSaidSo()
    {
        ApiError error;
        error.kind = ApiError::Kind::BadResponse;
        error.status = 200;
        QCOMPARE(ProblemText::common(error),
                 QStringLiteral("The server's answer could not be read. Try again, or update the console."));
    }
};

QTEST_GUILESS_MAIN(ProblemTextTest)
#include "tst_problemtext.moc"
