"""The price said in one sentence: the total, the period, each run of months and its discount."""

import pytest

from desktop_app.domain.contribution import quote_contribution
from desktop_app.domain.contribution_summary import SHORT_MONTH_NAMES, contribution_sentence
from desktop_app.domain.funding import REQUIRED_PROGRAMS, FundingSource, Program
from desktop_app.domain.months import YearMonth


def sentence(first: str, months: int, *, sector: str = "lainnya", income: int = 1_000_000,
             programs=REQUIRED_PROGRAMS, funding: FundingSource = FundingSource.MANDIRI):
    return contribution_sentence(quote_contribution(
        monthly_income=income, programs=programs, months=months,
        first_month=YearMonth.parse(first), sector=sector, funding=funding))


def test_a_period_across_the_end_of_the_discount_names_each_run_and_its_discount() -> None:
    said = sentence("2026-12", 3)
    assert said.id == ("Rp42.000 untuk 3 bulan (Des Rp8.400 dengan potongan PP 50/2025, "
                       "Jan–Feb Rp16.800 per bulan)")
    assert said.en == ("Rp42.000 for 3 months (Dec Rp8.400 with the PP 50/2025 discount, "
                       "Jan–Feb Rp16.800 a month)")


def test_a_period_priced_alike_is_said_in_one_breath() -> None:
    assert sentence("2026-06", 3).id == (
        "Rp25.200 untuk 3 bulan (Rp8.400 per bulan dengan potongan PP 50/2025)")
    assert sentence("2027-06", 3).id == "Rp50.400 untuk 3 bulan (Rp16.800 per bulan)"
    assert sentence("2027-06", 3).en == "Rp50.400 for 3 months (Rp16.800 a month)"


def test_one_month_says_only_the_discount() -> None:
    assert sentence("2026-06", 1).id == "Rp8.400 untuk 1 bulan (dengan potongan PP 50/2025)"
    assert sentence("2027-06", 1).en == "Rp16.800 for 1 month"


def test_a_discount_that_starts_within_the_period() -> None:
    said = sentence("2026-02", 6)
    assert said.id == ("Rp67.200 untuk 6 bulan (Feb–Mar Rp16.800 per bulan, "
                       "Apr–Jul Rp8.400 per bulan dengan potongan PP 50/2025)")


def test_jht_keeps_its_full_price_and_the_discounted_part_is_still_named() -> None:
    said = sentence("2026-11", 3, income=2_000_000, programs=(*REQUIRED_PROGRAMS, Program.JHT))
    assert said.id == ("Rp173.600 untuk 3 bulan (Nov–Des Rp53.400 per bulan dengan potongan "
                       "PP 50/2025, Jan Rp66.800)")


def test_a_payer_the_discount_excludes_pays_the_full_price_and_no_discount_is_said() -> None:
    said = sentence("2026-11", 3, income=2_000_000, funding=FundingSource.APBD_KOTA)
    assert said.id == "Rp80.400 untuk 3 bulan (Rp26.800 per bulan)"


@pytest.mark.parametrize(("month", "id_name", "en_name"), [
    (1, "Jan", "Jan"), (5, "Mei", "May"), (8, "Agu", "Aug"), (10, "Okt", "Oct"),
    (12, "Des", "Dec")])
def test_short_month_names(month: int, id_name: str, en_name: str) -> None:
    assert (SHORT_MONTH_NAMES[month - 1].id, SHORT_MONTH_NAMES[month - 1].en) == (
        id_name, en_name)


def test_runs_are_the_receipts_runs() -> None:
    quote = quote_contribution(monthly_income=1_000_000, programs=REQUIRED_PROGRAMS, months=12,
                               first_month=YearMonth(2026, 4), sector="lainnya",
                               funding=FundingSource.MANDIRI)
    runs = quote.month_runs()
    assert [(str(r[0].month), str(r[-1].month)) for r in runs] == [
        ("2026-04", "2026-12"), ("2027-01", "2027-03")]
    assert contribution_sentence(quote).id.count("Rp") == 3
