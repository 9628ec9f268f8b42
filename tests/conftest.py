"""Shared fixtures for all tests: the one test laptop (its database in ``data_dir``, its
signed-in officer, its enrollment store), a complete valid record, NIKs made from their parts,
and the office database on SQLite and on a real PostgreSQL when BANJAR_TEST_POSTGRES_URL is set
(CI sets it; each test gets a schema of its own, dropped afterwards)."""

import os
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from builders import (
    ENROLLMENT_DAY,
    OFFICER_CODE,
    OFFICER_NAME,
    OFFICER_PIN,
    build_nik,
    valid_enrollment,
)
from live_office import LiveOffice
from sqlalchemy import Engine, create_engine, text

from desktop_app.domain.enrollment import Enrollment

ON = ENROLLMENT_DAY


@pytest.fixture
def shipped_reference_data():
    """For a test that opens a laptop or serves an office: opening a laptop points the
    process's reference data at the laptop's pulled copies (open_database), and a sync installs
    the office's bundle there; afterwards the domain reads the copies shipped in resources/
    again. The test laptop (``engine``), the live office and the CLI ask for it; so do the
    tests that open laptops of their own and sync them."""
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
    return valid_enrollment()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """The test laptop's data folder (its database, backups, drafts and settings)."""
    return tmp_path / "data"


@pytest.fixture
def engine(data_dir: Path, shipped_reference_data) -> Engine:
    """The test laptop's database, opened as the application opens it."""
    from desktop_app.store.database import open_database

    engine = open_database(data_dir)
    yield engine
    engine.dispose()


@pytest.fixture
def officer(engine: Engine):
    """The officer signed in on the test laptop, with a PIN, as a frozen value."""
    from desktop_app.store.officers import sign_in

    return sign_in(engine, name=OFFICER_NAME, officer_code=OFFICER_CODE, pin=OFFICER_PIN)


@pytest.fixture
def store(engine: Engine):
    """The test laptop's enrollments."""
    from desktop_app.store.enrollments import EnrollmentStore

    return EnrollmentStore(engine)


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
def live_office(office, shipped_reference_data):
    served = LiveOffice(office)
    yield served
    served.stop()


@pytest.fixture
def make_laptop(tmp_path: Path, live_office):
    """A laptop: its own database, an officer, registered with the live office."""
    from desktop_app.office.devices import add_device
    from desktop_app.store.database import open_database
    from desktop_app.store.officers import sign_in_officer
    from desktop_app.sync.run import setup_device

    engines = []

    def make(name: str, *, area: str = "", register: bool = True):
        engine = open_database(tmp_path / name)
        engines.append(engine)
        sign_in_officer(engine, name=name, officer_code=name.upper(), pin=OFFICER_PIN)
        if register:
            code = add_device(live_office.engine, officer_name=name, area_code=area)
            setup_device(engine, server_url=live_office.url, code=code)
        return engine

    yield make
    for engine in engines:
        engine.dispose()
