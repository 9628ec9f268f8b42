"""``office export``: the office's records, recaps, open conflicts and coverage over time, read
back with openpyxl: the print layout, the officer and visit of each record, the recap per
officer and per visit."""

from datetime import date, datetime

from builders import build_nik
from openpyxl import load_workbook

from desktop_app.domain.funding import FundingSource
from desktop_app.domain.months import YearMonth
from desktop_app.domain.receipt_number import device_code
from desktop_app.office.conflicts import list_conflicts
from desktop_app.office.devices import list_devices
from desktop_app.office.spreadsheet_export import export_office
from desktop_app.spreadsheets.cells import RUPIAH_FORMAT
from desktop_app.store.enrollments import EnrollmentStore
from desktop_app.store.officers import current_officer, sign_in_officer
from desktop_app.sync.run import sync_now

DAY = date(2026, 5, 20)


def enroll(engine, record) -> None:
    EnrollmentStore(engine).create(record, officer_id=current_officer(engine).id, on=DAY)


def _visit(engine, banjar: str, desa: str):
    from desktop_app.store.visits import start_visit

    return start_visit(engine, desa_code=desa, banjar=banjar, visit_date=DAY,
                       officer_id=current_officer(engine).id).id


def _the_office_of_four(make_laptop, valid_record):
    """Two laptops, four people (one of them disputed): what the office workbook shows."""
    sari, wayan = make_laptop("sari"), make_laptop("wayan")
    # the officer signed in on the laptop, not the name the laptop was registered under
    sign_in_officer(sari, name="Ni Ketut Sari", officer_code="DSN-002")
    at_tonja = _visit(sari, "Banjar Kaja", "5171041004")
    EnrollmentStore(sari).create(valid_record, officer_id=current_officer(sari).id, on=DAY,
                                 visit_id=at_tonja)
    EnrollmentStore(sari).create(valid_record.with_changes(
        nik=build_nik("517101", date(1980, 1, 2), "L", 4), full_name="I Made Oka",
        birth_date=None, sex=None, desa_code="5171011003", first_month=YearMonth(2026, 7),
        funding_source=FundingSource.APBD_KOTA, payment_months=12),
        officer_id=current_officer(sari).id, on=DAY, visit_id=at_tonja)
    sync_now(sari)
    enroll(wayan, valid_record.with_changes(full_name="Ni Made Sari Lestari"))  # disputed
    enroll(wayan, valid_record.with_changes(
        nik=build_nik("517104", date(1975, 6, 1), "L", 8), full_name="I Nyoman Sudi",
        birth_date=None, sex=None, funding_source=FundingSource.SPONSOR,
        sponsor_name="CSR Bank Bali"))
    sync_now(wayan)


