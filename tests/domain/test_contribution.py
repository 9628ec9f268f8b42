"""Monthly BPU contributions: rates, minimum base, PP 50/2025 windows, multi-month payments."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.assets import resource_file
from desktop_app.domain.contribution import current_rates, load_rates, quote_contribution
from desktop_app.domain.funding import FundingSource, Program
from desktop_app.domain.months import YearMonth
from desktop_app.domain.occupations import find_occupation, occupations

JKK, JKM, JHT = Program.JKK, Program.JKM, Program.JHT
BASIC = (JKK, JKM)
WITH_JHT = (JKK, JKM, JHT)
PUBLIC_FUNDS = (FundingSource.APBN, FundingSource.APBD_KOTA, FundingSource.APBD_PROVINSI)
OTHER_FUNDS = (FundingSource.MANDIRI, FundingSource.DESA_ADAT, FundingSource.SPONSOR)
TRANSPORT = ("sopir", "ojek", "kurir")
NOT_TRANSPORT = ("petani", "pedagang", "seniman", "kelihan_banjar_adat", "umkm", "lainnya")


def ym(text: str) -> YearMonth:
    return YearMonth.parse(text)


def quote(*, occupation="pedagang", income=1_000_000, programs=BASIC, months=1, start="2026-06",
          funding=FundingSource.MANDIRI, rates=None):
    return quote_contribution(monthly_income=income, programs=programs, months=months,
                              first_month=ym(start), sector=find_occupation(occupation).sector,
                              funding=funding, rates=rates)


def amounts(month_charge) -> dict[Program, int]:
    return {c.program: c.amount for c in month_charge.charges}


def full_amounts(month_charge) -> dict[Program, int]:
    return {c.program: c.full_amount for c in month_charge.charges}


def is_discounted(month_charge) -> bool:
    return any(c.discount_name for c in month_charge.charges)


# --- full rates -------------------------------------------------------------------------------

@pytest.mark.parametrize(("income", "jkk", "jht"), [
    (1, 10_000, 20_000),  # JKK and JHT use at least Rp1.000.000
    (500_000, 10_000, 20_000),
    (999_999, 10_000, 20_000),
    (1_000_000, 10_000, 20_000),
    (1_500_000, 15_000, 30_000),
    (3_000_000, 30_000, 60_000),
    (12_345_600, 123_456, 246_912),
])
def test_full_rates_jkk_1_percent_jkm_flat_jht_2_percent(income, jkk, jht):
    month = quote(income=income, programs=WITH_JHT, start="2025-06").months[0]
    assert amounts(month) == {JKK: jkk, JKM: 6_800, JHT: jht}
    assert not is_discounted(month)


def test_the_minimum_before_discounts_is_16_800_or_36_800_with_jht():
    assert quote(income=300_000, start="2025-06").total == 16_800
    assert quote(income=300_000, programs=WITH_JHT, start="2025-06").total == 36_800
    assert quote(income=300_000, start="2026-06").full_total == 16_800
    assert quote(income=300_000, programs=WITH_JHT, start="2026-06").full_total == 36_800


def test_amounts_are_integer_rupiah():
    for month in quote(income=1_234_567, programs=WITH_JHT, months=12, start="2026-01").months:
        for charge in month.charges:
            assert type(charge.amount) is int and type(charge.full_amount) is int


def test_programs_come_out_once_each_in_a_fixed_order():
    month = quote(programs=(JHT, JKM, JKK, JKM), start="2025-06").months[0]
    assert [c.program for c in month.charges] == [JKK, JKM, JHT]


# --- PP 50/2025 ---------------------------------------------------------------------------------

def test_pp_50_2025_halves_jkk_and_jkm_but_never_jht():
    month = quote(income=3_000_000, programs=WITH_JHT, start="2026-06").months[0]
    assert amounts(month) == {JKK: 15_000, JKM: 3_400, JHT: 60_000}
    assert full_amounts(month) == {JKK: 30_000, JKM: 6_800, JHT: 60_000}
    assert {c.program: c.discount_name for c in month.charges} == {
        JKK: "PP 50/2025", JKM: "PP 50/2025", JHT: None}
    assert month.total == 78_400
    assert month.full_total == 96_800


def test_the_minimum_with_the_discount():
    assert quote(income=500_000, start="2026-06").total == 8_400
    assert quote(income=500_000, programs=WITH_JHT, start="2026-06").total == 28_400


@pytest.mark.parametrize("occupation", TRANSPORT)
def test_transport_occupations_are_in_the_transport_sector(occupation):
    assert find_occupation(occupation).sector == "transportasi"


@pytest.mark.parametrize(("month", "transport", "others"), [
    ("2025-12", False, False),
    ("2026-01", True, False),
    ("2026-03", True, False),  # edge: last month before the other BPU's window
    ("2026-04", True, True),  # edge: first month of the other BPU's window
    ("2026-07", True, True),
    ("2026-12", True, True),  # edge: last month of the other BPU's window
    ("2027-01", True, False),  # edge: the transport window goes on
    ("2027-03", True, False),  # edge: last month of the transport window
    ("2027-04", False, False),  # edge: no window left
    ("2028-01", False, False),
])
@pytest.mark.parametrize("funding", OTHER_FUNDS)
def test_discount_windows_at_their_edges(month, transport, others, funding):
    for occupation in TRANSPORT + NOT_TRANSPORT:
        charged = quote(occupation=occupation, start=month, funding=funding).months[0]
        expected = transport if occupation in TRANSPORT else others
        assert is_discounted(charged) is expected, occupation
        assert charged.total == (8_400 if expected else 16_800), occupation


@pytest.mark.parametrize("funding", PUBLIC_FUNDS)
@pytest.mark.parametrize("month", ["2026-01", "2026-04", "2026-12", "2027-03"])
@pytest.mark.parametrize("occupation", ["sopir", "petani"])
def test_no_discount_when_apbn_or_apbd_pays(funding, month, occupation):
    charged = quote(occupation=occupation, start=month, funding=funding).months[0]
    assert not is_discounted(charged)
    assert charged.total == 16_800


def price_list(result) -> list[tuple[str, int]]:
    return [(str(m.month), m.total) for m in result.months]


def test_a_payment_spanning_december_2026_is_priced_month_by_month():
    result = quote(occupation="petani", months=3, start="2026-11")
    assert price_list(result) == [("2026-11", 8_400), ("2026-12", 8_400), ("2027-01", 16_800)]
    assert result.total == 33_600
    assert result.full_total == 50_400


def test_a_payment_spanning_april_2026_is_priced_month_by_month():
    result = quote(occupation="pedagang", months=6, start="2026-01", programs=WITH_JHT)
    assert price_list(result) == [
        ("2026-01", 36_800), ("2026-02", 36_800), ("2026-03", 36_800),
        ("2026-04", 28_400), ("2026-05", 28_400), ("2026-06", 28_400)]


def test_a_year_of_transport_spanning_march_2027_is_priced_month_by_month():
    result = quote(occupation="ojek", months=12, start="2026-06")
    assert [m.total for m in result.months] == [8_400] * 10 + [16_800] * 2
    assert str(result.months[-1].month) == "2027-05"
    assert result.total == 10 * 8_400 + 2 * 16_800


def test_a_transport_payment_starting_before_the_window():
    result = quote(occupation="kurir", months=3, start="2025-12")
    assert price_list(result) == [("2025-12", 16_800), ("2026-01", 8_400), ("2026-02", 8_400)]


def test_a_year_of_other_bpu_from_january_2026():
    result = quote(occupation="seniman", months=12, start="2026-01")
    assert [m.total for m in result.months] == [16_800] * 3 + [8_400] * 9


@pytest.mark.parametrize("months", [1, 3, 6, 12])
def test_months_covered_are_consecutive(months):
    result = quote(months=months, start="2026-11")
    assert [m.month for m in result.months] == [ym("2026-11").plus(i) for i in range(months)]


@pytest.mark.parametrize("months", [0, -1, 2, 4, 5, 7, 9, 11, 13, 24])
def test_other_payment_periods_are_refused(months):
    with pytest.raises(ValueError, match="payment period"):
        quote(months=months)


@pytest.mark.parametrize("income", [0, -1, -1_000_000])
def test_a_non_positive_income_is_refused(income):
    with pytest.raises(ValueError, match="income"):
        quote(income=income)


@pytest.mark.parametrize("funding", list(FundingSource))
def test_only_a_self_paying_worker_owes_the_amount(funding):
    result = quote(months=3, start="2026-06", funding=funding)
    assert result.total > 0
    expected = result.total if funding is FundingSource.MANDIRI else 0
    assert result.due_from_participant == expected
    assert result.to_json()["due_from_participant"] == expected


def test_quote_as_json():
    data = quote(months=3, start="2026-11", occupation="petani").to_json()
    assert data["total"] == 33_600
    assert data["funding_source"] == "mandiri"
    assert [m["month"] for m in data["months"]] == ["2026-11", "2026-12", "2027-01"]
    assert data["months"][0]["programs"][0] == {
        "program": "JKK", "full_amount": 10_000, "amount": 5_000, "discount": "PP 50/2025"}


# --- rates are data ----------------------------------------------------------------------------

def test_the_shipped_rates_come_from_the_resources_file():
    assert current_rates() == load_rates(resource_file("contribution_rates.toml"))
    assert current_rates().payment_month_choices == (1, 3, 6, 12)


RATE_CHANGE = """
payment_month_choices = [1, 2, 3, 6, 12]

