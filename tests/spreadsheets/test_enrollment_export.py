"""Exports read back: cell types and formats, the recap, filters, formula-safe text, and a
round trip through import; plus a worker list written by LibreOffice."""

from datetime import date, datetime
from pathlib import Path

from builders import build_nik
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from desktop_app.domain.funding import FundingSource, Program
from desktop_app.domain.nik import Sex
from desktop_app.spreadsheets.laptop_export import export_enrollments
from desktop_app.spreadsheets.worker_import import import_workers
from desktop_app.store.database import open_database
from desktop_app.store.enrollments import EnrollmentStore
from desktop_app.store.officers import sign_in_officer
from desktop_app.store.search import EnrollmentQuery
from desktop_app.store.visits import start_visit

DAY = date(2026, 5, 20)
LIBREOFFICE_LIST = Path(__file__).parent / "data" / "krama-libreoffice.xlsx"


def enroll_three(store, officer, valid_record, visit_id=None):
    people = [
        valid_record.with_changes(notes="=HYPERLINK(\"http://contoh\")"),
        valid_record.with_changes(
            nik=build_nik("517104", date(1970, 3, 12), Sex.MALE, 5), full_name="I Wayan Sudarma",
            birth_date=None, sex=None, occupation="pemangku", monthly_income=1_500_000,
            funding_source=FundingSource.APBD_KOTA, payment_months=12, banjar="Banjar Kelod",
            programs=(Program.JKK, Program.JKM, Program.JHT)),
        valid_record.with_changes(
            nik=build_nik("517101", date(1990, 7, 1), Sex.MALE, 3), full_name="I Made Oka",
            birth_date=None, sex=None, desa_code="5171011003", banjar="Banjar Kaja",
            occupation="sopir", phone="-"),
    ]
    return [store.create(p, officer_id=officer.id, on=DAY, visit_id=visit_id,
                         allow_draft=True) for p in people]


def by_header(path: Path) -> tuple[list[dict], object]:
    book = load_workbook(path)
    sheet = book["Pendaftaran"]
    header = [c.value for c in sheet[1]]
    rows = [{h: c for h, c in zip(header, row, strict=True)}
            for row in sheet.iter_rows(min_row=2)]
    return rows, book


def test_cells_are_typed_and_the_sheet_is_ready_to_filter(engine, officer, store,
                                                          valid_record, tmp_path) -> None:
    enroll_three(store, officer, valid_record)
    path = tmp_path / "daftar.xlsx"
    assert export_enrollments(engine, path, EnrollmentQuery()) == 3
    rows, book = by_header(path)
    sheet = book["Pendaftaran"]
    first = rows[0]
    assert first["NIK"].value == valid_record.nik and first["NIK"].data_type == "s"
    assert first["NIK"].number_format == "@"
    assert first["Tanggal Lahir"].value == datetime(1985, 8, 17)
    assert first["Tanggal Lahir"].number_format == "DD-MM-YYYY"
    assert first["Penghasilan per bulan"].value == 2_500_000
    assert first["Penghasilan per bulan"].number_format == '"Rp"#,##0'
    assert first["Catatan"].value.startswith("=") and first["Catatan"].data_type == "s"
    assert first["Catatan"].quotePrefix  # Excel shows it, never runs it
    assert first["Jenis Kelamin"].value == "Perempuan" and first["Pekerjaan"].value == "Pedagang"
    second = rows[1]
    assert second["Sumber dana iuran"].value == "APBD Kota Denpasar"
    assert second["Dibayar peserta"].value == 0 and second["Total iuran"].value > 0
    assert second["Program"].value == "JKK, JKM, JHT"
    assert rows[2]["Status"].value == "Draf"  # the phone "-" is not a number
    assert rows[0]["Status"].value == "Siap dikirim" and rows[0]["Revisi"].value == 1
    assert sheet.freeze_panes == "C2" and sheet.auto_filter.ref == "A1:AJ4"
    assert sheet["A1"].font.bold and sheet.column_dimensions["B"].width >= 20


def test_the_recap_counts_and_sums_by_place_occupation_and_payer(engine, officer, store,
                                                                  valid_record,
                                                                  tmp_path) -> None:
    enroll_three(store, officer, valid_record)
    path = tmp_path / "rekap.xlsx"
    export_enrollments(engine, path, EnrollmentQuery())
    rows, book = by_header(path)
    recap = list(book["Rekap"].iter_rows(values_only=True))
    tables, current = {}, None
    for row in recap:
        if row[0] and row[1] == "Peserta":
            current = tables.setdefault(row[0], {})
        elif row[0] and current is not None:
            current[row[0]] = row[1:]
    assert tables["Kecamatan"]["Denpasar Utara"][0] == 2
    assert tables["Kecamatan"]["Denpasar Selatan"][0] == 1
    monthly = sum(r["Iuran bulan pertama"].value for r in rows)
    total = sum(r["Total iuran"].value for r in rows)
    for name in ("Kecamatan", "Desa/Kelurahan", "Banjar", "Pekerjaan", "Sumber dana"):
        assert tables[name]["Total"] == (3, monthly, total)
    assert tables["Sumber dana"]["APBD Kota Denpasar"][0] == 1
    assert tables["Pekerjaan"]["Pemangku"][0] == 1


