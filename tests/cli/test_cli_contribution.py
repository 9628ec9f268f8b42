"""``banjar-enroll contribution``: month-by-month prices, the PP 50/2025 windows, the payer."""

import pytest

DISCOUNT = "PP 50/2025"


def quote(cli, *args: str) -> dict:
    run = cli("--json", "contribution", *args)
    assert run.code == 0, run
    return run.json()


def per_month(data: dict) -> dict[str, dict[str, tuple[int, int, str | None]]]:
    """month -> program -> (amount, full_amount, discount)."""
    return {m["month"]: {p["program"]: (p["amount"], p["full_amount"], p["discount"])
                         for p in m["programs"]} for m in data["months"]}


def text_rows(out: str) -> dict[str, list[str]]:
    """The table rows of the text output: month -> the cells after it."""
    rows = {}
    for line in out.splitlines():
        cells = line.split()
        if cells and len(cells[0]) == 7 and cells[0][4] == "-" and cells[0][:4].isdigit():
            rows[cells[0]] = cells[1:]
    return rows


def test_json_shape(cli):
    data = quote(cli, "--income", "2000000", "--months", "1", "--occupation", "petani",
                 "--start", "2026-05")
    assert set(data) == {"months", "total", "full_total", "funding_source",
                         "due_from_participant"}
    [month] = data["months"]
    assert set(month) == {"month", "programs", "total", "full_total"}
    assert [p["program"] for p in month["programs"]] == ["JKK", "JKM"]
    assert all(set(p) == {"program", "full_amount", "amount", "discount"}
               for p in month["programs"])


def test_transport_discount_ends_after_march_2027(cli):
    data = quote(cli, "--income", "2000000", "--months", "6", "--occupation", "sopir",
                 "--start", "2027-01")
    months = per_month(data)
    assert list(months) == ["2027-01", "2027-02", "2027-03", "2027-04", "2027-05", "2027-06"]
    for month in ("2027-01", "2027-02", "2027-03"):
        assert months[month] == {"JKK": (10_000, 20_000, DISCOUNT), "JKM": (3_400, 6_800, DISCOUNT)}
    for month in ("2027-04", "2027-05", "2027-06"):
        assert months[month] == {"JKK": (20_000, 20_000, None), "JKM": (6_800, 6_800, None)}
    assert [m["total"] for m in data["months"]] == [13_400] * 3 + [26_800] * 3
    assert data["total"] == 3 * 13_400 + 3 * 26_800 == 120_600
    assert data["full_total"] == 6 * 26_800
    assert data["due_from_participant"] == data["total"]
    assert data["funding_source"] == "mandiri"


def test_transport_february_to_april_2027_text(cli):
    run = cli("contribution", "--income", "2000000", "--months", "3", "--occupation", "sopir",
              "--start", "2027-02")
    assert run.code == 0, run
    rows = text_rows(run.out)
    assert rows == {
        "2027-02": ["Rp10.000*", "Rp3.400*", "Rp13.400"],
        "2027-03": ["Rp10.000*", "Rp3.400*", "Rp13.400"],
        "2027-04": ["Rp20.000", "Rp6.800", "Rp26.800"],
    }
    assert "Total: Rp53.600 (tanpa potongan Rp80.400)" in run.out
    assert "* potongan PP 50/2025" in run.out
    assert run.out.split()[:4] == ["Bulan", "JKK", "JKM", "Jumlah"]
    assert ("Rp53.600 untuk 3 bulan (Feb–Mar Rp13.400 per bulan dengan potongan PP 50/2025, "
            "Apr Rp26.800)\n") in run.out


@pytest.mark.parametrize("occupation", ["ojek", "kurir", "sopir"])
def test_transport_is_discounted_from_january_2026(cli, occupation):
    months = per_month(quote(cli, "--income", "1000000", "--months", "3", "--occupation",
                             occupation, "--start", "2025-12"))
    assert [months[m]["JKK"][2] for m in ("2025-12", "2026-01", "2026-02")] == [
        None, DISCOUNT, DISCOUNT]


def test_other_occupation_from_november_2026_gets_full_price_in_january_2027(cli):
    data = quote(cli, "--income", "2000000", "--months", "3", "--occupation", "petani",
                 "--start", "2026-11")
    months = per_month(data)
    assert months == {
        "2026-11": {"JKK": (10_000, 20_000, DISCOUNT), "JKM": (3_400, 6_800, DISCOUNT)},
        "2026-12": {"JKK": (10_000, 20_000, DISCOUNT), "JKM": (3_400, 6_800, DISCOUNT)},
        "2027-01": {"JKK": (20_000, 20_000, None), "JKM": (6_800, 6_800, None)},
    }
    assert data["total"] == 13_400 + 13_400 + 26_800


def test_other_occupation_text_with_jht(cli):
    run = cli("contribution", "--income", "2000000", "--months", "3", "--occupation", "pemangku",
              "--start", "2026-11", "--jht")
    assert run.code == 0, run
    assert text_rows(run.out) == {
        "2026-11": ["Rp10.000*", "Rp3.400*", "Rp40.000", "Rp53.400"],
        "2026-12": ["Rp10.000*", "Rp3.400*", "Rp40.000", "Rp53.400"],
        "2027-01": ["Rp20.000", "Rp6.800", "Rp40.000", "Rp66.800"],
    }
    assert "Total: Rp173.600 (tanpa potongan Rp200.400)" in run.out


