// The console's translations: the catalogs are embedded and used by the real widgets, plural forms follow
// each language's rules, a switch at runtime reaches widgets already on screen, and no message in the .ts
// files is left for later (an unfinished one would silently show English in a Russian window).
#include "console/api/apiclient.h"
#include "console/api/serverurl.h"
#include "console/app/languagesettings.h"
#include "console/app/mainwindow.h"
#include "console/app/settingspage.h"
#include "console/embedded/embeddedserver.h"
#include "console/ops/connectionpage.h"
#include "tests/console/consoletest.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTcpServer>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

#include <algorithm>
#include <optional>

using namespace fd::console;
using fd::test::child;

namespace {

const char *const kTimeoutMessage = "The server did not answer within %n second(s).";

struct TsMessage
{
    QString context;
    QString source;
    QString comment; // the disambiguation, part of the lookup key
    bool numerus = false;
    QString type;      // "unfinished", "vanished", "obsolete", or empty when done
    QStringList forms; // one entry, or one per plural form
};

struct TsFile
{
    QString language;
    QList<TsMessage> messages;
    QString error;
};

TsFile readTs(const QString &path)
{
    TsFile ts;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ts.error = file.errorString();
        return ts;
    }
    QXmlStreamReader xml(&file);
    QString context;
    TsMessage message;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isEndElement() && xml.name() == u"message") {
            ts.messages.append(message);
            continue;
        }
        if (!xml.isStartElement())
            continue;
        const QStringView name = xml.name();
        if (name == u"TS") {
            ts.language = xml.attributes().value(QLatin1StringView("language")).toString();
        } else if (name == u"name") {
            context = xml.readElementText();
        } else if (name == u"message") {
            message = TsMessage{
                context, {}, {}, xml.attributes().value(QLatin1StringView("numerus")) == u"yes", {}, {}};
        } else if (name == u"source") {
            message.source = xml.readElementText();
        } else if (name == u"comment") {
            message.comment = xml.readElementText();
        } else if (name == u"translation") {
            message.type = xml.attributes().value(QLatin1StringView("type")).toString();
            if (!message.numerus)
                message.forms = {xml.readElementText()};
        } else if (name == u"numerusform") {
            message.forms.append(xml.readElementText());
        }
    }
    if (xml.hasError())
        ts.error = xml.errorString();
    return ts;
}

QStringList placeholders(const QString &text)
{
    static const QRegularExpression marker(QStringLiteral("%L?(?:n|[1-9][0-9]?)"));
    QStringList found;
    for (const QRegularExpressionMatch &match : marker.globalMatch(text))
        found.append(match.captured());
    found.sort();
    return found;
}

QString tsPath(const QString &language)
{
    return QStringLiteral(FAIRDROP_TRANSLATIONS_DIR "/fairdrop_") + language + QStringLiteral(".ts");
}

} // namespace

class TranslationsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void languageChoiceIsStored();
    void catalogsAreEmbedded();
    void consoleStringsAreRussian();
    void pluralForms_data();
    void pluralForms();
    void timeoutMessageIsTranslated_data();
    void timeoutMessageIsTranslated();
    void tsFilesAreComplete_data();
    void tsFilesAreComplete();
    void everyPluralHasEnglishForms();
    void switchingLanguageRetranslatesOpenWidgets();
    void settingsPageSwitchesAndRemembers();

private:
    static bool useLanguage(const QString &language);
};

bool TranslationsTest::useLanguage(const QString &language)
{
    saveLanguage(language);
    return installTranslators(*QCoreApplication::instance()) == language;
}

void TranslationsTest::initTestCase()
{
    fd::test::isolateSettings("tst_translations");
}

void TranslationsTest::cleanup()
{
    // Every test starts in English, whatever the previous one switched to.
    QVERIFY(useLanguage(QStringLiteral("en")));
}

void TranslationsTest::languageChoiceIsStored()
{
    saveLanguage(QStringLiteral("ru"));
    QCOMPARE(QSettings().value(QStringLiteral("ui/language")).toString(), QStringLiteral("ru"));
    QCOMPARE(savedLanguage(), QStringLiteral("ru"));
    QCOMPARE(effectiveLanguage(), QStringLiteral("ru"));

    // Unknown codes (a newer console's choice, a hand-edited file) mean "follow the system".
    QSettings().setValue(QStringLiteral("ui/language"), QStringLiteral("de"));
    QCOMPARE(savedLanguage(), QString());
    saveLanguage(QString());
    QVERIFY(!QSettings().contains(QStringLiteral("ui/language")));
    QVERIFY(supportedLanguages().contains(effectiveLanguage()));
}

