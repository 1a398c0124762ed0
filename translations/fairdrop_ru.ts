<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU" sourcelanguage="en">
<context>
    <name>OrderStatuses</name>
    <message>
        <source>Awaiting payment</source>
        <translation>Ожидает оплаты</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Оплачен</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Отправлен</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Завершён</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Отменён</translation>
    </message>
    <message>
        <source>Refund pending</source>
        <translation>Ожидает возврата средств</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Истёк срок</translation>
    </message>
</context>
<context>
    <name>ProductStatusText</name>
    <message>
        <source>Draft</source>
        <translation>Черновик</translation>
    </message>
    <message>
        <source>Waiting for review</source>
        <translation>Ждёт проверки</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>На проверке</translation>
    </message>
    <message>
        <source>On sale</source>
        <translation>В продаже</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Отклонён</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>В архиве</translation>
    </message>
</context>
<context>
    <name>UserRoles</name>
    <message>
        <source>Administrator</source>
        <translation>Администратор</translation>
    </message>
    <message>
        <source>Moderator</source>
        <translation>Модератор</translation>
    </message>
    <message>
        <source>Seller</source>
        <translation>Продавец</translation>
    </message>
    <message>
        <source>Seller (B2B)</source>
        <translation>Продавец (B2B)</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>Покупатель</translation>
    </message>
    <message>
        <source>Buyer (B2B)</source>
        <translation>Покупатель (B2B)</translation>
    </message>
</context>
<context>
    <name>fd::console::ApiClient</name>
    <message>
        <source>No server address is set.</source>
        <translation>Адрес сервера не задан.</translation>
    </message>
    <message numerus="yes">
        <source>The server did not answer within %n second(s).</source>
        <translation>
            <numerusform>Сервер не ответил за %n секунду.</numerusform>
            <numerusform>Сервер не ответил за %n секунды.</numerusform>
            <numerusform>Сервер не ответил за %n секунд.</numerusform>
        </translation>
    </message>
    <message>
        <source>The server&apos;s answer is not valid JSON.</source>
        <translation>Ответ сервера не является корректным JSON.</translation>
    </message>
    <message>
        <source>HTTP status %1</source>
        <translation>HTTP-статус %1</translation>
    </message>
</context>
<context>
    <name>fd::console::AuditDiffView</name>
    <message>
        <source>Show &amp;unchanged fields</source>
        <translation>Показывать &amp;неизменённые поля</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>До</translation>
    </message>
    <message>
        <source>After</source>
        <translation>После</translation>
    </message>
    <message>
        <source>Select an entry to see what it changed.</source>
        <translation>Выберите запись, чтобы увидеть, что она изменила.</translation>
    </message>
    <message>
        <source>anonymous</source>
        <translation>аноним</translation>
    </message>
    <message>
        <source>Action: %1
Target: %2 %3
Actor: %4 (%5)
Time: %6
IP address: %7
Request ID: %8</source>
        <translation>Действие: %1
Объект: %2 %3
Исполнитель: %4 (%5)
Время: %6
IP-адрес: %7
ID запроса: %8</translation>
    </message>
    <message>
        <source>This entry records no field values.</source>
        <translation>Эта запись не содержит значений полей.</translation>
    </message>
    <message numerus="yes">
        <source>%n unchanged field(s) hidden.</source>
        <translation>
            <numerusform>%n неизменённое поле скрыто.</numerusform>
            <numerusform>%n неизменённых поля скрыто.</numerusform>
            <numerusform>%n неизменённых полей скрыто.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fd::console::AuditFilterBar</name>
    <message>
        <source>The start of the time range must be before its end.</source>
        <translation>Начало периода должно быть раньше его конца.</translation>
    </message>
    <message>
        <source>Tar&amp;get type:</source>
        <translation>&amp;Тип объекта:</translation>
    </message>
    <message>
        <source>any, e.g. product</source>
        <translation>любой, например product</translation>
    </message>
    <message>
        <source>Target &amp;ID:</source>
        <translation>ID о&amp;бъекта:</translation>
    </message>
    <message>
        <source>any</source>
        <translation>любой</translation>
    </message>
    <message>
        <source>A&amp;ction:</source>
        <translation>&amp;Действие:</translation>
    </message>
    <message>
        <source>any, e.g. user.role_change</source>
        <translation>любое, например user.role_change</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;С:</translation>
    </message>
    <message>
        <source>Entries at or after this time</source>
        <translation>Записи начиная с этого момента</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;По:</translation>
    </message>
    <message>
        <source>Entries before this time</source>
        <translation>Записи до этого момента</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>При&amp;менить</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>О&amp;чистить</translation>
    </message>
    <message>
        <source>Enter the actor&apos;s email address or user ID, or leave it empty for anyone.</source>
        <translation>Введите эл. почту или ID исполнителя либо оставьте поле пустым — тогда подходит любой.</translation>
    </message>
    <message>
        <source>Act&amp;or:</source>
        <translation>&amp;Исполнитель:</translation>
    </message>
    <message>
        <source>anyone; an email or a user ID</source>
        <translation>любой; эл. почта или ID пользователя</translation>
    </message>
