"""The one reading of typed rupiah, months and dates (domain/typed_values.py): every shape it
accepts, what it refuses and why, and that what the form shows reads back to itself."""

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.messages import format_rupiah
from desktop_app.domain.months import YearMonth
from desktop_app.domain.typed_values import (
    date_as_typed,
    month_as_typed,
    read_date,
    read_month,
    read_month_count,
    read_rupiah,
    rupiah_as_typed,
)

amounts = st.integers(min_value=0, max_value=10**15 - 1)
days = st.dates(min_value=date(1900, 1, 1), max_value=date(9999, 12, 31))
months = st.builds(YearMonth, st.integers(1900, 9999), st.integers(1, 12))


@given(amounts)
def test_an_amount_as_the_form_shows_it_reads_back_to_itself(amount: int) -> None:
    assert read_rupiah(format_rupiah(amount), "monthly_income") == (amount, None)
    assert read_rupiah(rupiah_as_typed(amount), "monthly_income") == (amount, None)
    assert read_rupiah(f"{rupiah_as_typed(amount)},00", "monthly_income") == (amount, None)
    assert read_rupiah(str(amount), "monthly_income") == (amount, None)
    assert read_rupiah(amount, "monthly_income") == (amount, None)


@given(st.integers(min_value=1_000_000, max_value=10**15 - 1))
def test_english_grouping_of_several_groups_is_read(amount: int) -> None:
    assert read_rupiah(f"{amount:,}", "monthly_income") == (amount, None)
    assert read_rupiah(f"{amount:,}.00", "monthly_income") == (amount, None)


@given(days)
def test_a_date_as_the_form_shows_it_reads_back_to_itself(day: date) -> None:
    assert read_date(date_as_typed(day), "birth_date") == (day, None)
    assert read_date(f"{day:%d%m%Y}", "birth_date") == (day, None)
    assert read_date(day.isoformat(), "birth_date") == (day, None)


@given(months)
def test_a_month_as_the_form_shows_it_reads_back_to_itself(month: YearMonth) -> None:
    assert read_month(month_as_typed(month), "first_month") == (month, None)
    assert read_month(str(month), "first_month") == (month, None)


@pytest.mark.parametrize(("typed", "amount"), [
    ("1.500.000", 1_500_000), ("1.500.000,00", 1_500_000), ("1,500,000.00", 1_500_000),
    ("1,500,000", 1_500_000), ("Rp 1.500.000", 1_500_000), ("Rp1.500.000,-", 1_500_000),
    ("rp. 1.500.000", 1_500_000), ("IDR 1500000", 1_500_000), ("1500000", 1_500_000),
    ("1 500 000", 1_500_000), ("1\u00a0500\u00a0000", 1_500_000), ("1.500", 1_500),
    ("1500,00", 1_500), ("1500.00", 1_500), ("1,5 juta", 1_500_000), ("1.5 jt", 1_500_000),
    ("2 jt", 2_000_000), ("750 rb", 750_000), ("750 ribu", 750_000), ("1,25 juta", 1_250_000),
    (1_500_000, 1_500_000), (1_500_000.0, 1_500_000), ("0", 0)])
def test_rupiah_as_people_write_them(typed: object, amount: int) -> None:
    assert read_rupiah(typed, "monthly_income") == (amount, None)


def test_sen_written_as_zero_are_not_thousands() -> None:
    """Issue 14, point 12: the Excel reader dropped the comma and read Rp150.000.000."""
    assert read_rupiah("1.500.000,00", "monthly_income") == (1_500_000, None)


@pytest.mark.parametrize(("typed", "code"), [
    ("1,500", "ambiguous"), ("2,000", "ambiguous"), ("1,50", "sen"), ("1.500.000,50", "sen"),
    ("1.5", "sen"), (1_500_000.5, "sen"), ("-1.500.000", "negative"), ("-Rp1.500.000", "negative"),
    ("(1.500.000)", "negative"), (-5, "negative"), ("1.500 jt", "format"),
    ("1.50.000", "format"), ("dua juta", "format"), ("Rp", "format"), ("١٥٠٠", "format"),
    (True, "format"), (float("nan"), "format"), ("1" * 16, "too_large"), (10**20, "too_large")])
