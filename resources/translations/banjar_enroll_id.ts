<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>Application</name>
    <message>
        <source>Restore unsaved form?</source>
        <translation>Pulihkan formulir yang belum disimpan?</translation>
    </message>
    <message>
        <source>A form was not saved when the application last stopped ({who}). Restore it?</source>
        <translation>Ada formulir yang belum disimpan saat aplikasi terakhir berhenti ({who}). Pulihkan?</translation>
    </message>
    <message>
        <source>Banjar Enroll cannot open its data.

{reason}</source>
        <translation>Banjar Enroll tidak dapat membuka datanya.

{reason}</translation>
    </message>
    <message>
        <source>Banjar Enroll cannot use its database.

{reason}</source>
        <translation>Banjar Enroll tidak dapat memakai basis datanya.

{reason}</translation>
    </message>
    <message>
        <source>Today&apos;s backup of the database could not be made: {reason}</source>
        <translation>Cadangan basis data hari ini tidak dapat dibuat: {reason}</translation>
    </message>
</context>
<context>
    <name>ContributionDialog</name>
    <message>
        <source>Contribution month by month</source>
        <translation>Iuran per bulan</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Bulan</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Jumlah</translation>
    </message>
    <message>
        <source>Discount {name}</source>
        <translation>Potongan {name}</translation>
    </message>
    <message>
        <source>Discounted amounts show the full amount in brackets.</source>
        <translation>Jumlah yang dipotong menampilkan jumlah penuh dalam kurung.</translation>
    </message>
</context>
<context>
    <name>ContributionSummary</name>
    <message>
        <source>Fill in occupation and income to see the contribution.</source>
        <translation>Isi pekerjaan dan penghasilan untuk melihat iuran.</translation>
    </message>
    <message>
        <source>Paid by the funding source: the participant pays Rp0.</source>
        <translation>Dibayar oleh sumber dana: peserta membayar Rp0.</translation>
    </message>
</context>
<context>
    <name>DateEntry</name>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>dd/mm/yyyy</translation>
    </message>
    <message>
        <source>Type the date as ddmmyyyy or dd/mm/yyyy.</source>
        <translation>Ketik tanggal sebagai ddmmyyyy atau dd/mm/yyyy.</translation>
    </message>
</context>
<context>
    <name>Editor</name>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>dd/mm/yyyy</translation>
    </message>
    <message>
        <source>mm/yyyy</source>
        <translation>mm/yyyy</translation>
    </message>