void TranslationsTest::catalogsAreEmbedded()
{
    for (const QString &language : supportedLanguages()) {
        QTranslator translator;
        QVERIFY2(translator.load(QStringLiteral(":/i18n/fairdrop_") + language + QStringLiteral(".qm")),
                 qPrintable(language));
        QVERIFY(translator.language().startsWith(language));
    }
    QTranslator russian;
    QVERIFY(russian.load(QStringLiteral(":/i18n/fairdrop_ru.qm")));
    QCOMPARE(russian.translate("fd::console::ConnectionPage", "Connect"), QStringLiteral("Подключиться"));
}

void TranslationsTest::consoleStringsAreRussian()
{
    QVERIFY(useLanguage(QStringLiteral("ru")));
    ApiClient api;
    MainWindow window;
    auto *page = new ConnectionPage(&api, nullptr);
    window.addPage(page);

    QCOMPARE(window.windowTitle(), QStringLiteral("Консоль FairDrop"));
    QCOMPARE(page->title(), QStringLiteral("Подключение"));
    QCOMPARE(child<QPushButton>(window, "connectButton")->text(), QStringLiteral("Подключиться"));
    QCOMPARE(child<QLabel>(window, "healthStatusLabel")->text(), QStringLiteral("Нет подключения"));
    QCOMPARE(ServerUrl::parse(QStringLiteral("ftp://example.com")).error().detail,
             QStringLiteral("Адрес должен начинаться с http:// или https://."));
    // Qt's own texts follow the same choice (qtbase_ru from the system's Qt translations).
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Отмена"));
}

void TranslationsTest::pluralForms_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("expected");
    // Russian has three forms: one (1, 21), few (2-4, 22), many (5-20, 11-14).
    QTest::newRow("ru 1") << QStringLiteral("ru") << 1 << QStringLiteral("Сервер не ответил за 1 секунду.");
    QTest::newRow("ru 3") << QStringLiteral("ru") << 3 << QStringLiteral("Сервер не ответил за 3 секунды.");
    QTest::newRow("ru 5") << QStringLiteral("ru") << 5 << QStringLiteral("Сервер не ответил за 5 секунд.");
    QTest::newRow("ru 11") << QStringLiteral("ru") << 11 << QStringLiteral("Сервер не ответил за 11 секунд.");
    QTest::newRow("ru 21") << QStringLiteral("ru") << 21
                           << QStringLiteral("Сервер не ответил за 21 секунду.");
    QTest::newRow("ru 22") << QStringLiteral("ru") << 22
                           << QStringLiteral("Сервер не ответил за 22 секунды.");
    QTest::newRow("en 1") << QStringLiteral("en") << 1
                          << QStringLiteral("The server did not answer within 1 second.");
    QTest::newRow("en 5") << QStringLiteral("en") << 5
                          << QStringLiteral("The server did not answer within 5 seconds.");
}

void TranslationsTest::pluralForms()
{
    QFETCH(QString, language);
    QFETCH(int, count);
    QFETCH(QString, expected);
    QVERIFY(useLanguage(language));
    QCOMPARE(ApiClient::tr(kTimeoutMessage, nullptr, count), expected);
}

void TranslationsTest::timeoutMessageIsTranslated_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("expected");
    QTest::newRow("ru") << QStringLiteral("ru") << QStringLiteral("Сервер не ответил за 1 секунду.");
    QTest::newRow("en") << QStringLiteral("en")
                        << QStringLiteral("The server did not answer within 1 second.");
}

void TranslationsTest::timeoutMessageIsTranslated()
{
    // The plural through the real call: a server that accepts and never answers, and the client's timeout.
    QFETCH(QString, language);
    QFETCH(QString, expected);
    QVERIFY(useLanguage(language));
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    ApiClient api;
    api.setTimeoutMs(300);
    api.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort())));
    QObject context;
    std::optional<ApiResult> answer;
    api.getJson(QStringLiteral("/readyz"), &context, [&answer](const ApiResult &result) { answer = result; });
    QTRY_VERIFY(answer.has_value());
    QVERIFY(answer->error.has_value());
    QCOMPARE(answer->error->kind, ApiError::Kind::Timeout);
    QCOMPARE(answer->error->detail, expected);
}

