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
</TS>