def test_jht_is_never_discounted(cli):
    months = per_month(quote(cli, "--income", "3000000", "--months", "1", "--occupation",
                             "nelayan", "--start", "2026-06", "--jht"))
    assert months["2026-06"]["JHT"] == (60_000, 60_000, None)
    assert months["2026-06"]["JKK"] == (15_000, 30_000, DISCOUNT)


def test_other_occupation_not_discounted_before_april_2026(cli):
    months = per_month(quote(cli, "--income", "1000000", "--months", "3", "--occupation",
                             "pedagang", "--start", "2026-02"))
    assert [months[m]["JKM"] for m in ("2026-02", "2026-03", "2026-04")] == [
        (6_800, 6_800, None), (6_800, 6_800, None), (3_400, 6_800, DISCOUNT)]


def test_apbd_kota_pays_full_price_and_the_participant_pays_nothing(cli):
    data = quote(cli, "--income", "2000000", "--months", "3", "--occupation", "petani",
                 "--start", "2026-11", "--funding", "apbd_kota")
    assert all(p["discount"] is None and p["amount"] == p["full_amount"]
               for m in data["months"] for p in m["programs"])
    assert data["total"] == data["full_total"] == 3 * 26_800
    assert data["due_from_participant"] == 0
    assert data["funding_source"] == "apbd_kota"


def test_apbd_kota_text(cli):
    run = cli("--lang", "en", "contribution", "--income", "2000000", "--months", "3",
              "--occupation", "petani", "--start", "2026-11", "--funding", "apbd_kota")
    assert run.code == 0, run
    assert "*" not in run.out
    assert "Total: Rp80.400\n" in run.out
    assert "\nRp80.400 for 3 months (Rp26.800 a month)\n" in run.out
    assert run.out.splitlines()[-1] == "Paid by apbd_kota; the participant pays Rp0."
    assert run.out.split()[:4] == ["Month", "JKK", "JKM", "Total"]


@pytest.mark.parametrize(("funding", "discounted"), [
    ("apbn", False), ("apbd_provinsi", False), ("desa_adat", True), ("sponsor", True)])
def test_other_payers(cli, funding, discounted):
    data = quote(cli, "--income", "1000000", "--months", "1", "--start", "2026-06",
                 "--occupation", "seniman", "--funding", funding)
    assert (data["total"] < data["full_total"]) is discounted
    assert data["due_from_participant"] == 0


def test_income_below_the_base_is_priced_on_the_base(cli):
    months = per_month(quote(cli, "--income", "500000", "--months", "1", "--start", "2025-06",
                             "--occupation", "petani", "--jht"))
    assert months["2025-06"] == {"JKK": (10_000, 10_000, None), "JKM": (6_800, 6_800, None),
                                 "JHT": (20_000, 20_000, None)}


def test_json_after_the_command(cli):
    args = ["--income", "2000000", "--months", "12", "--start", "2026-06"]
    after = cli("contribution", *args, "--json")
    assert after.code == 0
    assert after.json() == quote(cli, *args)
    assert len(after.json()["months"]) == 12


def test_default_occupation_is_lainnya(cli):
    args = ["--income", "2000000", "--months", "1", "--start", "2026-06"]
    assert quote(cli, *args) == quote(cli, *args, "--occupation", "lainnya")


@pytest.mark.parametrize(("args", "mentions"), [
    (["--income", "2000000", "--months", "3", "--occupation", "astronot"], "astronot"),
    (["--income", "2000000", "--months", "2"], "--months"),
    (["--income", "0", "--months", "3"], "--income"),
    (["--income", "-100000", "--months", "3"], "--income"),
    (["--income", "dua juta", "--months", "3"], "--income: dua juta bukan jumlah rupiah"),
    (["--income", "2,000", "--months", "3"], "--income: 2,000 bisa dibaca dua cara"),
    (["--income", "2.000.000,50", "--months", "3"], "memuat sen"),
])
def test_bad_values_are_one_line_exit_1(cli, one_line_error, args, mentions):
    run = cli("contribution", *args, "--start", "2026-06")
    assert mentions in one_line_error(run, 1)
    assert run.out == ""


def test_bad_values_in_english(cli, one_line_error):
    run = cli("--lang", "en", "contribution", "--income", "2000000", "--months", "2")
    assert one_line_error(run, 1) == "banjar-enroll: --months must be one of 1, 3, 6, 12"
    run = cli("--lang", "en", "contribution", "--income", "2000000", "--months", "1",
              "--occupation", "astronot")
    assert one_line_error(run, 1).startswith(
        "banjar-enroll: unknown occupation 'astronot'; choices: ")


def test_a_month_that_is_not_one_names_the_option(cli, one_line_error):
    run = cli("--lang", "en", "contribution", "--income", "2000000", "--months", "3",
              "--start", "2026-13")
    assert one_line_error(run, 1).startswith("banjar-enroll: --start: Not a month: 2026-13;")


@pytest.mark.parametrize(("income", "start"), [
    ("2.000.000", "06/2026"), ("Rp2.000.000,00", "2026-6"), ("2 jt", "Jun 2026"),
    ("2,000,000", "Juni 2026")])
def test_income_and_month_are_typed_as_in_the_form(cli, income, start):
    assert quote(cli, "--income", income, "--months", "3", "--start", start) == quote(
        cli, "--income", "2000000", "--months", "3", "--start", "2026-06")


@pytest.mark.parametrize("args", [
    ["--income", "2000000", "--months", "3", "--funding", "bank"],
    ["--months", "3"],
    ["--income", "2000000"],
], ids=["bad-funding", "no-income", "no-months"])
def test_unparseable_options_are_usage_errors(cli, one_line_error, args):
    run = cli("contribution", *args)
    one_line_error(run, 2)
    assert run.out == ""
