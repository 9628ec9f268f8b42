"""Shared builders for all tests: NIKs made from their parts, a complete valid record, and
the office database on SQLite and on a real PostgreSQL when BANJAR_TEST_POSTGRES_URL is set
(CI sets it; each test gets a schema of its own, dropped afterwards)."""

import os
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from builders import build_nik
from live_office import LiveOffice
from sqlalchemy import create_engine, text

from desktop_app.domain.enrollment import Consent, Enrollment
from desktop_app.domain.months import YearMonth
from desktop_app.domain.nik import Sex

# Enrollment day used across the domain tests: inside the PP 50/2025 window for every sector.
ON = date(2026, 5, 20)


@pytest.fixture(autouse=True)
def shipped_reference_data():
    """A laptop opened by a test points the domain at its pulled reference data; the next
    test starts again from the copies shipped in resources/."""
    yield
    from desktop_app.assets import use_reference_folder
    from desktop_app.domain.reference_data import forget_loaded_reference

    use_reference_folder(None)
    forget_loaded_reference()


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


POSTGRES_URL = os.environ.get("BANJAR_TEST_POSTGRES_URL", "")


def postgres_schema_url(schema: str) -> str:
    separator = "&" if "?" in POSTGRES_URL else "?"
    return f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}"


@pytest.fixture
def postgres_url():
    """A fresh PostgreSQL schema for one test, as a database URL."""
    if not POSTGRES_URL:
        pytest.skip("set BANJAR_TEST_POSTGRES_URL to run the office tests on PostgreSQL")
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    yield postgres_schema_url(schema)
    with admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def office_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'office.sqlite3'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def office(office_url):
    from desktop_app.office.database import open_office_database

    engine = open_office_database(office_url)
    yield engine
    engine.dispose()


@pytest.fixture
def live_office(office):
    served = LiveOffice(office)
    yield served
    served.stop()


@pytest.fixture
def make_laptop(tmp_path: Path, live_office):
    """A laptop: its own database, an officer, registered with the live office."""
    from desktop_app.office.devices import add_device
    from desktop_app.store.database import open_database
    from desktop_app.store.device import sign_in_officer
    from desktop_app.sync.run import setup_device

    engines = []

    def make(name: str, *, area: str = "", register: bool = True):
        engine = open_database(tmp_path / name)
        engines.append(engine)
        sign_in_officer(engine, name=name, officer_code=name.upper(), pin="1234")
        if register:
            code = add_device(live_office.engine, officer_name=name, area_code=area)
            setup_device(engine, server_url=live_office.url, code=code)
        return engine

    yield make
    for engine in engines:
        engine.dispose()