def test_the_office_workbook(make_laptop, live_office, valid_record, tmp_path) -> None:
    _the_office_of_four(make_laptop, valid_record)
    path = tmp_path / "kantor.xlsx"
    assert export_office(live_office.engine, path) == {"records": 3, "conflicts": 1}
    book = load_workbook(path)
    assert book.sheetnames == ["Pendaftaran", "Konflik", "Cakupan", "Rekap", "Rekap Petugas"]
    sheet = book["Pendaftaran"]
    header = [c.value for c in sheet[1]]
    rows = {row[0].value: {h: c for h, c in zip(header, row, strict=True)}
            for row in sheet.iter_rows(min_row=2)}
    sari_dewi, oka = rows[valid_record.nik], rows[build_nik("517101", date(1980, 1, 2), "L", 4)]
    assert sari_dewi["Status"].value == "Menunggu pemeriksaan"  # wayan's version disputes it
    assert oka["Status"].value == "Tercatat di kantor" and oka["Revisi"].value == 1
    assert (oka["Petugas"].value, oka["ID petugas"].value) == ("Ni Ketut Sari", "DSN-002")
    assert oka["Tanggal kunjungan"].value == datetime(2026, 5, 20)
    assert oka["Tanggal kunjungan"].number_format == "DD-MM-YYYY"
    assert oka["Tempat kunjungan"].value == "Banjar Kaja, Tonja"
    sudi = next(r for r in rows.values() if r["Nama Lengkap"].value == "I Nyoman Sudi")
    assert (sudi["Petugas"].value, sudi["ID petugas"].value) == ("wayan", "WAYAN")
    assert sudi["Tanggal kunjungan"].value is None and sudi["Tempat kunjungan"].value is None
    for name in ("Penghasilan per bulan", "Iuran bulan pertama", "Total iuran",
                 "Dibayar peserta"):
        assert oka[name].number_format == RUPIAH_FORMAT, name

    conflicts = list(book["Konflik"].values)
    assert conflicts[0] == ("NIK", "Nama (kantor)", "Isian", "Versi kantor", "Versi masuk",
                            "Dikirim petugas", "Laptop", "ID konflik")
    [conflict] = list_conflicts(live_office.engine)
    wayan_laptop = next(d for d in list_devices(live_office.engine) if d.officer_name == "wayan")
    assert conflicts[1] == (valid_record.nik, "Ni Made Sari Dewi", "Nama Lengkap",
                            "Ni Made Sari Dewi", "Ni Made Sari Lestari", "wayan",
                            device_code(wayan_laptop.id), conflict["conflict_id"][:8])

    coverage = list(book["Cakupan"].values)
    assert valid_record.first_month == YearMonth(2026, 5)
    assert coverage[0][2:] == ("Mei 2026", "Jun 2026", "Jul 2026")  # months as people say them
    assert ("Denpasar Utara", "Semua", 2, 2, 2) in coverage
    assert ("Denpasar Selatan", "Semua", 0, 0, 1) in coverage
    assert coverage[-1] == ("Total", None, 2, 2, 3)

    for sheet in book.worksheets:  # every sheet prints landscape, one page wide, numbered
        setup = sheet.page_setup
        assert (setup.orientation, setup.paperSize) == ("landscape", 9), sheet.title
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert sheet.page_margins.left == 0.4 and sheet.page_margins.bottom == 0.4
        assert sheet.oddHeader.right.text == "&A", sheet.title
        assert sheet.oddFooter.right.text == "Halaman &P dari &N", sheet.title
    for title in ("Pendaftaran", "Konflik", "Cakupan"):  # their header row on every page
        assert book[title].print_title_rows == "$1:$1", title
    assert book["Cakupan"].print_title_cols == "$A:$B"


def test_the_recap_per_officer_and_visit_reconciles_people_and_cash(make_laptop, live_office,
                                                                    valid_record,
                                                                    tmp_path) -> None:
    _the_office_of_four(make_laptop, valid_record)
    path = tmp_path / "kantor.xlsx"
    export_office(live_office.engine, path)
    book = load_workbook(path)
    records = list(book["Pendaftaran"].values)
    header = records[0]
    column = {name: header.index(name) for name in header}
    paid = {r[column["Nama Lengkap"]]: (r[column["Total iuran"]], r[column["Dibayar peserta"]])
            for r in records[1:]}
    sari_dewi, oka, sudi = paid["Ni Made Sari Dewi"], paid["I Made Oka"], paid["I Nyoman Sudi"]
    assert sari_dewi[0] == sari_dewi[1] > 0 and oka[1] == 0 and sudi[1] == 0  # who pays

    sheet = book["Rekap Petugas"]
    recap = list(sheet.values)
    assert recap[0] == ("Petugas", "ID petugas", None, "Peserta", "Bayar sendiri (orang)",
                        "Uang tunai dari peserta", "Dibiayai pihak lain (orang)",
                        "Nilai dibiayai pihak lain", "Total iuran")
    blank = next(i for i, row in enumerate(recap) if not any(row))  # between the tables
    officers, visits = {row[0]: row[3:] for row in recap[1:blank]}, recap[blank + 1:]
    assert officers["Ni Ketut Sari"] == (2, 1, sari_dewi[1], 1, oka[0], sari_dewi[0] + oka[0])
    assert officers["wayan"] == (1, 0, 0, 1, sudi[0], sudi[0])
    assert officers["Total"] == (3, 1, sari_dewi[1], 2, oka[0] + sudi[0],
                                 sari_dewi[0] + oka[0] + sudi[0])
    assert visits[0][:3] == ("Tanggal kunjungan", "Tempat kunjungan", "Petugas")
    by_visit = {row[1]: row for row in visits[1:]}
    assert by_visit["Banjar Kaja, Tonja"][0] == datetime(2026, 5, 20)
    assert by_visit["Banjar Kaja, Tonja"][2:] == ("Ni Ketut Sari", *officers["Ni Ketut Sari"])
    assert by_visit["(tanpa kunjungan)"][2:] == ("wayan", *officers["wayan"])
    assert by_visit[None][0] == "Total" and by_visit[None][3:] == officers["Total"]
    money = [c for row in sheet.iter_rows(min_row=2) for c in row
             if c.column_letter in "FHI" and isinstance(c.value, int)]  # the rupiah columns
    assert len(money) == 6 * 3 and all(c.number_format == RUPIAH_FORMAT for c in money)
    assert sheet.print_title_rows is None  # two tables: each has its own header