def test_filters_choose_the_rows(engine, officer, store, valid_record, tmp_path) -> None:
    visit = start_visit(engine, desa_code="5171041004", banjar="Banjar Kaja", visit_date=DAY,
                        officer_id=officer.id)
    enroll_three(store, officer, valid_record, visit_id=visit.id)
    store.create(valid_record.with_changes(nik=build_nik("517104", date(1980, 1, 2), "L", 9),
                                           full_name="I Ketut Lain", birth_date=None,
                                           sex=None), officer_id=officer.id, on=DAY)
    path = tmp_path / "f.xlsx"
    assert export_enrollments(engine, path, EnrollmentQuery(visit_id=visit.id)) == 3
    rows, _ = by_header(path)
    assert {r["Tanggal daftar"].value for r in rows} == {datetime(2026, 5, 20)}  # visit day
    from desktop_app.domain.enrollment import EnrollmentStatus

    assert export_enrollments(engine, path, EnrollmentQuery(
        status=EnrollmentStatus.DRAFT)) == 1
    today = date.today()
    assert export_enrollments(engine, path, EnrollmentQuery(enrolled_from=today,
                                                            enrolled_to=today)) == 4
    assert export_enrollments(engine, path, EnrollmentQuery(
        enrolled_to=date(2020, 1, 1))) == 0


def test_each_record_names_its_officer_and_visit_and_the_sheets_print_on_a4(
        engine, officer, store, valid_record, tmp_path) -> None:
    visit = start_visit(engine, desa_code="5171041004", banjar="Banjar Kaja", visit_date=DAY,
                        officer_id=officer.id)
    enroll_three(store, officer, valid_record, visit_id=visit.id)
    other = sign_in_officer(engine, name="I Made Suardana", officer_code="DSN-042")
    store.create(valid_record.with_changes(nik=build_nik("517104", date(1980, 1, 2), "L", 9),
                                           full_name="I Ketut Lain", birth_date=None,
                                           sex=None), officer_id=other.id, on=DAY)
    path = tmp_path / "petugas.xlsx"
    export_enrollments(engine, path, EnrollmentQuery())
    rows, book = by_header(path)
    assert [(r["Petugas"].value, r["ID petugas"].value) for r in rows] == [
        ("Ni Ketut Sari", "DSN-002")] * 3 + [("I Made Suardana", "DSN-042")]
    assert [r["Tempat kunjungan"].value for r in rows] == ["Banjar Kaja, Tonja"] * 3 + [None]
    assert rows[0]["Tanggal kunjungan"].value == datetime(2026, 5, 20)
    assert rows[3]["Tanggal kunjungan"].value is None
    assert book.sheetnames == ["Pendaftaran", "Rekap", "Rekap Petugas"]
    records = book["Pendaftaran"]
    header = [c.value for c in records[1]]
    assert header[:2] == ["NIK", "Nama Lengkap"] and header[-1] == "ID"
    last_printed = header.index("Tempat kunjungan") + 1  # the printed columns come first
    assert records.print_area == f"'Pendaftaran'!$A$1:${get_column_letter(last_printed)}$5"
    assert records["A1"].alignment.wrap_text and records.row_dimensions[1].height == 30
    for sheet in book.worksheets:  # the laptop's workbook prints like the office's
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
        assert sheet.oddFooter.right.text == "Halaman &P dari &N"
    assert records.print_title_rows == "$1:$1"
    recap = {row[0]: row for row in book["Rekap Petugas"].values if row[0]}
    assert recap["Ni Ketut Sari"][3] == 3 and recap["I Made Suardana"][3] == 1
    assert recap["Total"][3] == 4


def test_an_export_imports_again_to_the_same_records(engine, officer, store, valid_record,
                                                     tmp_path) -> None:
    stored = enroll_three(store, officer, valid_record)
    path = tmp_path / "bolak-balik.xlsx"
    export_enrollments(engine, path, EnrollmentQuery())
    other = open_database(tmp_path / "other-laptop")
    try:
        someone = sign_in_officer(other, name="I Made Suardana", officer_code="DSN-042")
        summary = import_workers(other, path, officer_id=someone.id, on=DAY)
        assert (summary.drafts, summary.refused) == (2, 1)
        assert summary.skipped_sheets == ["Rekap", "Rekap Petugas"]
        result = list(load_workbook(summary.result_path)["Pendaftaran"].values)
        assert result[3][-2] == "ditolak" and "[phone]" in result[3][-1]  # the phone "-"
        again = EnrollmentStore(other)
        for original in stored[:2]:
            copy = again.find_by_nik(original.record.nik)
            # consent is recorded at the visit, never read from a list: the rest is the same
            assert copy.record.with_changes(consent=original.record.consent) == \
                original.record
    finally:
        other.dispose()


def test_a_list_written_by_libreoffice_imports(engine, officer, store, tmp_path) -> None:
    path = tmp_path / LIBREOFFICE_LIST.name
    path.write_bytes(LIBREOFFICE_LIST.read_bytes())
    summary = import_workers(engine, path, officer_id=officer.id, on=DAY)
    assert (summary.drafts, summary.refused) == (3, 2)
    ayu = store.find_by_nik("5171045708850023").record
    assert ayu.monthly_income == 2_500_000  # the formula's value as LibreOffice computed it
    sudarma = store.find_by_nik("5171041203700005").record
    assert sudarma.full_name == "I Wayan Sudarma" and sudarma.monthly_income == 1_750_000
    assert sudarma.banjar == "Banjar Kaja"  # merged down from the row above
    assert sudarma.birth_date == date(1970, 3, 12)
    sari = store.find_by_nik("5171044505920002").record
    assert sari.birth_date == date(1992, 5, 14) and sari.phone == "+6281234567892"
    assert store.find_by_nik("5171040107900010") is None  # a NIK held as a number