</context>
<context>
    <name>EnrollmentForm</name>
    <message>
        <source>Month by month… (Ctrl+M)</source>
        <translation>Rincian per bulan… (Ctrl+M)</translation>
    </message>
    <message>
        <source>Contribution</source>
        <translation>Iuran</translation>
    </message>
    <message>
        <source>&amp;Save (Ctrl+S)</source>
        <translation>&amp;Simpan (Ctrl+S)</translation>
    </message>
    <message>
        <source>&amp;Next person (Ctrl+N)</source>
        <translation>&amp;Orang berikutnya (Ctrl+N)</translation>
    </message>
    <message>
        <source>Discard (Esc)</source>
        <translation>Buang (Esc)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Simpan</translation>
    </message>
    <message>
        <source>&amp;Next person</source>
        <translation>&amp;Orang berikutnya</translation>
    </message>
    <message>
        <source>&amp;Discard changes</source>
        <translation>&amp;Buang perubahan</translation>
    </message>
    <message>
        <source>Contribution &amp;month by month</source>
        <translation>Rincian iuran per &amp;bulan</translation>
    </message>
    <message>
        <source>Issued in {place}</source>
        <translation>Terbit di {place}</translation>
    </message>
    <message>
        <source>Already enrolled on this laptop: {name}. &lt;a href=&apos;{id}&apos;&gt;Open existing record&lt;/a&gt;</source>
        <translation>Sudah terdaftar di laptop ini: {name}. &lt;a href=&apos;{id}&apos;&gt;Buka data yang ada&lt;/a&gt;</translation>
    </message>
    <message>
        <source>ready to save</source>
        <translation>siap disimpan</translation>
    </message>
    <message>
        <source>{count} field(s) to fix</source>
        <translation>{count} kolom perlu diperbaiki</translation>
    </message>
    <message>
        <source>saved</source>
        <translation>tersimpan</translation>
    </message>
    <message>
        <source>saved as a draft, {count} field(s) to fix</source>
        <translation>tersimpan sebagai draf, {count} kolom perlu diperbaiki</translation>
    </message>
    <message>
        <source>New enrollment — {state}</source>
        <translation>Pendaftaran baru — {state}</translation>
    </message>
    <message>
        <source>Editing {name} (revision {revision}) — {state}</source>
        <translation>Mengubah {name} (revisi {revision}) — {state}</translation>
    </message>
    <message>
        <source>the office holds this NIK with another name or birth data; a supervisor will decide</source>
        <translation>kantor menyimpan NIK ini dengan nama atau data lahir lain; supervisor akan memutuskan</translation>
    </message>
    <message>
        <source>refused by the office: {reasons}</source>
        <translation>ditolak kantor: {reasons}</translation>
    </message>
    <message>
        <source>Not saved: fix the fields marked in red.</source>
        <translation>Belum tersimpan: perbaiki kolom yang bertanda merah.</translation>
    </message>
    <message>
        <source>This record was changed since you opened it. Open it again from the list to see the change.</source>
        <translation>Data ini diubah setelah Anda membukanya. Buka lagi dari daftar untuk melihat perubahannya.</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>draf</translation>
    </message>
    <message>
        <source>ready to sync</source>
        <translation>siap dikirim</translation>
    </message>
    <message>
        <source>Saved: {name} ({status}).</source>
        <translation>Tersimpan: {name} ({status}).</translation>
    </message>
    <message>
        <source>Incomplete form</source>
        <translation>Formulir belum lengkap</translation>
    </message>
    <message>
        <source>{count} field(s) still need fixing. Keep this person as a draft to finish later?</source>
        <translation>Masih ada {count} kolom yang perlu diperbaiki. Simpan orang ini sebagai draf untuk dilengkapi nanti?</translation>
    </message>
    <message>
        <source>NIK changed</source>
        <translation>NIK diubah</translation>
    </message>
    <message>
        <source>Correct the NIK of {name}</source>
        <translation>Perbaiki NIK {name}</translation>
    </message>
    <message>
        <source>Unsaved form</source>
        <translation>Formulir belum disimpan</translation>
    </message>
    <message>
        <source>This form has changes that are not saved.</source>
        <translation>Formulir ini berisi perubahan yang belum disimpan.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Simpan</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Buang</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>The NIK {nik} was typed over {name}, who is already saved. Is this the next person, or a correction of {name}&apos;s NIK?</source>
        <translation>NIK {nik} diketik di atas data {name}, yang sudah tersimpan. Apakah ini peserta berikutnya, atau pembetulan NIK {name}?</translation>
    </message>
    <message>
        <source>New person: the form is cleared and nothing is saved yet. Only this NIK, the birth date and sex it holds and the visit&apos;s place stay; consent is asked again.
Correction: {name} keeps everything else and gets this NIK when you save; the old NIK stays in the history.</source>
        <translation>Peserta baru: formulir dikosongkan dan belum ada yang disimpan. Hanya NIK ini, tanggal lahir dan jenis kelamin dari NIK, dan tempat kunjungan yang tetap; persetujuan ditanyakan lagi.