def test_a_record_of_an_older_office_keeps_its_laptop_and_officer(office) -> None:
    """Migration 0003 gives the records already received their laptop and officer name."""
    import uuid

    from alembic import command
    from alembic.config import Config
    from sqlalchemy import text
    from sqlmodel import Session

    from desktop_app.office.database import _MIGRATIONS, migrate
    from desktop_app.office.models import CanonicalRecord

    config = Config()  # back to the schema before 0003 (its downgrade), with a record in it
    config.set_main_option("script_location", str(_MIGRATIONS))
    with office.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")
    record_id, laptop = uuid.uuid4(), uuid.uuid4()
    stored = (lambda u: u.hex) if office.dialect.name == "sqlite" else str  # as sa.Uuid keeps it
    stamp = "2026-05-20 01:00:00.000000"
    with office.begin() as connection:
        connection.execute(text(
            "INSERT INTO canonical_record (id, nik, full_name, desa_code, kecamatan_code, "
            "record, revision, seq, created_at, updated_at) VALUES (:id, '5171045708850023', "
            "'Ni Made Sari Dewi', '5171041004', '517104', '{}', 1, 1, :at, :at)"),
            {"id": stored(record_id), "at": stamp})
        connection.execute(text(
            "INSERT INTO record_version (canonical_id, revision, seq, record, changes, action, "
            "device_id, officer_name, recorded_at) VALUES (:id, 1, 1, '{}', '{}', 'created', "
            ":laptop, 'Ni Ketut Sari', :at)"),
            {"id": stored(record_id), "laptop": stored(laptop), "at": stamp})
    migrate(office)
    with Session(office) as session:
        kept = session.get(CanonicalRecord, record_id)
        assert (kept.device_id, kept.officer_name, kept.visit_date) == (
            laptop, "Ni Ketut Sari", None)
        assert (kept.officer_code, kept.visit_banjar) == ("", "")


def test_a_worker_list_checked_against_the_office(make_laptop, live_office, valid_record,
                                                  tmp_path) -> None:
    from openpyxl import Workbook
    from sqlmodel import Session, func, select

    from desktop_app.office.list_check import check_list
    from desktop_app.office.models import CanonicalRecord

    sari = make_laptop("sari")
    enroll(sari, valid_record)
    sync_now(sari)
    other_person = build_nik("517104", date(1980, 1, 2), "L", 4)
    book = Workbook()
    book.active.append(["NIK", "Nama Lengkap", "Tempat Lahir", "Alamat", "Desa", "Banjar"])
    book.active.append([valid_record.nik, "NI MADE SARI-DEWI", "Denpasar", "Jl. Kamboja 5",
                        "Tonja", "Banjar Kaja"])
    book.active.append([build_nik("517104", date(1985, 8, 17), "P", 23)[:-1] + "9",
                        "Ni Luh Ayu", "Denpasar", "Jl. Nangka", "Tonja", "Banjar Kaja"])
    book.active.append([other_person, "I Made Oka", "Denpasar", "Jl. Ratna", "Tonja",
                        "Banjar Kaja"])
    book.active.append([5171041203700010, "I Wayan Angka", None, None, None, None])
    path = tmp_path / "krama.xlsx"
    book.save(path)
    engine = live_office.engine
    with Session(engine) as session:
        before = session.exec(select(func.count()).select_from(CanonicalRecord)).one()
    summary = check_list(engine, path, on=DAY)
    assert (summary.enrolled, summary.to_enroll, summary.refused) == (1, 2, 1)
    rows = list(load_workbook(summary.result_path).active.values)
    assert [row[-2] for row in rows[1:]] == ["terdaftar", "belum terdaftar",
                                             "belum terdaftar", "ditolak"]
    assert "Persetujuan" in rows[3][-1] and "Teks" in rows[4][-1]
    with Session(engine) as session:  # the office's register is only read
        assert session.exec(select(func.count()).select_from(CanonicalRecord)).one() == before
    renamed = tmp_path / "lain.xlsx"
    book.active["B2"] = "Ni Wayan Lain"
    book.save(renamed)
    assert check_list(engine, renamed, on=DAY).other_name == 1
