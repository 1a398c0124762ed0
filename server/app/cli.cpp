#include "server/app/cli.h"

#include "common/role.h"
#include "common/version.h"
#include "server/app/config.h"
#include "server/app/servercontext.h"
#include "server/app/shutdownsignals.h"
#include "server/identity/userrepository.h"
#include "server/infra/crypto/passwordhasher.h"
#include "server/infra/db/connectionspec.h"
#include "server/infra/logging/jsonlog.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSqlDatabase>
#include <QTextStream>

#include <cstdio>

namespace fd::app {
namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

int fail(const QString &message)
{
    err() << "fairdrop-server: " << message << Qt::endl;
    return 1;
}

QString settingsHelp()
{
    QString text = QStringLiteral("\nSettings (config file key, environment variable):\n");
    for (const auto &[key, env] : ConfigLoader::settingNames())
        text += QStringLiteral("  %1  %2\n").arg(key, -36).arg(env);
    return text;
}

int serve(const Config &config)
{
    ServerContext context(config);
    ShutdownSignals shutdownSignals;
    int exitCode = 0;
    QObject::connect(&shutdownSignals, &ShutdownSignals::shutdownRequested, qApp, [](int number) {
        qInfo("shutdown requested by signal %d", number);
        QCoreApplication::quit();
    });
    QObject::connect(&context, &ServerContext::fatalError, qApp, [&exitCode](const QString &message) {
        qCritical("fatal: %s", qPrintable(message));
        exitCode = 2;
        QCoreApplication::quit();
    });
    if (auto started = context.start(); !started)
        return fail(started.error().detail);
    // The admin first: tools wait for the "serving at" line and must find everything before it.
    if (const auto &admin = context.createdAdmin()) {
        out() << "admin account created: " << admin->email;
        if (!admin->password.isEmpty())
            out() << "  password: " << admin->password << "  (shown once; change it after signing in)";
        out() << Qt::endl;
    }
    out() << "API docs: " << context.baseUrl().toString() << "/docs" << Qt::endl;
    out() << "FairDrop " << productVersion() << " serving at " << context.baseUrl().toString() << Qt::endl;
    QCoreApplication::exec();
    context.stop();
    return exitCode;
}

int migrate(const Config &config)
{
    ServerContext context(config);
    if (auto started = context.startDatabase(); !started)
        return fail(started.error().detail);
    out() << "database schema is current" << Qt::endl;
    return 0;
}

int createUser(const Config &config, const QString &email, const QString &password, const QString &roleText)
{
    const auto role = roleFromName(roleText);
    if (!role)
        return fail(
            QStringLiteral("unknown role '%1' (admin, moderator, seller, buyer, user_b2b, seller_b2b)")
                .arg(roleText));
    if (!email.contains(u'@') || password.size() < 10 || password.size() > 128)
        return fail(QStringLiteral("give --email and a --password of 10 to 128 characters"));
    ServerContext context(config);
    if (auto started = context.startDatabase(); !started)
        return fail(started.error().detail);
    auto spec = infra::ConnectionSpec::fromUrl(context.databaseUrl());
    Result<QUuid> created = Error{};
    {
        QSqlDatabase db = spec->open(QStringLiteral("fd-cli"));
        created = identity::UserRepository(db).create(email, infra::password::hash(password), *role, true);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("fd-cli"));
    if (!created)
        return fail(created.error().detail);
    out() << "created " << roleText << ' ' << email << " with id " << created->toString(QUuid::WithoutBraces)
          << Qt::endl;
    return 0;
}

} // namespace

int runCli(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("FairDrop marketplace server.\n\nCommands:\n"
                       "  serve                 run the API server (default)\n"
                       "  worker                run background jobs (and /healthz, /readyz, /metrics) only\n"
                       "  migrate               apply database migrations and exit\n"
                       "  user create           create an account (--email, --password, --role)\n") +
        settingsHelp());
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QStringLiteral("serve, worker, migrate or user create"));
    const QCommandLineOption listen(QStringLiteral("listen"), QStringLiteral("Address to serve on."),
                                    QStringLiteral("HOST:PORT"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
                                     QStringLiteral("Where embedded PostgreSQL and Redis keep their data."),
                                     QStringLiteral("DIR"));
    const QCommandLineOption threads(QStringLiteral("threads"),
                                     QStringLiteral("IO threads (default: cores)."), QStringLiteral("N"));
    const QCommandLineOption configFile(QStringLiteral("config"),
                                        QStringLiteral("Config file (key = value)."), QStringLiteral("FILE"));
    const QCommandLineOption email(QStringLiteral("email"), QStringLiteral("user create: email"),
                                   QStringLiteral("EMAIL"));
    const QCommandLineOption password(QStringLiteral("password"), QStringLiteral("user create: password"),
                                      QStringLiteral("PASSWORD"));
    const QCommandLineOption role(QStringLiteral("role"), QStringLiteral("user create: role"),
                                  QStringLiteral("ROLE"));
    const QCommandLineOption withWorker(QStringLiteral("with-worker"),
                                        QStringLiteral("serve: also run background jobs (the default when "
                                                       "PostgreSQL or Redis is embedded)."));
    parser.addOptions({listen, dataDir, threads, configFile, email, password, role, withWorker});
    parser.process(arguments);

    ConfigLoader loader;
    loader.setEnvironment(processEnvironment());
    if (parser.isSet(configFile))
        loader.setConfigFile(parser.value(configFile));
    if (parser.isSet(listen))
        loader.setFlag(QStringLiteral("listen"), parser.value(listen));
    if (parser.isSet(dataDir))
        loader.setFlag(QStringLiteral("data_dir"), parser.value(dataDir));
    if (parser.isSet(threads))
        loader.setFlag(QStringLiteral("threads"), parser.value(threads));
    auto config = loader.load();
    if (!config)
        return fail(config.error().detail);
    infra::logging::install(config->logFormat == QLatin1StringView("text") ? infra::logging::Format::Text
                                                                           : infra::logging::Format::Json);

    config->withWorker = parser.isSet(withWorker);
    const QStringList command = parser.positionalArguments();
    if (command.isEmpty() || command == QStringList{QStringLiteral("serve")})
        return serve(*config);
    if (command == QStringList{QStringLiteral("worker")}) {
        config->workerOnly = true;
        return serve(*config);
    }
    if (command == QStringList{QStringLiteral("migrate")})
        return migrate(*config);
    if (command == QStringList{QStringLiteral("user"), QStringLiteral("create")})
        return createUser(*config, parser.value(email), parser.value(password), parser.value(role));
    return fail(QStringLiteral("unknown command '%1'; see --help").arg(command.join(u' ')));
}

} // namespace fd::app
