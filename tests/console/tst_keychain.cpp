// The refresh token in a real keychain: run under with_keyring.sh (a D-Bus session of its own and an unlocked
// GNOME keyring, the Secret Service), a token saved by one console is read back by the next one started,
// each account on each server has its own entry, and a removed token is gone.
#include "console/session/tokenstore.h"

#include <QSignalSpy>
#include <QTest>

#include <optional>

using namespace fd::console;

namespace {

// Reads an entry through a fresh store: what a restarted console would find.
std::optional<QByteArray> readBack(const QString &entry)
{
    TokenStore store;
    std::optional<QByteArray> found;
    bool answered = false;
    store.load(entry, [&](std::optional<QByteArray> token) {
        found = std::move(token);
        answered = true;
    });
    if (!QTest::qWaitFor([&] { return answered; }, 10'000))
        qWarning("the keychain did not answer");
    if (!store.available())
        qWarning("the keychain was not available");
    return found;
}

} // namespace

class KeychainTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aSavedTokenOutlivesTheConsole();
    void entriesAreSeparatePerServerAndAccount();
};

void KeychainTest::aSavedTokenOutlivesTheConsole()
{
    const QString entry =
        TokenStore::entryName(QStringLiteral("http://127.0.0.1:8080"), QStringLiteral("Ann@Example.com"));
    QCOMPARE(entry, QStringLiteral("http://127.0.0.1:8080|ann@example.com"));
    {
        TokenStore store;
        QSignalSpy lost(&store, &TokenStore::availabilityChanged);
        store.save(entry, "refresh-token-1");
        // Let the write reach the keychain before this store goes away.
        QVERIFY(QTest::qWaitFor([&] { return readBack(entry) == QByteArray("refresh-token-1"); }, 10'000));
        QVERIFY(store.available());
        QCOMPARE(lost.count(), 0);
    }
    QCOMPARE(readBack(entry), std::optional<QByteArray>("refresh-token-1"));

    TokenStore store;
    store.save(entry, "refresh-token-2"); // a rotation replaces it
    QVERIFY(QTest::qWaitFor([&] { return readBack(entry) == QByteArray("refresh-token-2"); }, 10'000));
    store.remove(entry);
    QVERIFY(QTest::qWaitFor([&] { return !readBack(entry).has_value(); }, 10'000));
    QVERIFY(store.available());
}

void KeychainTest::entriesAreSeparatePerServerAndAccount()
{
    const QString ann =
        TokenStore::entryName(QStringLiteral("http://a.example"), QStringLiteral("ann@example.com"));
    const QString bob =
        TokenStore::entryName(QStringLiteral("http://a.example"), QStringLiteral("bob@example.com"));
    const QString annElsewhere =
        TokenStore::entryName(QStringLiteral("http://b.example"), QStringLiteral("ann@example.com"));
    TokenStore store;
    store.save(ann, "ann-on-a");
    store.save(bob, "bob-on-a");
    QVERIFY(QTest::qWaitFor([&] { return readBack(bob) == QByteArray("bob-on-a"); }, 10'000));
    QCOMPARE(readBack(ann), std::optional<QByteArray>("ann-on-a"));
    QCOMPARE(readBack(annElsewhere), std::nullopt);
    store.remove(ann);
    QVERIFY(QTest::qWaitFor([&] { return !readBack(ann).has_value(); }, 10'000));
    QCOMPARE(readBack(bob), std::optional<QByteArray>("bob-on-a"));
    store.remove(bob);
}

QTEST_GUILESS_MAIN(KeychainTest)
#include "tst_keychain.moc"