void TranslationsTest::tsFilesAreComplete_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QList<int>>("sampleCounts"); // one count per plural form, in the form's order
    QTest::newRow("en") << QStringLiteral("en") << QList<int>{1, 5};
    QTest::newRow("ru") << QStringLiteral("ru") << QList<int>{1, 3, 5};
}

void TranslationsTest::tsFilesAreComplete()
{
    QFETCH(QString, language);
    QFETCH(QList<int>, sampleCounts);
    const TsFile ts = readTs(tsPath(language));
    QVERIFY2(ts.error.isEmpty(), qPrintable(ts.error));
    QVERIFY(ts.language.startsWith(language));
    QVERIFY(!ts.messages.isEmpty());

    // The embedded catalog must be this very file: a stale build would pass the checks below yet show
    // something else.
    QTranslator embedded;
    QVERIFY(embedded.load(QStringLiteral(":/i18n/fairdrop_") + language + QStringLiteral(".qm")));

    for (const TsMessage &message : ts.messages) {
        const QString where = message.context + QStringLiteral(": ") + message.source;
        QVERIFY2(message.type.isEmpty(),
                 qPrintable(where + QStringLiteral(" is ") + message.type +
                            QStringLiteral(" (translate it in Qt Linguist or the .ts file)")));
        QCOMPARE(message.forms.size(), message.numerus ? sampleCounts.size() : 1);
        const QStringList sourceMarkers = placeholders(message.source);
        for (int form = 0; form < message.forms.size(); ++form) {
            const QString &text = message.forms.at(form);
            QVERIFY2(!text.trimmed().isEmpty(),
                     qPrintable(where + QStringLiteral(" has an empty translation")));
            // A lost %1 would silently drop what it stands for (an address, a password).
            QVERIFY2(
                placeholders(text) == sourceMarkers,
                qPrintable(where + QStringLiteral(" -> ") + text + QStringLiteral(": placeholders differ")));
            const QByteArray context = message.context.toUtf8();
            const QByteArray source = message.source.toUtf8();
            const QByteArray comment = message.comment.toUtf8();
            const QString shipped =
                embedded.translate(context.constData(), source.constData(),
                                   message.comment.isEmpty() ? nullptr : comment.constData(),
                                   message.numerus ? sampleCounts.at(form) : -1);
            QVERIFY2(shipped == text, qPrintable(where + QStringLiteral(": the build embeds \"") + shipped +
                                                 QStringLiteral("\", rebuild")));
        }
    }
}

void TranslationsTest::everyPluralHasEnglishForms()
{
    // Without an English entry "%n second(s)" is shown as written, "(s)" and all.
    const TsFile russian = readTs(tsPath(QStringLiteral("ru")));
    const TsFile english = readTs(tsPath(QStringLiteral("en")));
    QVERIFY(russian.error.isEmpty() && english.error.isEmpty());
    for (const TsMessage &message : russian.messages) {
        if (!message.numerus)
            continue;
        const bool found =
            std::any_of(english.messages.cbegin(), english.messages.cend(), [&](const TsMessage &en) {
                return en.numerus && en.context == message.context && en.source == message.source &&
                       en.comment == message.comment;
            });
        QVERIFY2(found,
                 qPrintable(message.context + QStringLiteral(": ") + message.source +
                            QStringLiteral(" is missing from fairdrop_en.ts (ninja update_translations)")));
    }
}

