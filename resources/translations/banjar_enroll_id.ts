<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>EnrollmentTableModel</name>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Tanggal lahir</translation>
    </message>
    <message>
        <source>Banjar</source>
        <translation>Banjar</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Search by NIK or name</source>
        <translation>Cari NIK atau nama</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Berkas</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Keluar</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Sunting</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Cari</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>B&amp;antuan</translation>
    </message>
    <message>
        <source>&amp;About Banjar Enroll</source>
        <translation>&amp;Tentang Banjar Enroll</translation>
    </message>
    <message numerus="yes">
        <source>%n enrollment(s)</source>
        <translation>
            <numerusform>%n data pendaftaran</numerusform>
        </translation>
    </message>
    <message>
        <source>About Banjar Enroll</source>
        <translation>Tentang Banjar Enroll</translation>
    </message>
    <message>
        <source>Banjar Enroll {version}
Enrollment of informal workers (BPU) into BPJS Ketenagakerjaan.</source>
        <translation>Banjar Enroll {version}
Pendaftaran pekerja bukan penerima upah (BPU) ke BPJS Ketenagakerjaan.</translation>
    </message>
</context>
<context>
    <name>status</name>
    <message>
        <source>Draft</source>
        <translation>Draf</translation>
    </message>
    <message>
        <source>Ready to sync</source>
        <translation>Siap dikirim</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Terkirim</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>Konflik</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Ditolak</translation>
    </message>
</context>
</TS>
