"""Importing worker lists from real .xlsx files into a real laptop database."""

import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlmodel import Session, func, select

from desktop_app.domain.enrollment import EnrollmentStatus
from desktop_app.spreadsheets.workbook_files import WorkbookRefused
from desktop_app.spreadsheets.worker_import import import_workers
from desktop_app.spreadsheets.worker_lists import read_mapping, result_path_for
from desktop_app.store.models import Enrollment
from desktop_app.store.visits import find_visit, start_visit

DAY = date(2026, 5, 20)
HEADER = ["No", "No. KTP", "Nama Lengkap ", "Tempat Lahir", "Tgl Lahir", "L/P", "Alamat",
          "Desa", "Banjar", "Pekerjaan", "No HP", "Penghasilan", "Bayar untuk (bulan)"]


def person(number: int, nik, name: str, birth, sex: str = "P", banjar="Banjar Kaja",
           income=2_500_000) -> list:
    return [number, nik, name, "Denpasar", birth, sex, "Jl. Kamboja 5", "Tonja", banjar,
            "Pedagang", "0812 3456 7890", income, 3]


def count(engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(Enrollment)).one()


def result_rows(path: Path, sheet: str) -> list[tuple]:
    return list(load_workbook(result_path_for(path))[sheet].iter_rows(values_only=True))


def run(engine, officer, path: Path, **options):
    return import_workers(engine, path, officer_id=officer.id, on=DAY, **options)


def test_a_real_list_imports_as_drafts_and_every_row_is_in_the_result(
        engine, officer, store, workbook_file) -> None:
    path = workbook_file({"Krama": [
        ["Daftar krama Banjar Kaja untuk BPJS Ketenagakerjaan"], [],
        HEADER,
        person(1, "5171045708850023", "  Ni Luh  Putu Ayu ", datetime(1985, 8, 17)),
        person(2, 5171041203700010, "I Wayan Rusak", "12-03-1970", "L"),  # damaged NIK
        [],
        person(3, "5171040107900003", "I Made Serial", 33055, "laki-laki", None),
        person(4, "5171040107050004", "I Ketut Muda", "01/07/2015", "L"),  # age 10
    ]}, merges={"Krama": ["I4:I7"]})
    summary = run(engine, officer, path)
    assert (summary.rows, summary.drafts, summary.refused, summary.exists) == (4, 2, 2, 0)
    first = store.find_by_nik("5171045708850023")
    assert first.status is EnrollmentStatus.DRAFT  # consent is recorded at the visit
    assert first.record.full_name == "Ni Luh Putu Ayu"
    assert first.record.birth_date == date(1985, 8, 17)
    third = store.find_by_nik("5171040107900003")
    assert third.record.banjar == "Banjar Kaja"  # from the merged cell above
    assert third.record.birth_date == date(1990, 7, 1)  # serial 33055
    assert store.find_by_nik("5171041203700010") is None  # never a damaged NIK
    rows = result_rows(path, "Krama")
    assert rows[0][-2:] == ("Status", "Pesan") and len(rows) == 5
    statuses = {row[2].strip(): (row[-2], row[-1]) for row in rows[1:]}
    assert statuses["I Wayan Rusak"][0] == "ditolak"
    assert "Format kolom NIK sebagai Teks" in statuses["I Wayan Rusak"][1]
    assert "wajib diisi" not in statuses["I Wayan Rusak"][1]  # why, not also "required"
    assert "paling muda 15 tahun" in statuses["I Ketut Muda"][1]
    assert statuses["Ni Luh  Putu Ayu"][0] == "draf"
    assert "Persetujuan peserta belum dicatat" in statuses["Ni Luh  Putu Ayu"][1]
    printed = load_workbook(result_path_for(path))["Krama"]  # prints like every workbook
    assert printed.page_setup.orientation == "landscape" and printed.print_title_rows == "$1:$1"


def test_importing_the_same_file_again_changes_nothing(engine, officer, workbook_file) -> None:
    path = workbook_file({"Krama": [HEADER, person(1, "5171045708850023", "Ni Luh Ayu",
                                                   datetime(1985, 8, 17))]})
    run(engine, officer, path)
    again = run(engine, officer, path)
    assert (again.drafts, again.exists) == (0, 1) and count(engine) == 1
    assert result_rows(path, "Krama")[1][-2] == "sudah ada"


