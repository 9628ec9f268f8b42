"""A fresh local database per test, with a signed-in officer."""

from pathlib import Path

import pytest
from sqlalchemy import Engine

from desktop_app.store.database import open_database
from desktop_app.store.device import sign_in_officer
from desktop_app.store.enrollments import EnrollmentStore
from desktop_app.store.models import Officer


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    engine = open_database(tmp_path / "data")
    yield engine
    engine.dispose()


@pytest.fixture
def officer(engine: Engine) -> Officer:
    return sign_in_officer(engine, name="I Wayan Sudarma", officer_code="DSN-017")


@pytest.fixture
def store(engine: Engine) -> EnrollmentStore:
    return EnrollmentStore(engine)
