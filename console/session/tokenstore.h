#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace fd::console {

// Keeps each account's refresh token in the operating system's keychain (QtKeychain: Secret Service,
// KWallet, macOS Keychain, Windows Credential Manager), never in a file of ours. Where there is no keychain
// the token lives only as long as the console, and available() says so, for the page to tell the user.
class TokenStore : public QObject
{
    Q_OBJECT
public:
    explicit TokenStore(QObject *parent = nullptr);

    // Entries are named by server and account ("https://api.example/|ann@example.com").
    static QString entryName(const QString &server, const QString &email);

    void save(const QString &entry, const QByteArray &token);
    // Nothing when no token is kept for the entry (or the keychain cannot be read).
    void load(const QString &entry, std::function<void(std::optional<QByteArray>)> done);
    void remove(const QString &entry);

    // False once the keychain refused to work; the tokens are then kept in memory only.
    bool available() const { return m_available; }

Q_SIGNALS:
    void availabilityChanged(bool available);

private:
    void keychainFailed(const QString &why);

    bool m_available = true;
    QHash<QString, QByteArray> m_inMemory; // used while the keychain is unavailable
};

} // namespace fd::console
