#include "console/session/tokenstore.h"

#include <QLoggingCategory>

#include <qt6keychain/keychain.h>

namespace fd::console {
namespace {

Q_LOGGING_CATEGORY(lcTokens, "fd.console.tokens")

const QString kService = QStringLiteral("fairdrop-console");

} // namespace

TokenStore::TokenStore(QObject *parent) : QObject(parent) {}

QString TokenStore::entryName(const QString &server, const QString &email)
{
    return server + u'|' + email.trimmed().toLower();
}

void TokenStore::save(const QString &entry, const QByteArray &token)
{
    m_inMemory.insert(entry, token);
    if (!m_available)
        return;
    auto *job = new QKeychain::WritePasswordJob(kService, this);
    job->setKey(entry);
    job->setBinaryData(token);
    connect(job, &QKeychain::Job::finished, this, [this, entry, token](QKeychain::Job *done) {
        if (done->error() != QKeychain::NoError)
            keychainFailed(done->errorString());
        else if (m_inMemory.value(entry) == token)
            m_inMemory.remove(entry); // kept where it belongs now (unless a newer one is on its way)
    });
    job->start();
}

void TokenStore::load(const QString &entry, std::function<void(std::optional<QByteArray>)> done)
{
    if (m_inMemory.contains(entry) || !m_available) {
        std::optional<QByteArray> kept;
        if (m_inMemory.contains(entry))
            kept = m_inMemory.value(entry);
        QMetaObject::invokeMethod(
            this, [done = std::move(done), kept] { done(kept); }, Qt::QueuedConnection);
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(kService, this);
    job->setKey(entry);
    connect(job, &QKeychain::Job::finished, this, [this, done = std::move(done)](QKeychain::Job *finished) {
        auto *read = static_cast<QKeychain::ReadPasswordJob *>(finished);
        if (read->error() == QKeychain::NoError) {
            done(read->binaryData());
            return;
        }
        if (read->error() != QKeychain::EntryNotFound)
            keychainFailed(read->errorString());
        done(std::nullopt);
    });
    job->start();
}

void TokenStore::remove(const QString &entry)
{
    m_inMemory.remove(entry);
    if (!m_available)
        return;
    auto *job = new QKeychain::DeletePasswordJob(kService, this);
    job->setKey(entry);
    job->start();
}

void TokenStore::keychainFailed(const QString &why)
{
    qCInfo(lcTokens).noquote() << "no keychain, sign-ins are not remembered:" << why;
    if (std::exchange(m_available, false))
        Q_EMIT availabilityChanged(false);
}

} // namespace fd::console