def test_several_sheets_a_chosen_sheet_and_a_mapping(engine, officer, workbook_file,
                                                     tmp_path: Path) -> None:
    path = workbook_file({
        "Catatan": [["Kiriman Desa Adat Tonja"]],
        "Kaja": [HEADER, person(1, "5171045708850023", "Ni Luh Ayu", datetime(1985, 8, 17))],
        "Kelod": [["Nomor Identitas", "Nama Krama", "Tanggal Lahir"],
                  ["5171041203700005", "I Wayan Sudarma", "12-03-1970"]]})
    summary = run(engine, officer, path)
    assert summary.sheets == ["Kaja"] and summary.skipped_sheets == ["Catatan", "Kelod"]
    mapping_file = tmp_path / "kolom.toml"
    mapping_file.write_text('[columns]\n"Nomor Identitas" = "nik"\n"Nama Krama" = "full_name"\n',
                            encoding="utf-8")
    chosen = run(engine, officer, path, sheet="Kelod", mapping=read_mapping(mapping_file))
    assert chosen.sheets == ["Kelod"] and chosen.drafts == 1 and count(engine) == 2
    with pytest.raises(WorkbookRefused, match="Kidul"):
        run(engine, officer, path, sheet="Kidul")


def test_a_visit_gives_its_place_to_rows_without_one(engine, officer, store,
                                                     workbook_file) -> None:
    visit = start_visit(engine, desa_code="5171041004", banjar="Br. Tonja", visit_date=DAY,
                        officer_id=officer.id)
    path = workbook_file({"Krama": [["NIK", "Nama"], ["5171045708850023", "Ni Luh Ayu"]]})
    run(engine, officer, path, visit=find_visit(engine, visit.id))
    stored = store.find_by_nik("5171045708850023")
    assert (stored.record.desa_code, stored.record.banjar) == ("5171041004", "Banjar Tonja")


def test_bad_mappings_are_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[columns]\n"Nama" = "nama_lengkap"\n', encoding="utf-8")
    with pytest.raises(WorkbookRefused, match="nama_lengkap"):
        read_mapping(bad)
    bad.write_text("columns = 3", encoding="utf-8")
    with pytest.raises(WorkbookRefused, match=r"\[columns\]"):
        read_mapping(bad)


def _ole2(path: Path, extra: bytes) -> Path:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + extra)
    return path


def _written(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(("make", "said"), [
    (lambda p: _written(p, b"NIK;Nama\n1;a\n"), "bukan berkas Excel"),  # a CSV, renamed
    (lambda p: _ole2(p.with_suffix(".xls"), b"Workbook"), "format Excel lama (.xls)"),
    (lambda p: _ole2(p, "EncryptionInfo".encode("utf-16-le")), "kata sandi"),
    (lambda p: _written(p, b"PK\x03\x04" + b"\0" * 100), "bukan berkas Excel"),  # cut off
])
def test_files_that_are_not_workbooks_change_nothing(engine, officer, tmp_path: Path, make,
                                                     said: str) -> None:
    path = make(tmp_path / "kiriman.xlsx")
    with pytest.raises(WorkbookRefused) as refused:
        run(engine, officer, path)
    assert said in refused.value.text.id
    assert count(engine) == 0 and not result_path_for(path).exists()


def test_a_damaged_workbook_and_a_sheet_without_headers(engine, officer, workbook_file,
                                                        tmp_path: Path) -> None:
    good = workbook_file({"Krama": [HEADER, person(1, "5171045708850023", "Ni Luh Ayu",
                                                   datetime(1985, 8, 17))]})
    with zipfile.ZipFile(good) as archive:
        names = archive.namelist()
    cut = tmp_path / "cut.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(cut, "w") as target:
        for name in names:
            if "worksheets" not in name:  # the sheet itself is missing
                target.writestr(name, source.read(name))
    with pytest.raises(WorkbookRefused, match="damaged"):
        run(engine, officer, cut)
    headless = workbook_file({"Data": [["1", "2"], ["3", "4"]]}, name="headless.xlsx")
    with pytest.raises(WorkbookRefused, match="--mapping"):
        run(engine, officer, headless)
    assert count(engine) == 0


def test_merged_cells_fill_every_cell_they_cover(workbook_file) -> None:
    from desktop_app.spreadsheets.workbook_files import open_workbook, sheet_rows

    path = workbook_file({"S": [["NIK", "Nama", "Banjar", "Desa"],
                                ["1", "a", "Kaja", "Tonja"], ["2", "b", None, None],
                                ["3", "c", "Kelod", None], [None, None, None, None],
                                ["4", "d", None, "Sanur"]]},
                         merges={"S": ["C2:C3", "D2:D4", "C4:C6", "A5:B5"]})
    book = open_workbook(path)
    rows = list(sheet_rows(book, path, "S"))
    book.close()
    assert rows == [(1, ["NIK", "Nama", "Banjar", "Desa"]), (2, ["1", "a", "Kaja", "Tonja"]),
                    (3, ["2", "b", "Kaja", "Tonja"]), (4, ["3", "c", "Kelod", "Tonja"]),
                    (6, ["4", "d", "Kelod", "Sanur"])]


def test_sheets_are_streamed_not_loaded_whole(workbook_file) -> None:
    from desktop_app.spreadsheets.workbook_files import open_workbook

    book = open_workbook(workbook_file({"S": [["NIK", "Nama"]]}))
    assert book.read_only  # rows are read one by one: a million rows never sit in memory
    book.close()