</context>
<context>
    <name>fd::console::AuditLogModel</name>
    <message>
        <source>anonymous</source>
        <translation>аноним</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <source>Target type</source>
        <translation>Тип объекта</translation>
    </message>
    <message>
        <source>Target ID</source>
        <translation>ID объекта</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>Исполнитель</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <source>IP address</source>
        <translation>IP-адрес</translation>
    </message>
    <message>
        <source>Request ID</source>
        <translation>ID запроса</translation>
    </message>
    <message>
        <source>The server&apos;s answer is not a page of the audit log.</source>
        <translation>Ответ сервера не является страницей журнала аудита.</translation>
    </message>
</context>
<context>
    <name>fd::console::AuditPage</name>
    <message>
        <source>Audit log</source>
        <translation>Журнал аудита</translation>
    </message>
    <message>
        <source>Only administrators and moderators may read the audit log.</source>
        <translation>Журнал аудита могут читать только администраторы и модераторы.</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>Повт&amp;орить</translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation>Обновить (F5)</translation>
    </message>
    <message>
        <source>Loading entries…</source>
        <translation>Загрузка записей…</translation>
    </message>
    <message>
        <source>No entries match these filters.</source>
        <translation>Нет записей, подходящих под эти фильтры.</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(ies) loaded.</source>
        <translation>
            <numerusform>Загружена %n запись.</numerusform>
            <numerusform>Загружено %n записи.</numerusform>
            <numerusform>Загружено %n записей.</numerusform>
        </translation>
    </message>
    <message>
        <source>The server refused these filters. Check the actor and the time range.</source>
        <translation>Сервер отклонил эти фильтры. Проверьте исполнителя и период.</translation>
    </message>
</context>
<context>
    <name>fd::console::ConnectionPage</name>
    <message>
        <source>Connection</source>
        <translation>Подключение</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Сервер</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Адрес:</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>Отключиться</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Подключиться</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>Подключено к %1</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>Отключено</translation>
    </message>
    <message>
        <source>The server answered, but not with a health report. Is this a FairDrop server?</source>
        <translation>Сервер ответил, но прислал не отчёт о состоянии. Это точно сервер FairDrop?</translation>
    </message>
    <message>
        <source>HTTP %1: %2</source>
        <translation>HTTP %1: %2</translation>
    </message>
    <message>
        <source>Starting the local server in %1 (the first start takes a while)…</source>
        <translation>Запуск локального сервера в %1 (первый запуск занимает некоторое время)…</translation>
    </message>
    <message>
        <source>Local server running at %1.</source>
        <translation>Локальный сервер работает по адресу %1.</translation>
    </message>
    <message>
        <source>First start: the administrator %1 was created with the password %2. Write it down now; it is not shown again.</source>
        <translation>Первый запуск: создан администратор %1 с паролем %2. Запишите пароль сейчас — повторно он не показывается.</translation>
    </message>
    <message>
        <source>The local server failed: %1</source>
        <translation>Сбой локального сервера: %1</translation>
    </message>
    <message>
        <source>Local server stopped.</source>
        <translation>Локальный сервер остановлен.</translation>
    </message>
    <message>
        <source>Start local server</source>
        <translation>Запустить локальный сервер</translation>
    </message>
    <message>
        <source>Starting local server…</source>
        <translation>Запуск локального сервера…</translation>
    </message>
    <message>
        <source>Stop local server</source>
        <translation>Остановить локальный сервер</translation>
    </message>
    <message>
        <source>Stopping local server…</source>
        <translation>Остановка локального сервера…</translation>
    </message>
