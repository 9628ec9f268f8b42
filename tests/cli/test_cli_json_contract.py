"""The documented JSON names of an enrollment, as ``show --json`` prints them (a stable contract).

The issue documents these names for the CLI, the sync API and exports alike; renaming one breaks
scripts and the office, so this test pins them.
"""

import re
from datetime import date

import pytest

DOCUMENTED_FIELDS = {
    "nik", "full_name", "birth_place", "birth_date", "sex", "address", "desa_code", "banjar",
    "phone", "occupation", "occupation_other", "monthly_income", "programs", "payment_months",
    "first_month", "funding_source", "sponsor_name", "kk_number", "beneficiary", "consent",
    "notes",
}
FUNDING_SOURCES = {"mandiri", "apbd_kota", "apbd_provinsi", "apbn", "desa_adat", "sponsor"}


@pytest.fixture
def full_record(make_person):
    """Every documented field filled in."""
    return make_person(
        "Ni Wayan Sekar Arini", "517103", date(1982, 4, 9), "P", 31,
        address="Jl. Gunung Agung Gg. III No. 2",
        desa_code="5171031007",
        banjar="Br. Tegal",
        phone="0813 3777 1234",
        occupation="lainnya",
        occupation_other="Pembuat canang",
        monthly_income=1_750_000,
        programs=["JKK", "JKM", "JHT"],
        payment_months=6,
        first_month="2026-06",
        funding_source="sponsor",
        sponsor_name="Yayasan Dharma Santhi",
        kk_number="5171031203100042",
        beneficiary={"name": "I Ketut Arta", "relationship": "suami", "phone": "081999000111"},
        consent={"given": True, "text_version": "2026-01"},
        notes="Dibayar oleh sponsor untuk 6 bulan.",
    )


@pytest.fixture
def shown(cli, officer, enroll, full_record) -> dict:
    run = enroll(full_record)
    assert run.code == 0, run
    assert run.json()["results"][0]["issues"] == []
    show = cli("--json", "show", full_record["nik"])
    assert show.code == 0, show
    return show.json()


def test_every_documented_field_name_is_in_show_json(shown):
    missing = DOCUMENTED_FIELDS - set(shown)
    assert not missing, f"documented fields missing from show --json: {sorted(missing)}"
    assert {"name", "relationship", "phone"} <= set(shown["beneficiary"])
    assert {"given", "text_version"} <= set(shown["consent"])


def test_documented_field_formats(shown):
    assert re.fullmatch(r"\d{16}", shown["nik"])
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", shown["birth_date"])
    assert shown["sex"] in {"L", "P"}
    assert re.fullmatch(r"\d{10}", shown["desa_code"])
    assert re.fullmatch(r"\d{4}-\d{2}", shown["first_month"])
    assert shown["funding_source"] in FUNDING_SOURCES
    assert isinstance(shown["programs"], list)
    assert set(shown["programs"]) <= {"JKK", "JKM", "JHT"}
    assert isinstance(shown["monthly_income"], int)
    assert isinstance(shown["payment_months"], int)
    assert isinstance(shown["consent"]["given"], bool)
    assert all(isinstance(shown[name], str) for name in (
        "nik", "full_name", "birth_place", "address", "banjar", "phone", "occupation",
        "occupation_other", "sponsor_name", "kk_number", "notes"))


def test_values_come_back_as_stored_and_normalised(shown, full_record):
    assert {name: shown[name] for name in (
        "nik", "full_name", "birth_date", "sex", "desa_code", "occupation", "occupation_other",
        "monthly_income", "payment_months", "first_month", "funding_source", "sponsor_name",
        "kk_number", "notes")} == {name: full_record[name] for name in (
            "nik", "full_name", "birth_date", "sex", "desa_code", "occupation",
            "occupation_other", "monthly_income", "payment_months", "first_month",
            "funding_source", "sponsor_name", "kk_number", "notes")}
    assert shown["programs"] == ["JKK", "JKM", "JHT"]
    assert shown["phone"] == "+6281337771234"
    assert shown["banjar"] == "Banjar Tegal"
    assert shown["beneficiary"] == {"name": "I Ketut Arta", "relationship": "suami",
                                    "phone": "+6281999000111"}
    assert (shown["consent"]["given"], shown["consent"]["text_version"]) == (True, "2026-01")


def test_show_json_is_accepted_by_enroll(cli, enroll, shown, make_nik):
    """What ``show --json`` prints (less its history) is a valid input for ``enroll``."""
    copy = {name: value for name, value in shown.items() if name != "history"}
    copy["nik"] = make_nik("517103", date(1982, 4, 9), "P", 32)
    run = enroll(copy)
    assert run.code == 0, run
    again = cli("--json", "show", copy["nik"]).json()
    assert {name: again[name] for name in DOCUMENTED_FIELDS - {"nik", "consent"}} == {
        name: shown[name] for name in DOCUMENTED_FIELDS - {"nik", "consent"}}
