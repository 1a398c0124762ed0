// Configuration layers (defaults < file < environment < flags) and refusal of invalid values.
#include "server/app/config.h"

#include <QTemporaryFile>
#include <QTest>

using namespace fd::app;

class ConfigTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaults();
    void layersOverrideInOrder();
    void everyLimitHasAnEnvironmentVariable();
    void invalidValuesNameTheSetting_data();
    void invalidValuesNameTheSetting();
};

void ConfigTest::defaults()
{
    ConfigLoader loader;
    auto config = loader.load();
    QVERIFY(config.ok());
    QCOMPARE(config->listenAddress, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(config->listenPort, quint16(8080));
    QCOMPARE(config->limits.bodyBytes, qint64(1 << 20));
    QCOMPARE(config->limits.loginPerAccountPerMinute, qint64(7));
    QCOMPARE(config->limits.inflightPerNode, qint64(1024));
    QVERIFY(config->embeddedDatabase());
    QVERIFY(!config->dataDir.isEmpty());
    QVERIFY(!config->signInLimitsOpenWhenRedisDown);
    QVERIFY(config->requestLimitsOpenWhenRedisDown);
}

void ConfigTest::layersOverrideInOrder()
{
    QTemporaryFile file;
    QVERIFY(file.open());
    file.write("# comment\nlisten = 0.0.0.0:9000\nthreads = 3\nlimit.body_bytes = "
               "4096\nlimit.global_per_second = 5\n");
    file.close();
    ConfigLoader loader;
    loader.setConfigFile(file.fileName());
    loader.setEnvironment({{QStringLiteral("FAIRDROP_THREADS"), QStringLiteral("5")},
                           {QStringLiteral("FAIRDROP_LIMIT_BODY_BYTES"), QStringLiteral("8192")},
                           {QStringLiteral("UNRELATED"), QStringLiteral("x")}});
    loader.setFlag(QStringLiteral("threads"), QStringLiteral("7"));
    auto config = loader.load();
    QVERIFY2(config.ok(), qPrintable(config.ok() ? QString() : config.error().detail));
    QCOMPARE(config->listenPort, quint16(9000));         // file
    QCOMPARE(config->limits.globalPerSecond, qint64(5)); // file
    QCOMPARE(config->limits.bodyBytes, qint64(8192));    // env beats file
    QCOMPARE(config->threads, 7);                        // flag beats env
}

void ConfigTest::everyLimitHasAnEnvironmentVariable()
{
    int limits = 0;
    for (const auto &[key, env] : ConfigLoader::settingNames()) {
        if (!key.startsWith(QStringLiteral("limit.")))
            continue;
        ++limits;
        QVERIFY2(env.startsWith(QStringLiteral("FAIRDROP_LIMIT_")), qPrintable(env));
        ConfigLoader loader;
        loader.setEnvironment({{env, QStringLiteral("-5")}});
        auto config = loader.load();
        QVERIFY2(!config.ok(), qPrintable(env + QStringLiteral(" accepted a negative value")));
        QVERIFY(config.error().detail.contains(key));
    }
    // Every field of Limits is a qint64, so this counts them: a new limit without a setting fails here.
    QCOMPARE(limits, int(sizeof(fd::app::Limits) / sizeof(qint64)));
}

void ConfigTest::invalidValuesNameTheSetting_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("named");
    QTest::newRow("listen without port") << "FAIRDROP_LISTEN"
                                         << "127.0.0.1"
                                         << "listen";
    QTest::newRow("listen bad port") << "FAIRDROP_LISTEN"
                                     << "127.0.0.1:70000"
                                     << "listen";
    QTest::newRow("listen bad host") << "FAIRDROP_LISTEN"
                                     << "nohost:80"
                                     << "listen";
    QTest::newRow("threads text") << "FAIRDROP_THREADS"
                                  << "many"
                                  << "threads";
    QTest::newRow("body overflow") << "FAIRDROP_LIMIT_BODY_BYTES"
                                   << "99999999999999999999"
                                   << "limit.body_bytes";
    QTest::newRow("log format") << "FAIRDROP_LOG_FORMAT"
                                << "xml"
                                << "log_format";
    QTest::newRow("metrics cidr") << "FAIRDROP_METRICS_ALLOW"
                                  << "10.0.0.0/99"
                                  << "metrics_allow";
    QTest::newRow("flag") << "FAIRDROP_SIGN_IN_LIMITS_OPEN_WHEN_REDIS_DOWN"
                          << "maybe"
                          << "sign_in_limits_open_when_redis_down";
}

void ConfigTest::invalidValuesNameTheSetting()
{
    QFETCH(QString, variable);
    QFETCH(QString, value);
    QFETCH(QString, named);
    ConfigLoader loader;
    loader.setEnvironment({{variable, value}});
    auto config = loader.load();
    QVERIFY(!config.ok());
    QVERIFY2(config.error().detail.contains(named), qPrintable(config.error().detail));
    QVERIFY2(config.error().detail.contains(variable), qPrintable(config.error().detail));
}

QTEST_GUILESS_MAIN(ConfigTest)
#include "tst_config.moc"