</context>
<context>
    <name>fd::console::HealthPanel</name>
    <message>
        <source>PostgreSQL</source>
        <translation>PostgreSQL</translation>
    </message>
    <message>
        <source>Redis</source>
        <translation>Redis</translation>
    </message>
    <message>
        <source>Server health</source>
        <translation>Состояние сервера</translation>
    </message>
    <message>
        <source>Check</source>
        <extracomment>Column header: a service the server depends on and checks (PostgreSQL, Redis).</extracomment>
        <translation>Проверка</translation>
    </message>
    <message>
        <source>State</source>
        <extracomment>Column header: the result of that check (&quot;OK&quot; or the server&apos;s reason).</extracomment>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Нет подключения</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Проверка…</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Готов</translation>
    </message>
    <message>
        <source>Not ready</source>
        <translation>Не готов</translation>
    </message>
    <message>
        <source>Last checked at %1</source>
        <translation>Последняя проверка в %1</translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation>Недоступен</translation>
    </message>
    <message>
        <source>Cannot reach the server: %1</source>
        <translation>Не удаётся связаться с сервером: %1</translation>
    </message>
    <message>
        <source>Last attempt at %1</source>
        <translation>Последняя попытка в %1</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Ошибка</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>В порядке</translation>
    </message>
</context>
<context>
    <name>fd::console::LoadStatus</name>
    <message>
        <source>Retry</source>
        <translation>Повторить</translation>
    </message>
</context>
<context>
    <name>fd::console::MainWindow</name>
    <message>
        <source>FairDrop Console</source>
        <translation>Консоль FairDrop</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Нет подключения</translation>
    </message>
</context>
<context>
    <name>fd::console::ModerationPage</name>
    <message>
        <source>Moderation</source>
        <translation>Модерация</translation>
    </message>
    <message>
        <source>Another moderator is reviewing this product.</source>
        <translation>Этот товар проверяет другой модератор.</translation>
    </message>
    <message>
        <source>Claim the product before deciding on it.</source>
        <translation>Сначала возьмите товар на проверку.</translation>
    </message>
    <message>
        <source>The product is no longer waiting for review.</source>
        <translation>Товар больше не ждёт проверки.</translation>
    </message>
    <message>
        <source>The product no longer exists.</source>
        <translation>Товара больше нет.</translation>
    </message>
    <message>
        <source>The reason is too long.</source>
        <translation>Причина слишком длинная.</translation>
    </message>
    <message>
        <source>Rejection &amp;reason:</source>
        <translation>&amp;Причина отказа:</translation>
    </message>
    <message>
        <source>What the seller must change</source>
        <translation>Что продавцу нужно исправить</translation>
    </message>
    <message>
        <source>Claim (C)</source>
        <translation>Взять (C)</translation>
    </message>
    <message>
        <source>Approve (A)</source>
        <translation>Одобрить (A)</translation>
    </message>
    <message>
        <source>Reject (R)</source>
        <translation>Отклонить (R)</translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation>Обновить (F5)</translation>
    </message>
    <message numerus="yes">
        <source>%n product(s) waiting for review.</source>
        <translation>
            <numerusform>%n товар ждёт проверки.</numerusform>
            <numerusform>%n товара ждут проверки.</numerusform>
            <numerusform>%n товаров ждут проверки.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing is waiting for review.</source>
        <translation>Нет товаров, ожидающих проверки.</translation>
    </message>
    <message>
        <source>Not claimed yet.</source>
        <translation>Ещё никто не взял на проверку.</translation>
    </message>
    <message>
        <source>Claimed by you.</source>
        <translation>На проверке у вас.</translation>
    </message>
    <message>
        <source>Claimed by another moderator.</source>
        <translation>На проверке у другого модератора.</translation>
    </message>
    <message>
        <source>%1

Price: %2 · Stock: %3
Submitted: %4
%5

%6</source>
        <translation>%1

Цена: %2 · Остаток: %3
Отправлен: %4
%5

%6</translation>
    </message>
    <message>
        <source>Write the reason for the seller first.</source>
        <translation>Сначала напишите причину для продавца.</translation>
    </message>
</context>
<context>
    <name>fd::console::OptionalTimeEdit</name>
    <message>
        <source>Any</source>
        <translation>Любое</translation>
    </message>
