"""Amounts, months and dates typed as text in a real .xlsx are read as the form reads them
(issue 14, point 12: ``1.500.000,00`` in an income column was stored as Rp150.000.000)."""

from datetime import date, datetime

from openpyxl import load_workbook

from desktop_app.domain.months import YearMonth
from desktop_app.spreadsheets.worker_import import import_workers
from desktop_app.spreadsheets.worker_lists import result_path_for

DAY = date(2026, 5, 20)
HEADER = ["No. KTP", "Nama Lengkap", "Tempat Lahir", "Tgl Lahir", "L/P", "Alamat", "Desa",
          "Banjar", "Pekerjaan", "No HP", "Penghasilan", "Bayar untuk (bulan)", "Bulan pertama"]


def row(nik: str, name: str, income: object, birth: object = datetime(1985, 8, 17),
        first_month: object = "06/2026") -> list:
    return [nik, name, "Denpasar", birth, "P", "Jl. Kamboja 5", "Tonja", "Banjar Kaja",
            "Pedagang", "0812 3456 7890", income, "3 bulan", first_month]


def test_typed_amounts_months_and_dates_in_a_real_workbook(engine, officer, store,
                                                           workbook_file) -> None:
    path = workbook_file({"Krama": [
        HEADER,
        row("5171045708850023", "Ni Luh Sen", "1.500.000,00"),
        row("5171045708850031", "Ni Made Inggris", "1,500,000.00", "17 Agustus 1985",
            "Juni 2026"),
        row("5171045708850040", "Ni Nyoman Juta", "1,5 jt", "17081985", datetime(2026, 6, 1)),
        row("5171045708850058", "Ni Ketut Ragu", "1,500"),
    ]})
    summary = import_workers(engine, path, officer_id=officer.id, on=DAY)
    assert (summary.rows, summary.refused) == (4, 1)
    for nik in ("5171045708850023", "5171045708850031", "5171045708850040"):
        record = store.find_by_nik(nik).record
        assert record.monthly_income == 1_500_000, nik
        assert record.birth_date == date(1985, 8, 17)
        assert record.first_month == YearMonth(2026, 6)
    assert store.find_by_nik("5171045708850058") is None
    results = list(load_workbook(result_path_for(path))["Krama"].iter_rows(values_only=True))
    refused = next(r for r in results if r[1] == "Ni Ketut Ragu")
    assert refused[-2] == "ditolak" and "1,500 bisa dibaca dua cara" in refused[-1]