Pembetulan: data lain {name} tetap dan mendapat NIK ini saat disimpan; NIK lama tetap tercatat di riwayat.</translation>
    </message>
    <message>
        <source>New person with this NIK</source>
        <translation>Peserta baru dengan NIK ini</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>Buang perubahan</translation>
    </message>
    <message>
        <source>Discard what was typed in this form?</source>
        <translation>Buang isian formulir ini?</translation>
    </message>
    <message>
        <source>Banjar Enroll</source>
        <translation>Banjar Enroll</translation>
    </message>
    <message>
        <source>A new person with NIK {nik}: fill in their details, then save. {name} stays saved as before.</source>
        <translation>Peserta baru dengan NIK {nik}: isi datanya, lalu simpan. {name} tetap tersimpan seperti semula.</translation>
    </message>
    <message>
        <source>{field}: on this laptop “{laptop}”, at the office “{office}”</source>
        <translation>{field}: di laptop ini “{laptop}”, di kantor “{office}”</translation>
    </message>
    <message>
        <source>The office changed these too. The value on this laptop is kept but not sent until you choose: correct the field if the office is right, then save.</source>
        <translation>Kantor juga mengubah data ini. Nilai di laptop ini disimpan tetapi belum dikirim sampai Anda memilih: perbaiki kolomnya bila data kantor yang benar, lalu simpan.</translation>
    </message>
    <message>
        <source>The office changed these too. The value on this laptop is kept and goes at the next sync; the office keeps its value in the history.</source>
        <translation>Kantor juga mengubah data ini. Nilai di laptop ini disimpan dan dikirim pada sinkronisasi berikutnya; kantor menyimpan nilainya di riwayat.</translation>
    </message>
    <message>
        <source>Changed at the office as well</source>
        <translation>Juga diubah di kantor</translation>
    </message>
</context>
<context>
    <name>EnrollmentList</name>
    <message>
        <source>Search by NIK or name (Ctrl+F)</source>
        <translation>Cari NIK atau nama (Ctrl+F)</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Semua status</translation>
    </message>
    <message>
        <source>Banjar</source>
        <translation>Banjar</translation>
    </message>
    <message>
        <source>from dd/mm/yyyy</source>
        <translation>dari dd/mm/yyyy</translation>
    </message>
    <message>
        <source>to dd/mm/yyyy</source>
        <translation>sampai dd/mm/yyyy</translation>
    </message>
    <message>
        <source>All visits</source>
        <translation>Semua kunjungan</translation>
    </message>
    <message>
        <source>The date filter is not a date yet: type ddmmyyyy or dd/mm/yyyy.</source>
        <translation>Tanggal pada saringan belum sah: ketik ddmmyyyy atau dd/mm/yyyy.</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Menghitung…</translation>
    </message>
    <message>
        <source>The number of matches could not be counted.</source>
        <translation>Jumlah hasil tidak dapat dihitung.</translation>
    </message>
    <message numerus="yes">
        <source>%n enrollment(s)</source>
        <translation>
            <numerusform>%n data pendaftaran</numerusform>
        </translation>
    </message>