</context>
<context>
    <name>fd::console::OrderDetails</name>
    <message>
        <source>The order no longer exists, or is not yours to see.</source>
        <translation>Заказа больше нет, или он вам недоступен.</translation>
    </message>
    <message>
        <source>You may not see this order.</source>
        <translation>Вам нельзя просматривать этот заказ.</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Товар</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Количество</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Цена за штуку</translation>
    </message>
    <message>
        <source>Line total</source>
        <translation>Сумма по позиции</translation>
    </message>
    <message>
        <source>No order selected</source>
        <translation>Заказ не выбран</translation>
    </message>
    <message>
        <source>Choose an order in the list to see its lines here.</source>
        <translation>Выберите заказ в списке, чтобы увидеть здесь его позиции.</translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation>Заказ %1</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>Статус: %1</translation>
    </message>
    <message>
        <source>Number: %1</source>
        <translation>Номер: %1</translation>
    </message>
    <message>
        <source>Buyer: %1</source>
        <translation>Покупатель: %1</translation>
    </message>
    <message>
        <source>Placed: %1</source>
        <translation>Оформлен: %1</translation>
    </message>
    <message>
        <source>Payment due by: %1</source>
        <translation>Оплатить до: %1</translation>
    </message>
    <message>
        <source>Paid: %1</source>
        <translation>Оплачен: %1</translation>
    </message>
    <message>
        <source>Shipped: %1</source>
        <translation>Отправлен: %1</translation>
    </message>
    <message>
        <source>Completed: %1</source>
        <translation>Завершён: %1</translation>
    </message>
    <message>
        <source>Closed: %1</source>
        <translation>Закрыт: %1</translation>
    </message>
    <message>
        <source>Total: %1</source>
        <translation>Итого: %1</translation>
    </message>
    <message>
        <source>Total of your lines: %1</source>
        <translation>Итого по вашим позициям: %1</translation>
    </message>
    <message>
        <source>Ship to: %1</source>
        <translation>Адрес доставки: %1</translation>
    </message>
    <message>
        <source>The buyer&apos;s address is shown once the order is paid.</source>
        <translation>Адрес покупателя будет показан после оплаты заказа.</translation>
    </message>
    <message>
        <source>The buyer&apos;s address is not shown for this order.</source>
        <translation>Адрес покупателя для этого заказа не показывается.</translation>
    </message>
</context>
<context>
    <name>fd::console::OrderTableModel</name>
    <message>
        <source>Order</source>
        <translation>Заказ</translation>
    </message>
    <message>
        <source>Placed</source>
        <translation>Оформлен</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Штук</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Сумма</translation>
    </message>
</context>
<context>
    <name>fd::console::OrdersPage</name>
    <message>
        <source>Orders</source>
        <translation>Заказы</translation>
    </message>
    <message>
        <source>Your role may not list these orders.</source>
        <translation>Вашей роли не разрешено просматривать эти заказы.</translation>
    </message>
    <message>
        <source>The server did not accept the filters.</source>
        <translation>Сервер не принял фильтры.</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Любой статус</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>За всё время</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>За последние 24 часа</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>За последние 7 дней</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>За последние 30 дней</translation>
    </message>
    <message>
        <source>Buyer ID</source>
        <translation>ID покупателя</translation>
    </message>
    <message>
        <source>Product ID</source>
        <translation>ID товара</translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation>Обновить (F5)</translation>
    </message>
    <message>
        <source>The buyer ID is not an ID: copy it from an order&apos;s details.</source>
        <translation>Это не ID покупателя: скопируйте его из сведений о заказе.</translation>
    </message>
    <message>
        <source>The product ID is not an ID: copy it from the product.</source>
        <translation>Это не ID товара: скопируйте его из карточки товара.</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) listed; scroll down for more.</source>
        <translation>
            <numerusform>В списке %n заказ; прокрутите вниз, чтобы загрузить ещё.</numerusform>
            <numerusform>В списке %n заказа; прокрутите вниз, чтобы загрузить ещё.</numerusform>
            <numerusform>В списке %n заказов; прокрутите вниз, чтобы загрузить ещё.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) listed.</source>
        <translation>
            <numerusform>В списке %n заказ.</numerusform>
            <numerusform>В списке %n заказа.</numerusform>
            <numerusform>В списке %n заказов.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fd::console::ProblemText</name>
    <message>
        <source>The server&apos;s answer could not be read. Try again, or update the console.</source>
        <translation>Не удалось прочитать ответ сервера. Повторите попытку или обновите консоль.</translation>
    </message>
    <message>
        <source>Your session has ended. Sign in again.</source>
        <translation>Сеанс завершён. Войдите снова.</translation>
    </message>
    <message>
        <source>Your role may not do this.</source>
        <translation>Вашей роли это не разрешено.</translation>
    </message>
    <message>
        <source>Too many requests at once. Try again in a moment.</source>
        <translation>Слишком много запросов сразу. Попробуйте чуть позже.</translation>
    </message>
    <message>
        <source>The server is busy. Try again in a moment.</source>
        <translation>Сервер занят. Попробуйте чуть позже.</translation>
    </message>
    <message>
        <source>The server failed (HTTP %1). Try again; if it persists, tell the operators.</source>
        <translation>Сбой сервера (HTTP %1). Повторите попытку; если не поможет, сообщите администраторам сервера.</translation>
    </message>
    <message>
        <source>The server refused (HTTP %1).</source>
        <translation>Сервер отказал (HTTP %1).</translation>
    </message>
