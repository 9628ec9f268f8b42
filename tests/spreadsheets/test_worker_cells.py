"""Reading worker-list cells as Excel holds them (spreadsheets/worker_cells.py): damaged
NIKs, dates, labels, a row as a record's JSON."""

from datetime import date, datetime

import pytest

from desktop_app.spreadsheets.worker_cells import read_nik, record_from_cells


@pytest.mark.parametrize("cell", ["5171045005800012", " 5171 0450 0580 0012 ",
                                  5171045005800012, 5171045005800012.0])
def test_a_nik_as_text_or_a_full_16_digit_number_is_read(cell) -> None:
    nik, problem = read_nik(cell)
    assert problem is None and nik.replace(" ", "") == "5171045005800012"


@pytest.mark.parametrize("cell", [5171045005800010, 5.17105e15, "5.17105E+15", "5,17105E+15",
                                  517104500580001, True])
def test_a_nik_excel_has_damaged_is_never_read(cell) -> None:
    nik, problem = read_nik(cell)
    assert nik == "" and problem is not None and problem.code == "excel_number"
    assert "Teks" in problem.message.id and "Text" in problem.message.en


@pytest.mark.parametrize(("cell", "expected"), [
    (datetime(1985, 8, 17), "1985-08-17"), (date(1985, 8, 17), "1985-08-17"),
    (31276, "1985-08-17"), (31276.0, "1985-08-17"), ("17-08-1985", "1985-08-17"),
    ("17/08/1985", "1985-08-17"), ("17.08.1985", "1985-08-17"), ("17081985", "1985-08-17"),
    ("1985-08-17", "1985-08-17"), ("17 Agustus 1985", "1985-08-17"),
    ("17 August 1985", "1985-08-17"), ("17-Agu-1985", "1985-08-17")])
def test_dates_as_dates_serials_and_text(cell, expected) -> None:
    assert record_from_cells({"birth_date": cell}) == ({"birth_date": expected}, [])


@pytest.mark.parametrize("cell", [None, ""])
def test_an_empty_date_cell_is_left_out(cell) -> None:
    assert record_from_cells({"birth_date": cell}) == ({}, [])


@pytest.mark.parametrize("cell", ["31-02-1985", "kemarin", -5, 10**9])
def test_unreadable_dates_say_how_to_write_them(cell) -> None:
    record, [problem] = record_from_cells({"birth_date": cell})
    assert record == {} and problem.field == "birth_date" and "dd/mm/yyyy" in problem.message.id


def test_months_and_whole_numbers() -> None:
    assert record_from_cells({"first_month": "Mei 2026"})[0] == {"first_month": "2026-05"}
    assert record_from_cells({"first_month": "05/2026"})[0] == {"first_month": "2026-05"}
    assert record_from_cells({"first_month": datetime(2026, 5, 1)})[0] == {
        "first_month": "2026-05"}
    assert record_from_cells({"monthly_income": "Rp2.500.000"})[0] == {
        "monthly_income": 2_500_000}
    assert record_from_cells({"payment_months": "3 bulan"})[0] == {"payment_months": 3}
    assert record_from_cells({"monthly_income": 2500000.0})[0] == {"monthly_income": 2_500_000}
    record, [problem] = record_from_cells({"monthly_income": "dua juta"})
    assert record == {} and problem.code == "format" and problem.field == "monthly_income"


def test_an_income_written_with_sen_is_the_amount_the_form_reads() -> None:
    """Issue 14, point 12: ``1.500.000,00`` was stored as Rp150.000.000."""
    assert record_from_cells({"monthly_income": "1.500.000,00"}) == (
        {"monthly_income": 1_500_000}, [])


def test_a_row_becomes_the_documented_json_of_a_record() -> None:
    data, problems = record_from_cells({
        "nik": "5171045708850023", "full_name": "  Ni Luh  Putu ", "sex": "Perempuan",
        "birth_date": datetime(1985, 8, 17), "desa_code": "Desa Tonja",
        "occupation": "Kelihan Banjar Adat", "funding_source": "APBD Kota Denpasar",
        "phone": 81234567890, "programs": "JKK, JKM + JHT", "payment_months": 3.0,
        "beneficiary.name": "I Made Oka", "beneficiary.relationship": "Suami"})
    assert problems == []
    assert data == {
        "nik": "5171045708850023", "full_name": "Ni Luh Putu", "sex": "P",
        "birth_date": "1985-08-17", "desa_code": "5171041004",
        "occupation": "kelihan_banjar_adat", "funding_source": "apbd_kota",
        "phone": "81234567890", "programs": ["JKK", "JKM", "JHT"], "payment_months": 3,
        "beneficiary": {"name": "I Made Oka", "relationship": "suami"}}