</context>
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
    <message>
        <source>Last change</source>
        <translation>Terakhir diubah</translation>
    </message>
    <message>
        <source>{status} ⚠ check</source>
        <translation>{status} ⚠ periksa</translation>
    </message>
    <message>
        <source>A near spelling of the name searched for</source>
        <translation>Ejaan nama yang mirip dengan yang dicari</translation>
    </message>
    <message>
        <source>The office changed a field you also changed and have not sent yet. Open the record to see both values.</source>
        <translation>Kantor mengubah kolom yang juga Anda ubah dan belum terkirim. Buka datanya untuk melihat kedua nilai.</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>Help</source>
        <translation>Bantuan</translation>
    </message>
    <message>
        <source>Next field</source>
        <translation>Kolom berikutnya</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Enrolling at a banjar visit&lt;/h3&gt;&lt;ol&gt;&lt;li&gt;Start the visit (File &amp;gt; Start visit): kecamatan, desa/kelurahan, banjar and date. New forms take the visit&apos;s place.&lt;/li&gt;&lt;li&gt;Type the NIK from the ID card: birth date and sex fill in, and the place of issue is shown. A NIK already on this laptop is flagged with a link to its record.&lt;/li&gt;&lt;li&gt;Fill in the rest. Red marks must be fixed before the form is ready; amber warnings are kept with the record and do not block it.&lt;/li&gt;&lt;li&gt;Read out the consent text and tick it when the person agrees.&lt;/li&gt;&lt;li&gt;Save with Ctrl+S, then Ctrl+N for the next person.&lt;/li&gt;&lt;/ol&gt;</source>
        <translation>&lt;h3&gt;Mendaftar di kunjungan banjar&lt;/h3&gt;&lt;ol&gt;&lt;li&gt;Mulai kunjungan (Berkas &amp;gt; Mulai kunjungan): kecamatan, desa/kelurahan, banjar dan tanggal. Formulir baru memakai tempat kunjungan.&lt;/li&gt;&lt;li&gt;Ketik NIK dari KTP: tanggal lahir dan jenis kelamin terisi, dan tempat terbit NIK ditampilkan. NIK yang sudah ada di laptop ini ditandai dengan tautan ke datanya.&lt;/li&gt;&lt;li&gt;Isi kolom lainnya. Tanda merah harus diperbaiki sebelum formulir siap; peringatan jingga disimpan bersama data dan tidak menghalangi.&lt;/li&gt;&lt;li&gt;Bacakan teks persetujuan dan centang bila peserta setuju.&lt;/li&gt;&lt;li&gt;Simpan dengan Ctrl+S, lalu Ctrl+N untuk orang berikutnya.&lt;/li&gt;&lt;/ol&gt;</translation>
    </message>
    <message>
        <source>Keyboard</source>
        <translation>Papan ketik</translation>
    </message>
    <message>
        <source>&lt;p&gt;Dates can be typed as ddmmyyyy or dd/mm/yyyy. What is typed is kept every few seconds: after a power cut the next start offers to restore it.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Tanggal boleh diketik ddmmyyyy atau dd/mm/yyyy. Isian disimpan otomatis setiap beberapa detik: setelah listrik padam, aplikasi menawarkan untuk memulihkannya saat dibuka lagi.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import from Excel: {name}</source>
        <translation>Impor dari Excel: {name}</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>Kolom di berkas</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Isian</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>Lembar</translation>
    </message>
    <message>
        <source>Each row is checked like the form. Complete rows become drafts (consent is recorded at the visit); rows with mistakes are not stored. Every row is listed, with what to fix, in a result workbook next to the file.</source>
        <translation>Setiap baris diperiksa seperti formulir. Baris yang lengkap menjadi draf (persetujuan dicatat saat kunjungan); baris yang salah tidak disimpan. Semua baris, dengan apa yang harus diperbaiki, dicatat di berkas hasil di samping berkas ini.</translation>
    </message>
    <message>
        <source>First rows</source>
        <translation>Baris pertama</translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation>(tidak diimpor)</translation>
    </message>
    <message>
        <source>This sheet has no rows to import.</source>
        <translation>Lembar ini tidak berisi baris untuk diimpor.</translation>
    </message>
    <message>
        <source>The headers were not recognised: choose what each column holds (NIK and full name at least).</source>
        <translation>Judul kolom tidak dikenali: pilih isi setiap kolom (paling sedikit NIK dan nama lengkap).</translation>
    </message>
    <message>
        <source>Choose the NIK column and the full-name column.</source>
        <translation>Pilih kolom NIK dan kolom nama lengkap.</translation>
    </message>
    <message>
        <source>Each field can come from one column only: {fields}.</source>
        <translation>Setiap isian hanya boleh dari satu kolom: {fields}.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Banjar Enroll — {officer}</source>
        <translation>Banjar Enroll — {officer}</translation>
    </message>
    <message>
        <source>&amp;List</source>
        <translation>&amp;Daftar</translation>
    </message>
    <message>
        <source>Start &amp;visit…</source>
        <translation>Mulai &amp;kunjungan…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Berkas</translation>
    </message>
    <message>
        <source>Sync (F9)</source>
        <translation>Sinkronkan (F9)</translation>
    </message>
    <message>
        <source>Print receipt (Ctrl+P)</source>
        <translation>Cetak tanda terima (Ctrl+P)</translation>
    </message>
    <message>
        <source>&amp;Resume visit…</source>
        <translation>&amp;Lanjutkan kunjungan…</translation>
    </message>
    <message>
        <source>End &amp;current visit…</source>
        <translation>&amp;Akhiri kunjungan ini…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>Kelua&amp;r</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>S&amp;unting</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Cari</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Tampilan</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>B&amp;antuan</translation>
    </message>
    <message>
        <source>&amp;About Banjar Enroll</source>
        <translation>&amp;Tentang Banjar Enroll</translation>
    </message>
    <message>
        <source>Visit not started</source>
        <translation>Kunjungan tidak dimulai</translation>
    </message>
    <message>
        <source>The open visit at {place} on {day} goes on: {count} enrolled so far.</source>
        <translation>Kunjungan yang masih terbuka di {place} pada {day} dilanjutkan: {count} orang terdaftar sejauh ini.</translation>
    </message>
    <message>
        <source>Visit resumed: {place} on {day}.</source>
        <translation>Kunjungan dilanjutkan: {place}, {day}.</translation>
    </message>
    <message>
        <source>End visit</source>
        <translation>Akhiri kunjungan</translation>
    </message>
    <message>
        <source>End the visit at {place} on {day}?</source>
        <translation>Akhiri kunjungan di {place} pada {day}?</translation>
    </message>
    <message>
        <source>An ended visit can be resumed from File &gt; Resume visit.</source>
        <translation>Kunjungan yang sudah diakhiri dapat dilanjutkan lagi dari Berkas &gt; Lanjutkan kunjungan.</translation>
    </message>
    <message>
        <source>&amp;End visit</source>
        <translation>&amp;Akhiri kunjungan</translation>
    </message>
    <message>
        <source>Visit ended: {place}, {day} · {people} people · cash {collected} · sponsored {sponsored}</source>
        <translation>Kunjungan diakhiri: {place}, {day} · {people} orang · tunai {collected} · ditanggung {sponsored}</translation>
    </message>
    <message>
        <source>No visit started: File &gt; Start visit to enroll at a banjar.</source>
        <translation>Belum ada kunjungan: Berkas &gt; Mulai kunjungan untuk mendaftar di banjar.</translation>
    </message>
    <message>
        <source>{day} (not today: start a visit for today&apos;s meeting)</source>
        <translation>{day} (bukan hari ini: mulai kunjungan untuk pertemuan hari ini)</translation>
    </message>
    <message>
        <source>Visit: {place} · {day}</source>
        <translation>Kunjungan: {place} · {day}</translation>
    </message>
    <message>
        <source>Visit: {place} · {day} · {count} enrolled · {collected} collected</source>
        <translation>Kunjungan: {place} · {day} · {count} terdaftar · {collected} terkumpul</translation>
    </message>
    <message>
        <source>Paid by the city, province, state, desa adat or sponsors: {amount}</source>
        <translation>Dibayar pemerintah kota, provinsi, pusat, desa adat atau sponsor: {amount}</translation>
    </message>
    <message>
        <source>Waiting to sync: {count}</source>
        <translation>Menunggu dikirim: {count}</translation>
    </message>
    <message>
        <source>never</source>
        <translation>belum pernah</translation>
    </message>
    <message>
        <source>Last sync: {when}</source>
        <translation>Terakhir dikirim: {when}</translation>
    </message>
    <message>
        <source>Office server: not set (offline)</source>
        <translation>Server kantor: belum diatur (luring)</translation>
    </message>
    <message>
        <source>Office server: reachable</source>
        <translation>Server kantor: terhubung</translation>
    </message>
    <message>
        <source>Office server: not reachable</source>
        <translation>Server kantor: tidak terhubung</translation>
    </message>
    <message>
        <source>About Banjar Enroll</source>
        <translation>Tentang Banjar Enroll</translation>
    </message>
    <message>
        <source>Fo&amp;rm</source>
        <translation>&amp;Formulir</translation>
    </message>
    <message>
        <source>Start visi&amp;t…</source>
        <translation>Mulai kun&amp;jungan…</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>&amp;Pengaturan…</translation>
    </message>
    <message>
        <source>Banjar Enroll {version}