</context>
<context>
    <name>fd::console::ProductForm</name>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Название:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Описание:</translation>
    </message>
    <message>
        <source>&amp;Price:</source>
        <translation>&amp;Цена:</translation>
    </message>
    <message>
        <source>&amp;Stock:</source>
        <translation>&amp;Остаток:</translation>
    </message>
    <message>
        <source>e.g. 149.90</source>
        <translation>например, 149.90</translation>
    </message>
    <message>
        <source>What buyers will see first</source>
        <translation>Что покупатели увидят первым</translation>
    </message>
    <message>
        <source>Enter a name.</source>
        <translation>Введите название.</translation>
    </message>
    <message numerus="yes">
        <source>At most %n character(s).</source>
        <translation>
            <numerusform>Не более %n символа.</numerusform>
            <numerusform>Не более %n символов.</numerusform>
            <numerusform>Не более %n символов.</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove the invisible control characters.</source>
        <translation>Уберите невидимые управляющие символы.</translation>
    </message>
    <message>
        <source>The server refused this value.</source>
        <translation>Сервер не принял это значение.</translation>
    </message>
    <message>
        <source>Enter a price.</source>
        <translation>Введите цену.</translation>
    </message>
    <message>
        <source>Write the price with digits and a point, at most two decimals: 149.90</source>
        <translation>Запишите цену цифрами с точкой, не более двух знаков после точки: 149.90</translation>
    </message>
    <message>
        <source>Prices go from %1 to %2.</source>
        <translation>Цена — от %1 до %2.</translation>
    </message>
</context>
<context>
    <name>fd::console::SellerCatalogPage</name>
    <message>
        <source>My products</source>
        <translation>Мои товары</translation>
    </message>
    <message>
        <source>You have as many products as your account may list. Archive one, or ask to be verified for a higher limit.</source>
        <translation>У вас уже столько товаров, сколько разрешено вашей учётной записи. Отправьте один в архив или запросите проверку продавца, чтобы поднять лимит.</translation>
    </message>
    <message>
        <source>The product cannot do that in its current status; the list was refreshed.</source>
        <translation>В текущем статусе товара это невозможно; список обновлён.</translation>
    </message>
    <message>
        <source>The server refused some fields; they are marked above.</source>
        <translation>Сервер не принял некоторые поля; они отмечены выше.</translation>
    </message>
    <message>
        <source>The product no longer exists.</source>
        <translation>Товара больше нет.</translation>
    </message>
    <message>
        <source>Only the product&apos;s seller may change it.</source>
        <translation>Изменять товар может только его продавец.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Цена</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Остаток</translation>
    </message>
    <message>
        <source>Moderator&apos;s comment</source>
        <translation>Комментарий модератора</translation>
    </message>
    <message>
        <source>Load more</source>
        <translation>Загрузить ещё</translation>
    </message>
    <message>
        <source>New (Ctrl+N)</source>
        <translation>Новый (Ctrl+N)</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>Сохранить (Ctrl+S)</translation>
    </message>
    <message>
        <source>Submit for review</source>
        <translation>Отправить на проверку</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>В архив</translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation>Обновить (F5)</translation>
    </message>
    <message>
        <source>Changing the name, description or price of a product on sale sends it back for review; a stock change does not.</source>
        <translation>Изменение названия, описания или цены товара в продаже снова отправит его на проверку; изменение остатка — нет.</translation>
    </message>
    <message numerus="yes">
        <source>%n product(s).</source>
        <translation>
            <numerusform>%n товар.</numerusform>
            <numerusform>%n товара.</numerusform>
            <numerusform>%n товаров.</numerusform>
        </translation>
    </message>
    <message>
        <source>Moderator&apos;s comment: %1</source>
        <translation>Комментарий модератора: %1</translation>
    </message>
    <message>
        <source>New product</source>
        <translation>Новый товар</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Correct the marked fields first.</source>
        <translation>Сначала исправьте отмеченные поля.</translation>
    </message>
    <message>
        <source>Nothing has changed.</source>
        <translation>Ничего не изменилось.</translation>
    </message>
    <message>
        <source>Created as a draft.</source>
        <translation>Создан черновик.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Сохранено.</translation>
    </message>
    <message>
        <source>Submitted for review.</source>
        <translation>Отправлено на проверку.</translation>
    </message>
    <message>
        <source>Archive &quot;%1&quot;? It leaves the shop and cannot be sold again.</source>
        <translation>Отправить «%1» в архив? Товар уйдёт из магазина, и продать его снова будет нельзя.</translation>
    </message>
    <message>
        <source>Archived.</source>
        <translation>Отправлено в архив.</translation>
    </message>
