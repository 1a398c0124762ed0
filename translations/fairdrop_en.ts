<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en">
<context>
    <name>fd::console::ApiClient</name>
    <message numerus="yes">
        <source>The server did not answer within %n second(s).</source>
        <translation>
            <numerusform>The server did not answer within %n second.</numerusform>
            <numerusform>The server did not answer within %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fd::console::AuditDiffView</name>
    <message numerus="yes">
        <source>%n unchanged field(s) hidden.</source>
        <translation>
            <numerusform>%n unchanged field hidden.</numerusform>
            <numerusform>%n unchanged fields hidden.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fd::console::AuditPage</name>
    <message numerus="yes">
        <source>%n entry(ies) loaded.</source>
        <translation>
            <numerusform>%n entry loaded.</numerusform>
            <numerusform>%n entries loaded.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fd::console::ModerationPage</name>
    <message numerus="yes">
        <source>%n product(s) waiting for review.</source>
        <translation>
            <numerusform>%n product waiting for review.</numerusform>
            <numerusform>%n products waiting for review.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fd::console::OrdersPage</name>
    <message numerus="yes">
        <source>%n order(s) listed; scroll down for more.</source>
        <translation>
            <numerusform>%n order listed; scroll down for more.</numerusform>
            <numerusform>%n orders listed; scroll down for more.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) listed.</source>
        <translation>
            <numerusform>%n order listed.</numerusform>
            <numerusform>%n orders listed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fd::console::ProductForm</name>
    <message numerus="yes">
        <source>At most %n character(s).</source>
        <translation>
            <numerusform>At most %n character.</numerusform>
            <numerusform>At most %n characters.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fd::console::SellerCatalogPage</name>
    <message numerus="yes">
        <source>%n product(s).</source>
        <translation>
            <numerusform>%n product.</numerusform>
            <numerusform>%n products.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fd::console::UpgradeRequestsPanel</name>
    <message numerus="yes">
        <source>%n upgrade request(s) waiting.</source>
        <translation>
            <numerusform>%n upgrade request waiting.</numerusform>
            <numerusform>%n upgrade requests waiting.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fd::console::UsersPage</name>
    <message numerus="yes">
        <source>%n user(s) listed; scroll down for more.</source>
        <translation>
            <numerusform>%n user listed; scroll down for more.</numerusform>
            <numerusform>%n users listed; scroll down for more.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n user(s) listed.</source>
        <translation>
            <numerusform>%n user listed.</numerusform>
            <numerusform>%n users listed.</numerusform>
        </translation>
    </message>
</context>
</TS>