Enrollment of informal workers (BPU) into BPJS Ketenagakerjaan.</source>
        <translation>Banjar Enroll {version}
Pendaftaran pekerja bukan penerima upah (BPU) ke BPJS Ketenagakerjaan.</translation>
    </message>
</context>
<context>
    <name>ReceiptPrinting</name>
    <message>
        <source>&amp;Print receipt…</source>
        <translation>&amp;Cetak tanda terima…</translation>
    </message>
    <message>
        <source>Save receipt as P&amp;DF…</source>
        <translation>Simpan tanda terima sebagai P&amp;DF…</translation>
    </message>
    <message>
        <source>Print receipts of t&amp;his visit…</source>
        <translation>Cetak tanda terima kunj&amp;ungan ini…</translation>
    </message>
    <message>
        <source>Receipts of this visit to PD&amp;F…</source>
        <translation>Tanda terima kunjungan ini ke PD&amp;F…</translation>
    </message>
    <message>
        <source>Choose a saved person first: save the form, or pick rows in the list.</source>
        <translation>Pilih orang yang sudah disimpan dulu: simpan formulir, atau pilih baris di daftar.</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Tanda terima</translation>
    </message>
    <message>
        <source>Another print took these receipt numbers. Print again.</source>
        <translation>Nomor tanda terima ini sudah dipakai cetakan lain. Cetak lagi.</translation>
    </message>
    <message>
        <source>Print receipt</source>
        <translation>Cetak tanda terima</translation>
    </message>
    <message>
        <source>Printed {count} receipt(s): {number}</source>
        <translation>{count} tanda terima dicetak: {number}</translation>
    </message>
    <message>
        <source>Save receipts as PDF</source>
        <translation>Simpan tanda terima sebagai PDF</translation>
    </message>
    <message>
        <source>Writing {count} receipt(s)…</source>
        <translation>Menulis {count} tanda terima…</translation>
    </message>
    <message>
        <source>The PDF could not be written: {problem}</source>
        <translation>PDF tidak dapat ditulis: {problem}</translation>
    </message>
    <message>
        <source>Saved {count} receipt(s): {path}</source>
        <translation>{count} tanda terima disimpan: {path}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Pengaturan</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Bahasa</translation>
    </message>
    <message>
        <source>Office server (empty: offline only)</source>
        <translation>Server kantor (kosong: luring saja)</translation>
    </message>
    <message>
        <source>The one-time code the office gives to register this laptop (banjar-enroll office add-device).</source>
        <translation>Kode sekali pakai dari kantor untuk mendaftarkan laptop ini (banjar-enroll office add-device).</translation>
    </message>
    <message>
        <source>Registration code (once)</source>
        <translation>Kode pendaftaran (sekali)</translation>
    </message>
    <message>
        <source>A4 sheet</source>
        <translation>Kertas A4</translation>
    </message>
    <message>
        <source>A5 sheet</source>
        <translation>Kertas A5</translation>
    </message>
    <message>
        <source>80 mm thermal roll</source>
        <translation>Gulungan termal 80 mm</translation>
    </message>
    <message>
        <source>58 mm thermal roll</source>
        <translation>Gulungan termal 58 mm</translation>
    </message>
    <message>
        <source>Receipt paper</source>
        <translation>Kertas tanda terima</translation>
    </message>
    <message>
        <source>A new language applies the next time the application starts.</source>
        <translation>Bahasa baru berlaku saat aplikasi dibuka lagi.</translation>
    </message>
    <message>
        <source>The office server address starts with http:// or https://.</source>
        <translation>Alamat server kantor diawali http:// atau https://.</translation>
    </message>
    <message>
        <source>Enter the office server to register with it.</source>
        <translation>Isi alamat server kantor untuk mendaftar.</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <source>Welcome to Banjar Enroll</source>
        <translation>Selamat datang di Banjar Enroll</translation>
    </message>
    <message>
        <source>Before the first enrollment: who is using this laptop? The PIN will lock the application when you step away. The office server can be left empty: the application works fully offline.</source>
        <translation>Sebelum pendaftaran pertama: siapa yang memakai laptop ini? PIN akan mengunci aplikasi saat Anda meninggalkannya. Server kantor boleh dikosongkan: aplikasi bekerja penuh tanpa internet.</translation>
    </message>
    <message>
        <source>Officer&apos;s full name</source>
        <translation>Nama lengkap petugas</translation>
    </message>
    <message>
        <source>Officer ID (NIP or agent number)</source>
        <translation>Nomor petugas (NIP atau nomor agen)</translation>
    </message>
    <message>
        <source>PIN (4-8 digits)</source>
        <translation>PIN (4-8 angka)</translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation>Ulangi PIN</translation>
    </message>
    <message>
        <source>Office server (optional)</source>
        <translation>Server kantor (boleh kosong)</translation>
    </message>
    <message>
        <source>Fill in the officer&apos;s name.</source>
        <translation>Isi nama petugas.</translation>
    </message>
    <message>
        <source>Fill in the officer ID.</source>
        <translation>Isi nomor petugas.</translation>
    </message>
    <message>
        <source>The PIN must be 4 to 8 digits.</source>
        <translation>PIN harus 4 sampai 8 angka.</translation>
    </message>
    <message>
        <source>The two PINs differ: type the same PIN twice.</source>
        <translation>Kedua PIN berbeda: ketik PIN yang sama dua kali.</translation>
    </message>
    <message>
        <source>The office server address starts with http:// or https://.</source>
        <translation>Alamat server kantor diawali http:// atau https://.</translation>
    </message>
