"""The office database on SQLite, and on a real PostgreSQL when BANJAR_TEST_POSTGRES_URL is set
(CI sets it; each test gets a schema of its own, dropped afterwards)."""

import os
import uuid

import pytest
from sqlalchemy import create_engine, text

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
