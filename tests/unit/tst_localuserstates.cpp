// The node's short memo of users' states: a state is answered until it lapses, a newer one replaces it, and
// a flood of distinct users cannot grow it without bound.
#include "server/identity/localuserstates.h"

#include <QTest>

using namespace fd;
using identity::LocalUserStates;
using identity::UserState;

class LocalUserStatesTest : public QObject
{
    Q_OBJECT

private slots:
    void init() { LocalUserStates::shared().clear(); }

    void unknownUserIsNotAnswered() { QVERIFY(!LocalUserStates::shared().find(QUuid::createUuid())); }

    void rememberedStateIsAnsweredUntilItLapses()
    {
        const QUuid user = QUuid::createUuid();
        LocalUserStates::shared().remember(user, UserState{true, true, Role::Seller});
        const auto found = LocalUserStates::shared().find(user);
        QVERIFY(found);
        QVERIFY(found->exists && found->active);
        QCOMPARE(found->role, Role::Seller);
        QTRY_VERIFY_WITH_TIMEOUT(!LocalUserStates::shared().find(user), 3 * LocalUserStates::kLifetimeMs);
    }

    void newerStateReplacesTheOld()
    {
        const QUuid user = QUuid::createUuid();
        LocalUserStates::shared().remember(user, UserState{true, true, Role::Buyer});
        LocalUserStates::shared().remember(user, UserState{true, false, Role::Buyer});
        QCOMPARE(LocalUserStates::shared().find(user)->active, false);
    }

    void floodOfUsersStaysBounded()
    {
        QUuid first;
        for (qsizetype i = 0; i <= LocalUserStates::kMaxEntries; ++i) {
            const QUuid user = QUuid::createUuid();
            if (i == 0)
                first = user;
            LocalUserStates::shared().remember(user, UserState{true, true, Role::Buyer});
        }
        // The memo was full of fresh entries when the last came: it started over rather than grow.
        QVERIFY(!LocalUserStates::shared().find(first));
    }
};

QTEST_GUILESS_MAIN(LocalUserStatesTest)
#include "tst_localuserstates.moc"