</context>
<context>
    <name>SpreadsheetActions</name>
    <message>
        <source>&amp;Import from Excel…</source>
        <translation>&amp;Impor dari Excel…</translation>
    </message>
    <message>
        <source>&amp;Export to Excel…</source>
        <translation>&amp;Ekspor ke Excel…</translation>
    </message>
    <message>
        <source>Excel</source>
        <translation>Excel</translation>
    </message>
    <message>
        <source>Import from Excel</source>
        <translation>Impor dari Excel</translation>
    </message>
    <message>
        <source>Importing {name}…</source>
        <translation>Mengimpor {name}…</translation>
    </message>
    <message>
        <source>Importing: {rows} rows read…</source>
        <translation>Mengimpor: {rows} baris terbaca…</translation>
    </message>
    <message>
        <source>Imported {rows} rows.</source>
        <translation>{rows} baris diimpor.</translation>
    </message>
    <message>
        <source>{rows} rows: {drafts} drafts to finish at the visit (consent), {ready} ready, {exists} already on this laptop, {refused} refused.

Every row, with what to fix, is in:
{path}</source>
        <translation>{rows} baris: {drafts} draf untuk dilengkapi saat kunjungan (persetujuan), {ready} siap, {exists} sudah ada di laptop ini, {refused} ditolak.

