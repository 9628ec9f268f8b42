"""A laptop database with an officer, and worker lists written as real .xlsx files."""

from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from desktop_app.store.database import open_database
from desktop_app.store.device import sign_in_officer
from desktop_app.store.enrollments import EnrollmentStore


@pytest.fixture
def engine(tmp_path: Path):
    engine = open_database(tmp_path / "laptop")
    yield engine
    engine.dispose()


@pytest.fixture
def officer(engine):
    return sign_in_officer(engine, name="Ni Ketut Sari", officer_code="DSN-002")


@pytest.fixture
def store(engine) -> EnrollmentStore:
    return EnrollmentStore(engine)


@pytest.fixture
def workbook_file(tmp_path: Path) -> Callable[..., Path]:
    """``workbook_file({"Sheet": [rows...]}, merges={"Sheet": ["H4:H6"]})`` -> the .xlsx."""

    def write(sheets: dict[str, list[list]], *, name: str = "daftar.xlsx",
              merges: dict[str, list[str]] | None = None) -> Path:
        book = Workbook()
        book.remove(book.active)
        for title, rows in sheets.items():
            sheet = book.create_sheet(title)
            for row in rows:
                sheet.append(row)
            for cells in (merges or {}).get(title, []):
                sheet.merge_cells(cells)
        path = tmp_path / name
        book.save(path)
        return path

    return write
