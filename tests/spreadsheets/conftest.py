"""Worker lists written as real .xlsx files (the laptop, its officer and store are the root
conftest's)."""

from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook


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
