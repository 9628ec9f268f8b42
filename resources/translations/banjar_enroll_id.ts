<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>EnrollmentTableModel</name>
    <message>
        <location filename="../../desktop_app/ui/enrollment_table.py" line="42"/>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/enrollment_table.py" line="42"/>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/enrollment_table.py" line="42"/>
        <source>Date of birth</source>
        <translation>Tanggal lahir</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/enrollment_table.py" line="43"/>
        <source>Banjar</source>
        <translation>Banjar</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/enrollment_table.py" line="43"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="28"/>
        <source>Search by NIK or name</source>
        <translation>Cari NIK atau nama</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="46"/>
        <source>&amp;File</source>
        <translation>&amp;Berkas</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="47"/>
        <source>&amp;Quit</source>
        <translation>&amp;Keluar</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="50"/>
        <source>&amp;Edit</source>
        <translation>&amp;Sunting</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="51"/>
        <source>&amp;Find</source>
        <translation>&amp;Cari</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="54"/>
        <source>&amp;Help</source>
        <translation>B&amp;antuan</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="55"/>
        <source>&amp;About Banjar Enroll</source>
        <translation>&amp;Tentang Banjar Enroll</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/ui/main_window.py" line="64"/>
        <source>%n enrollment(s)</source>
        <translation>
            <numerusform>%n data pendaftaran</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="67"/>
        <source>About Banjar Enroll</source>
        <translation>Tentang Banjar Enroll</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="68"/>
        <source>Banjar Enroll {version}
Enrollment of informal workers (BPU) into BPJS Ketenagakerjaan.</source>
        <translation>Banjar Enroll {version}
Pendaftaran pekerja bukan penerima upah (BPU) ke BPJS Ketenagakerjaan.</translation>
    </message>
</context>
<context>
    <name>status</name>
    <message>
        <location filename="../../desktop_app/ui/enrollment_table.py" line="26"/>
        <source>Draft</source>
        <translation>Draf</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/enrollment_table.py" line="27"/>
        <source>Ready to sync</source>
        <translation>Siap dikirim</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/enrollment_table.py" line="28"/>
        <source>Synced</source>
        <translation>Terkirim</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/enrollment_table.py" line="29"/>
        <source>Conflict</source>
        <translation>Konflik</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/enrollment_table.py" line="30"/>
        <source>Rejected</source>
        <translation>Ditolak</translation>
    </message>
</context>
</TS>