Semua baris, dengan apa yang harus diperbaiki, ada di:
{path}</translation>
    </message>
    <message>
        <source>Nothing was changed: {problem}</source>
        <translation>Tidak ada yang diubah: {problem}</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>Ekspor ke Excel</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Mengekspor…</translation>
    </message>
    <message>
        <source>Exported {rows} records: {path}</source>
        <translation>{rows} data diekspor: {path}</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source>S&amp;ync with the office</source>
        <translation>Si&amp;nkronkan dengan kantor</translation>
    </message>
    <message>
        <source>Cancel sync</source>
        <translation>Batalkan sinkronisasi</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Membatalkan…</translation>
    </message>
    <message>
        <source>Connecting to the office…</source>
        <translation>Menghubungi kantor…</translation>
    </message>
    <message>
        <source>Sending %v of %m</source>
        <translation>Mengirim %v dari %m</translation>
    </message>
    <message>
        <source>The sync is tried again in {minutes} minute(s).</source>
        <translation>Sinkronisasi dicoba lagi dalam {minutes} menit.</translation>
    </message>
    <message>
        <source>Technical detail: {detail}</source>
        <translation>Rincian teknis: {detail}</translation>
    </message>
    <message>
        <source>This laptop is registered with the office for {officer}.</source>
        <translation>Laptop ini terdaftar di kantor untuk {officer}.</translation>
    </message>
    <message>
        <source>From the office: {count} new or changed</source>
        <translation>Dari kantor: {count} baru atau berubah</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sinkronisasi</translation>
    </message>