void TranslationsTest::switchingLanguageRetranslatesOpenWidgets()
{
    ApiClient api;
    EmbeddedServer idleLocalServer; // only for its button; never started
    MainWindow window;
    auto *page = new ConnectionPage(&api, &idleLocalServer);
    window.addPage(page);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *connect = child<QPushButton>(window, "connectButton");
    auto *url = child<QLineEdit>(window, "serverUrlEdit");
    auto *urlMessage = child<QLabel>(window, "serverUrlMessageLabel");
    auto *local = child<QPushButton>(window, "startLocalServerButton");
    auto *verdict = child<QLabel>(window, "healthStatusLabel");
    auto *pages = child<QListWidget>(window, "pageList");
    QVERIFY(connect && url && urlMessage && local && verdict && pages);
    QCOMPARE(connect->text(), QStringLiteral("Connect"));

    // Widgets built in English pick up Russian: Qt posts QEvent::LanguageChange to every window.
    QVERIFY(useLanguage(QStringLiteral("ru")));
    QTRY_COMPARE(connect->text(), QStringLiteral("Подключиться"));
    QCOMPARE(local->text(), QStringLiteral("Запустить локальный сервер"));
    QCOMPARE(pages->item(0)->text(), QStringLiteral("Подключение"));
    QCOMPARE(verdict->text(), QStringLiteral("Нет подключения"));
    QCOMPARE(window.statusBar()->currentMessage(), QStringLiteral("Нет подключения"));

    // Texts that depend on what happened are rebuilt too: a shown address problem...
    url->setText(QStringLiteral("localhost:8080"));
    QTest::mouseClick(connect, Qt::LeftButton);
    QCOMPARE(urlMessage->text(), QStringLiteral("Адрес должен начинаться с http:// или https://."));
    QVERIFY(useLanguage(QStringLiteral("en")));
    QTRY_COMPARE(urlMessage->text(), QStringLiteral("The address must start with http:// or https://."));

    // ...and the connected state: button, verdict and the page's message in the status bar. Port 1 on
    // loopback refuses at once.
    url->setText(QStringLiteral("http://127.0.0.1:1"));
    QTest::mouseClick(connect, Qt::LeftButton);
    QTRY_COMPARE(verdict->text(), QStringLiteral("Unreachable"));
    QCOMPARE(connect->text(), QStringLiteral("Disconnect"));
    QVERIFY(useLanguage(QStringLiteral("ru")));
    QTRY_COMPARE(connect->text(), QStringLiteral("Отключиться"));
    QCOMPARE(verdict->text(), QStringLiteral("Недоступен"));
    QCOMPARE(window.statusBar()->currentMessage(), QStringLiteral("Подключено к http://127.0.0.1:1"));
    if (const QString screenshot = qEnvironmentVariable("FD_CONSOLE_SCREENSHOT"); !screenshot.isEmpty()) {
        // The next probe brings Qt's own (translated) reason for the refusal.
        QTest::qWait(ConnectionPage::kRefreshIntervalMs + 500);
        QVERIFY(window.grab().save(screenshot));
    }

    QVERIFY(useLanguage(QStringLiteral("en")));
    QTRY_COMPARE(connect->text(), QStringLiteral("Disconnect"));
    QCOMPARE(window.statusBar()->currentMessage(), QStringLiteral("Connected to http://127.0.0.1:1"));
}

// The user's way to switch: the settings page changes every open window at once and keeps the choice.
void TranslationsTest::settingsPageSwitchesAndRemembers()
{
    saveLanguage(QString()); // as on a first start
    QSettings().remove(QStringLiteral("connection/serverUrl"));
    ApiClient api;
    EmbeddedServer idleLocalServer;
    MainWindow window;
    window.addPage(new ConnectionPage(&api, &idleLocalServer));
    auto *settings = new SettingsPage;
    window.addPage(settings);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *language = child<QComboBox>(window, "languageCombo");
    auto *pages = child<QListWidget>(window, "pageList");
    QVERIFY(language && pages);
    QCOMPARE(language->currentIndex(), 0); // nothing chosen yet: as the system
    const int russian = language->findData(QStringLiteral("ru"));
    QVERIFY(russian > 0);
    QCOMPARE(language->itemText(russian), QStringLiteral("Русский")); // named in itself

    language->setFocus();
    language->setCurrentIndex(russian);
    Q_EMIT language->activated(russian);
    // Qt posts the change to every widget: it arrives on the next turn of the event loop.
    QTRY_COMPARE(window.windowTitle(), QStringLiteral("Консоль FairDrop"));
    QCOMPARE(pages->item(1)->text(), QStringLiteral("Настройки"));
    QCOMPARE(child<QPushButton>(window, "connectButton")->text(), QStringLiteral("Подключиться"));
    QCOMPARE(savedLanguage(), QStringLiteral("ru"));
    // A new window (the next start) opens in the chosen language, with the choice shown.
    SettingsPage reopened;
    QCOMPARE(child<QComboBox>(reopened, "languageCombo")->currentData().toString(), QStringLiteral("ru"));

    const int english = language->findData(QStringLiteral("en"));
    language->setCurrentIndex(english);
    Q_EMIT language->activated(english);
    QTRY_COMPARE(window.windowTitle(), QStringLiteral("FairDrop Console"));
    QCOMPARE(savedLanguage(), QStringLiteral("en"));
}

QTEST_MAIN(TranslationsTest)
#include "tst_translations.moc"
