"""Shared builders for all tests: NIKs made from their parts and a complete valid record."""

from collections.abc import Callable
from datetime import date

import pytest
from builders import build_nik

from desktop_app.domain.enrollment import Consent, Enrollment
from desktop_app.domain.months import YearMonth
from desktop_app.domain.nik import Sex

# Enrollment day used across the domain tests: inside the PP 50/2025 window for every sector.
ON = date(2026, 5, 20)


@pytest.fixture(scope="session")
def make_nik() -> Callable[..., str]:
    return build_nik


@pytest.fixture(scope="session")
def enrollment_day() -> date:
    return ON


@pytest.fixture(scope="session")
def valid_record() -> Enrollment:
    """A complete enrollment that check_enrollment accepts on ``enrollment_day`` with no issue."""
    birth = date(1985, 8, 17)
    return Enrollment(
        nik=build_nik("517104", birth, Sex.FEMALE, 23),
        full_name="Ni Made Sari Dewi",
        birth_place="Denpasar",
        birth_date=birth,
        sex=Sex.FEMALE,
        address="Jl. Kamboja No. 5",
        desa_code="5171041004",
        banjar="Banjar Kaja",
        phone="+6281234567890",
        occupation="pedagang",
        monthly_income=2_500_000,
        payment_months=3,
        first_month=YearMonth.of(ON),
        consent=Consent(given=True, text_version="2026-01"),
    )