</context>
<context>
    <name>fd::console::ServerUrl</name>
    <message>
        <source>Enter the server&apos;s address, for example http://127.0.0.1:8080.</source>
        <translation>Введите адрес сервера, например http://127.0.0.1:8080.</translation>
    </message>
    <message>
        <source>“%1” is not a valid address.</source>
        <translation>«%1» — недопустимый адрес.</translation>
    </message>
    <message>
        <source>The address must start with http:// or https://.</source>
        <translation>Адрес должен начинаться с http:// или https://.</translation>
    </message>
    <message>
        <source>The address has no host name.</source>
        <translation>В адресе не указано имя хоста.</translation>
    </message>
    <message>
        <source>The address must not contain a query (?) or a fragment (#).</source>
        <translation>Адрес не должен содержать запрос (?) или фрагмент (#).</translation>
    </message>
    <message>
        <source>Leave the user name and password out of the address.</source>
        <translation>Не указывайте в адресе имя пользователя и пароль.</translation>
    </message>
</context>
<context>
    <name>fd::console::SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Язык:</translation>
    </message>
    <message>
        <source>As the system (%1)</source>
        <translation>Как в системе (%1)</translation>
    </message>
    <message>
        <source>The console switches at once and keeps the choice for the next start.</source>
        <translation>Консоль переключится сразу и запомнит выбор для следующего запуска.</translation>
    </message>
</context>
<context>
    <name>fd::console::SignInPage</name>
    <message>
        <source>Sign in</source>
        <translation>Вход</translation>
    </message>
    <message>
        <source>Your session has ended. Sign in again.</source>
        <translation>Сеанс завершён. Войдите снова.</translation>
    </message>
    <message>
        <source>Wrong email or password.</source>
        <translation>Неверная почта или пароль.</translation>
    </message>
    <message>
        <source>This account is deactivated. Ask an administrator.</source>
        <translation>Эта учётная запись отключена. Обратитесь к администратору.</translation>
    </message>
    <message>
        <source>Too many sign-in attempts. Wait a minute and try again.</source>
        <translation>Слишком много попыток входа. Подождите минуту и попробуйте снова.</translation>
    </message>
    <message>
        <source>Enter a valid email address and your password.</source>
        <translation>Введите правильный адрес почты и пароль.</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>администратор</translation>
    </message>
    <message>
        <source>moderator</source>
        <translation>модератор</translation>
    </message>
    <message>
        <source>seller</source>
        <translation>продавец</translation>
    </message>
    <message>
        <source>business seller</source>
        <translation>продавец-партнёр</translation>
    </message>
    <message>
        <source>business buyer</source>
        <translation>покупатель-партнёр</translation>
    </message>
    <message>
        <source>buyer</source>
        <translation>покупатель</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;Почта:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>П&amp;ароль:</translation>
    </message>
    <message>
        <source>Sign &amp;in</source>
        <translation>&amp;Войти</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Сеанс</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Вы&amp;йти</translation>
    </message>
    <message>
        <source>No keychain is available on this computer: you will have to sign in again after restarting the console.</source>
        <translation>На этом компьютере нет хранилища паролей: после перезапуска консоли придётся войти снова.</translation>
    </message>
    <message>
        <source>Connect to a server first.</source>
        <translation>Сначала подключитесь к серверу.</translation>
    </message>
    <message>
        <source>Signed in as %1 (%2).</source>
        <translation>Вы вошли как %1 (%2).</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Вход…</translation>
    </message>
    <message>
        <source>Signed in as %1.</source>
        <translation>Вы вошли как %1.</translation>
    </message>
    <message>
        <source>Signed out.</source>
        <translation>Вы вышли.</translation>
    </message>
</context>
<context>
    <name>fd::console::UpgradeRequestModel</name>
    <message>
        <source>Email</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <source>Asks to become</source>
        <translation>Запрошенная роль</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Сообщение</translation>
    </message>
    <message>
        <source>Asked</source>
        <translation>Запрошено</translation>
    </message>
</context>
<context>
    <name>fd::console::UpgradeRequestsPanel</name>
    <message numerus="yes">
        <source>%n upgrade request(s) waiting.</source>
        <translation>
            <numerusform>%n запрос на смену роли ждёт решения.</numerusform>
            <numerusform>%n запроса на смену роли ждут решения.</numerusform>
            <numerusform>%n запросов на смену роли ждут решения.</numerusform>
        </translation>
    </message>
    <message>
        <source>The request was already decided; the list was refreshed.</source>
        <translation>По этому запросу уже принято решение; список обновлён.</translation>
    </message>
    <message>
        <source>The account is staff now; reject the request instead.</source>
        <translation>Учётная запись теперь служебная; отклоните запрос вместо одобрения.</translation>
    </message>
    <message>
        <source>The request or its account no longer exists.</source>
        <translation>Запроса или его учётной записи больше нет.</translation>
    </message>
    <message>
        <source>Only administrators may decide upgrade requests.</source>
        <translation>Решать по запросам на смену роли могут только администраторы.</translation>
    </message>
    <message>
        <source>The reason is too long.</source>
        <translation>Причина слишком длинная.</translation>
    </message>
    <message>
        <source>Rejection &amp;reason:</source>
        <translation>&amp;Причина отказа:</translation>
    </message>
    <message>
        <source>Shown to the user</source>
        <translation>Её увидит пользователь</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Одобрить</translation>
    </message>
    <message>
        <source>Re&amp;ject</source>
        <translation>О&amp;тклонить</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>No upgrade request is waiting.</source>
        <translation>Запросов на смену роли нет.</translation>
    </message>
    <message>
        <source>Choose a request in the list.</source>
        <translation>Выберите запрос в списке.</translation>
    </message>
    <message>
        <source>%1 asks to become: %2
Asked: %3

%4</source>
        <translation>%1 просит роль: %2
Запрошено: %3

%4</translation>
    </message>
    <message>
        <source>(no message)</source>
        <translation>(без сообщения)</translation>
    </message>
    <message>
        <source>Write the reason for the user first.</source>
        <translation>Сначала напишите причину для пользователя.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Отправка…</translation>
    </message>
    <message>
        <source>Approved: %1 is now %2 and verified.</source>
        <translation>Одобрено: у %1 теперь роль «%2», учётная запись подтверждена.</translation>
    </message>
    <message>
        <source>Rejected: %1 is shown your reason.</source>
        <translation>Отклонено: %1 увидит вашу причину.</translation>
    </message>
</context>
<context>
    <name>fd::console::UserEditor</name>
    <message>
        <source>Someone else changed this account meanwhile. Its current state is shown; make your change again.</source>
        <translation>Тем временем эту учётную запись изменил кто-то другой. Показано её текущее состояние; внесите изменение ещё раз.</translation>
    </message>
    <message>
        <source>You cannot deactivate your own account or change its role; ask another administrator.</source>
        <translation>Нельзя отключить свою учётную запись или сменить её роль; попросите другого администратора.</translation>
    </message>
    <message>
        <source>The account no longer exists.</source>
        <translation>Учётной записи больше нет.</translation>
    </message>
    <message>
        <source>Only administrators may change accounts.</source>
        <translation>Изменять учётные записи могут только администраторы.</translation>
    </message>
    <message>
        <source>The server did not accept the change.</source>
        <translation>Сервер не принял изменение.</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Роль:</translation>
    </message>
    <message>
        <source>&amp;Verified</source>
        <translation>&amp;Подтверждён</translation>
    </message>
    <message>
        <source>&amp;Save changes</source>
        <translation>&amp;Сохранить изменения</translation>
    </message>
    <message>
        <source>No account selected</source>
        <translation>Учётная запись не выбрана</translation>
    </message>
    <message>
        <source>Choose an account in the list to see it here.</source>
        <translation>Выберите учётную запись в списке, чтобы увидеть её здесь.</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Да</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Нет</translation>
    </message>
    <message>
        <source>Role: %1
Verified: %2
Active: %3
Created: %4
Last changed: %5</source>
        <translation>Роль: %1
Подтверждена: %2
Активна: %3
Создана: %4
Изменена: %5</translation>
    </message>
    <message>
        <source>&amp;Deactivate…</source>
        <translation>&amp;Отключить…</translation>
    </message>
    <message>
        <source>Re&amp;activate</source>
        <translation>&amp;Включить снова</translation>
    </message>
    <message>
        <source>Nothing has changed.</source>
        <translation>Ничего не изменилось.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Сохранено.</translation>
    </message>
    <message>
        <source>Reactivated.</source>
        <translation>Учётная запись снова включена.</translation>
    </message>
    <message>
        <source>Deactivate account</source>
        <translation>Отключение учётной записи</translation>
    </message>
    <message>
        <source>Deactivate %1? The account&apos;s sessions and API keys are revoked at once: it is signed out everywhere and cannot sign in until reactivated.</source>
        <translation>Отключить %1? Сеансы и API-ключи учётной записи отзываются сразу: она выходит из системы везде и не сможет войти, пока её снова не включат.</translation>
    </message>
    <message>
        <source>Deactivated: its sessions and API keys are revoked.</source>
        <translation>Отключена: её сеансы и API-ключи отозваны.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Сохранение…</translation>
    </message>
</context>
<context>
    <name>fd::console::UserTableModel</name>
    <message>
        <source>Yes</source>
        <translation>Да</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Нет</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Подтверждён</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Активен</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Создан</translation>
    </message>
</context>
<context>
    <name>fd::console::UsersPage</name>
    <message>
        <source>Users</source>
        <translation>Пользователи</translation>
    </message>
    <message>
        <source>Only administrators and moderators may see accounts.</source>
        <translation>Просматривать учётные записи могут только администраторы и модераторы.</translation>
    </message>
    <message>
        <source>The server did not accept the search.</source>
        <translation>Сервер не принял условия поиска.</translation>
    </message>
    <message>
        <source>Search by email (Ctrl+F)</source>
        <translation>Поиск по эл. почте (Ctrl+F)</translation>
    </message>
    <message>
        <source>Any role</source>
        <translation>Любая роль</translation>
    </message>
    <message>
        <source>Active and deactivated</source>
        <translation>Активные и отключённые</translation>
    </message>
    <message>
        <source>Active only</source>
        <translation>Только активные</translation>
    </message>
    <message>
        <source>Deactivated only</source>
        <translation>Только отключённые</translation>
    </message>
    <message>
        <source>Verified or not</source>
        <translation>Подтверждённые и нет</translation>
    </message>
    <message>
        <source>Verified only</source>
        <translation>Только подтверждённые</translation>
    </message>
    <message>
        <source>Not verified only</source>
        <translation>Только неподтверждённые</translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation>Обновить (F5)</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Учётные записи</translation>
    </message>
    <message>
        <source>Upgrade requests</source>
        <translation>Запросы на смену роли</translation>
    </message>
    <message numerus="yes">
        <source>%n user(s) listed; scroll down for more.</source>
        <translation>
            <numerusform>В списке %n пользователь; прокрутите вниз, чтобы загрузить ещё.</numerusform>
            <numerusform>В списке %n пользователя; прокрутите вниз, чтобы загрузить ещё.</numerusform>
            <numerusform>В списке %n пользователей; прокрутите вниз, чтобы загрузить ещё.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n user(s) listed.</source>
        <translation>
            <numerusform>В списке %n пользователь.</numerusform>
            <numerusform>В списке %n пользователя.</numerusform>
            <numerusform>В списке %n пользователей.</numerusform>
        </translation>
    </message>
</context>
</TS>