</context>
<context>
    <name>SyncResultDialog</name>
    <message>
        <source>Sync finished</source>
        <translation>Sinkronisasi selesai</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>On this laptop</source>
        <translation>Di laptop ini</translation>
    </message>
    <message>
        <source>At the office</source>
        <translation>Di kantor</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>What the office did</source>
        <translation>Tindakan kantor</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>Yang berubah</translation>
    </message>
    <message>
        <source>Records to look at</source>
        <translation>Data yang perlu diperiksa</translation>
    </message>
    <message>
        <source>Your records changed or decided by the office</source>
        <translation>Data Anda yang diubah atau diputuskan kantor</translation>
    </message>
    <message>
        <source>The office holds this NIK with another {fields}. Ask the person which is right while they are here and note it; a supervisor will decide.</source>
        <translation>Kantor mencatat NIK ini dengan {fields} yang lain. Tanyakan kepada orangnya mana yang benar selagi masih di sini, lalu catat; pengawas yang akan memutuskan.</translation>
    </message>
    <message>
        <source>merged with the office&apos;s record</source>
        <translation>digabung dengan data kantor</translation>
    </message>
    <message>
        <source>review decided by {who}</source>
        <translation>pemeriksaan diputuskan oleh {who}</translation>
    </message>
    <message>
        <source>a supervisor</source>
        <translation>pengawas</translation>
    </message>
    <message>
        <source>changed at the office</source>
        <translation>diubah di kantor</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(kosong)</translation>
    </message>
    <message>
        <source>nothing changed on this laptop: its values were kept</source>
        <translation>tidak ada yang berubah di laptop ini: isinya dipertahankan</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Hasil</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Yang perlu dilakukan</translation>
    </message>
    <message>
        <source>The office holds this NIK with another {fields}; a supervisor will decide.</source>
        <translation>Kantor menyimpan NIK ini dengan {fields} yang berbeda; supervisor akan memutuskan.</translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <source>Start a visit</source>
        <translation>Mulai kunjungan</translation>
    </message>
    <message>
        <source>Kecamatan</source>
        <translation>Kecamatan</translation>
    </message>
    <message>
        <source>Desa/kelurahan</source>
        <translation>Desa/kelurahan</translation>
    </message>
    <message>
        <source>Banjar (choose or type a new one)</source>
        <translation>Banjar (pilih atau ketik yang baru)</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Tanggal</translation>
    </message>
    <message>
        <source>Choose the kecamatan and the desa/kelurahan from the list (type part of the name, then pick it).</source>
        <translation>Pilih kecamatan dan desa/kelurahan dari daftar (ketik sebagian nama, lalu pilih).</translation>
    </message>
    <message>
        <source>Choose or type the banjar.</source>
        <translation>Pilih atau ketik banjar.</translation>
    </message>
</context>
<context>
    <name>VisitListDialog</name>
    <message>
        <source>Resume a visit</source>
        <translation>Lanjutkan kunjungan</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Tanggal</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Tempat</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Orang</translation>
    </message>
    <message>
        <source>Cash collected</source>
        <translation>Tunai terkumpul</translation>
    </message>
    <message>
        <source>Sponsored</source>
        <translation>Ditanggung pihak lain</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>open</source>
        <translation>terbuka</translation>
    </message>
    <message>
        <source>ended</source>
        <translation>selesai</translation>
    </message>
    <message>
        <source>Cash collected counts the ready and synced records the participants pay themselves (mandiri). An ended visit opens again when resumed.</source>
        <translation>Tunai terkumpul menghitung data siap dan terkirim yang dibayar peserta sendiri (mandiri). Kunjungan yang sudah selesai dibuka lagi bila dilanjutkan.</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Lanjutkan</translation>
    </message>
    <message>
        <source>No visit on this laptop yet: File &gt; Start visit.</source>
        <translation>Belum ada kunjungan di laptop ini: Berkas &gt; Mulai kunjungan.</translation>
    </message>
</context>
<context>
    <name>VisitTotals</name>
    <message>
        <source>People enrolled: {people} ({counted} ready or synced)</source>
        <translation>Orang terdaftar: {people} ({counted} siap atau terkirim)</translation>
    </message>
    <message>
        <source>Cash collected from participants: {amount}</source>
        <translation>Tunai terkumpul dari peserta: {amount}</translation>
    </message>
    <message>
        <source>Sponsored: {amount}</source>
        <translation>Ditanggung pihak lain: {amount}</translation>
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
    <message>
        <source>Merged into another</source>
        <translation>Digabung ke data lain</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Ditarik kantor</translation>
    </message>
</context>
</TS>
