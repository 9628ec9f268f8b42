"""``office export``: the office's records, recap, open conflicts and coverage over time."""

from datetime import date

from builders import build_nik
from openpyxl import load_workbook

from desktop_app.domain.months import YearMonth
from desktop_app.office.spreadsheet_export import export_office
from desktop_app.store.device import current_officer
from desktop_app.store.enrollments import EnrollmentStore
from desktop_app.sync.run import sync_now

DAY = date(2026, 5, 20)


def enroll(engine, record) -> None:
    EnrollmentStore(engine).create(record, officer_id=current_officer(engine).id, on=DAY)


def test_the_office_workbook(make_laptop, live_office, valid_record, tmp_path) -> None:
    sari, wayan = make_laptop("sari"), make_laptop("wayan")
    enroll(sari, valid_record)
    enroll(sari, valid_record.with_changes(
        nik=build_nik("517101", date(1980, 1, 2), "L", 4), full_name="I Made Oka",
        birth_date=None, sex=None, desa_code="5171011003", first_month=YearMonth(2026, 7)))
    sync_now(sari)
    enroll(wayan, valid_record.with_changes(full_name="Ni Made Sari Lestari"))  # disputed
    sync_now(wayan)
    path = tmp_path / "kantor.xlsx"
    assert export_office(live_office.engine, path) == {"records": 2, "conflicts": 1}
    book = load_workbook(path)
    assert book.sheetnames == ["Pendaftaran", "Konflik", "Cakupan", "Rekap"]
    records = list(book["Pendaftaran"].values)
    assert {row[0] for row in records[1:]} == {valid_record.nik, build_nik(
        "517101", date(1980, 1, 2), "L", 4)}
    conflicts = list(book["Konflik"].values)
    assert conflicts[1][:5] == (valid_record.nik, "Ni Made Sari Dewi", "full_name",
                                "Ni Made Sari Dewi", "Ni Made Sari Lestari")
    coverage = list(book["Cakupan"].values)
    assert coverage[0][2:] == (str(valid_record.first_month), "2026-06", "2026-07")
    assert ("Denpasar Utara", "Semua", 1, 1, 1) in coverage
    assert ("Denpasar Selatan", "Semua", 0, 0, 1) in coverage
    assert coverage[-1] == ("Total", None, 1, 1, 2)


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