def test_amounts_that_are_refused_say_why_and_how_to_type_them(typed: object, code: str) -> None:
    amount, issue = read_rupiah(typed, "monthly_income")
    assert amount is None and issue is not None and issue.is_error
    assert (issue.field, issue.code) == ("monthly_income", code)
    if code != "negative":
        assert "1.500.000" in issue.message.id and "1.500.000" in issue.message.en


def test_a_number_too_long_to_print_is_refused_without_printing_it() -> None:
    _, issue = read_rupiah(10**5000, "monthly_income")  # str() of it raises in Python 3.11
    assert issue.code == "too_large" and issue.message.en.startswith("1.000E+5000 is too large")


def test_an_ambiguous_amount_is_explained_in_both_languages() -> None:
    _, issue = read_rupiah("1,500", "monthly_income")
    assert issue.message.id.startswith("1,500 bisa dibaca dua cara")
    assert issue.message.en.startswith("1,500 reads two ways")


def test_a_long_refused_value_is_not_quoted_back_whole() -> None:
    _, issue = read_rupiah("x" * 10_000, "monthly_income")
    assert len(issue.message.id) < 200 and "…" in issue.message.id


@pytest.mark.parametrize(("typed", "day"), [
    ("17081985", date(1985, 8, 17)), ("17/08/1985", date(1985, 8, 17)),
    ("17-08-1985", date(1985, 8, 17)), ("17.08.1985", date(1985, 8, 17)),
    ("7/8/1985", date(1985, 8, 7)), ("1985-08-17", date(1985, 8, 17)),
    ("1985/08/17", date(1985, 8, 17)), ("1985-08-17 00:00:00", date(1985, 8, 17)),
    ("17 Agustus 1985", date(1985, 8, 17)), ("17 agt. 1985", date(1985, 8, 17)),
    ("17-Aug-1985", date(1985, 8, 17)), (" 17  Agustus  1985 ", date(1985, 8, 17)),
    (31276, date(1985, 8, 17)), (31276.75, date(1985, 8, 17)),
    (datetime(1985, 8, 17, 9, 30), date(1985, 8, 17)), (date(1985, 8, 17), date(1985, 8, 17))])
def test_dates_as_people_and_excel_write_them(typed: object, day: date) -> None:
    assert read_date(typed, "birth_date") == (day, None)


@pytest.mark.parametrize(("typed", "code"), [
    ("31/02/2026", "no_such_day"), ("31022026", "no_such_day"), ("17/08/85", "format"),
    ("281120", "format"), ("17/08-1985", "format"), ("17 Foo 1985", "format"),
    ("kemarin", "format"), (-5, "format"), (10**9, "format"), (True, "format")])
def test_dates_that_are_refused_say_how_to_type_them(typed: object, code: str) -> None:
    day, issue = read_date(typed, "birth_date")
    assert day is None and (issue.field, issue.code) == ("birth_date", code)
    assert "ddmmyyyy" in issue.message.id and "dd/mm/yyyy" in issue.message.en


def test_an_empty_date_is_refused_only_when_required() -> None:
    assert read_date("  ", "visit_date") == (None, None)
    day, issue = read_date("", "visit_date", required=True)
    assert day is None and issue.code == "required"
    assert issue.message.id.startswith("Ketik tanggalnya: ddmmyyyy")


@pytest.mark.parametrize("typed", [
    "12/2026", "122026", "12-2026", "12.2026", "2026-12", "2026-12-01", "01/12/2026", "Des 2026",
    "des. 2026", "Desember 2026", "December 2026", "Dec-2026", datetime(2026, 12, 1),
    date(2026, 12, 31), YearMonth(2026, 12), 46357])
def test_months_as_people_and_excel_write_them(typed: object) -> None:
    assert read_month(typed, "first_month") == (YearMonth(2026, 12), None)


@pytest.mark.parametrize("typed", ["13/2026", "0/2026", "Foo 2026", "2026", "12/26", "Des"])
def test_months_that_are_refused_say_how_to_type_them(typed: str) -> None:
    month, issue = read_month(typed, "first_month")
    assert month is None and (issue.field, issue.code) == ("first_month", "format")
    assert "mm/yyyy" in issue.message.id and "12/2026" in issue.message.en


def test_month_counts() -> None:
    assert read_month_count("3 bulan", "payment_months") == (3, None)
    assert read_month_count("12 months", "payment_months") == (12, None)
    assert read_month_count(6.0, "payment_months") == (6, None)
    _, issue = read_month_count("tiga", "payment_months")
    assert issue.code == "number" and "3" in issue.message.en