# listed newest first on purpose: the order in the file does not matter
[[schedule]]
effective_from = "2027-01"
income_base_minimum = 1_500_000
jkk_permille = 12
jkm_flat = 8_000
jht_permille = 25

[[schedule]]
effective_from = "2021-01"
income_base_minimum = 1_000_000
jkk_permille = 10
jkm_flat = 6_800
jht_permille = 20

[[discount]]
name = "Test discount"
percent = 25
programs = ["JKM"]
excluded_funding = ["apbn"]

[[discount.window]]
sectors = []
except_sectors = []
first_month = "2027-02"
last_month = "2027-02"
"""


@pytest.fixture
def changed_rates(tmp_path: Path):
    path = tmp_path / "rates.toml"
    path.write_text(RATE_CHANGE, encoding="utf-8")
    return load_rates(path)


def test_a_rate_change_is_a_data_change(changed_rates):
    result = quote(occupation="petani", income=1_000_000, programs=WITH_JHT, months=3,
                   start="2026-12", rates=changed_rates)
    assert [amounts(m) for m in result.months] == [
        {JKK: 10_000, JKM: 6_800, JHT: 20_000},  # the 2021 schedule
        {JKK: 18_000, JKM: 8_000, JHT: 37_500},  # the 2027 schedule, base Rp1.500.000
        {JKK: 18_000, JKM: 6_000, JHT: 37_500},  # its 25% JKM discount in February 2027
    ]
    assert result.months[2].charges[1].discount_name == "Test discount"


def test_payment_periods_and_discounts_come_from_the_file(changed_rates):
    assert len(quote(months=2, start="2027-01", rates=changed_rates).months) == 2
    with pytest.raises(ValueError):
        quote(months=2, start="2027-01")  # not a choice in the shipped file
    # The file's discount knows nothing of PP 50/2025: June 2026 is at full price here.
    assert quote(start="2026-06", rates=changed_rates).total == 16_800


def test_a_month_before_every_schedule_has_no_rates(changed_rates):
    with pytest.raises(ValueError, match="no contribution rates"):
        quote(start="2020-12", rates=changed_rates)
    assert changed_rates.schedule_for(ym("2026-12")).jkm_flat == 6_800
    assert changed_rates.schedule_for(ym("2027-01")).jkm_flat == 8_000


# --- the windows as a property ------------------------------------------------------------------

def expected_discount(month: YearMonth, sector: str, funding: FundingSource) -> bool:
    """PP 50/2025 as the issue states it, written independently of the data file."""
    if funding in PUBLIC_FUNDS:
        return False
    if sector == "transportasi":
        return ym("2026-01") <= month <= ym("2027-03")
    return ym("2026-04") <= month <= ym("2026-12")


@settings(max_examples=300)
@given(
    income=st.integers(min_value=1, max_value=50_000_000),
    months=st.sampled_from([1, 3, 6, 12]),
    start=st.builds(YearMonth, st.integers(2025, 2027), st.integers(1, 12)),
    occupation=st.sampled_from(sorted(occupations())),
    funding=st.sampled_from(list(FundingSource)),
    jht=st.booleans(),
)
def test_every_month_is_priced_by_its_own_window(income, months, start, occupation, funding,
                                                  jht):
    sector = find_occupation(occupation).sector
    result = quote_contribution(monthly_income=income, programs=WITH_JHT if jht else BASIC,
                                months=months, first_month=start, sector=sector,
                                funding=funding)
    base = max(income, 1_000_000)
    for month in result.months:
        full = full_amounts(month)
        assert abs(full[JKK] - base / 100) <= 0.5
        assert full[JKM] == 6_800
        discounted = expected_discount(month.month, sector, funding)
        for charge in month.charges:
            if charge.program is JHT:
                assert abs(full[JHT] - base / 50) <= 0.5
                assert charge.amount == charge.full_amount  # never discounted
            elif discounted:
                assert abs(2 * charge.amount - charge.full_amount) <= 1
            else:
                assert charge.amount == charge.full_amount
        assert month.full_total >= (36_800 if jht else 16_800)
    assert result.total == sum(m.total for m in result.months)
