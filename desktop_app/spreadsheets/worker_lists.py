"""Worker lists in Excel, read row by row whatever becomes of them: the sheets and their
header rows, each row as a checked record with the problems met reading it, and the result
workbook that lists every row again with a status and a message.

Used by the laptop's import (rows become drafts in its store) and by the office's list check
(rows are compared with the office's records). Nothing here writes to either database.
"""

import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from desktop_app.domain.enrollment import FIELD_NAMES, Enrollment, enrollment_from_json
from desktop_app.domain.messages import FieldIssue, Text
from desktop_app.domain.spreadsheet_columns import is_header_row, recognise_headers
from desktop_app.domain.validation import CheckedEnrollment, check_enrollment
from desktop_app.spreadsheets.cells import header_cell, value_cell
from desktop_app.spreadsheets.print_layout import set_print_layout
from desktop_app.spreadsheets.workbook_files import (
    WorkbookRefused,
    open_workbook,
    save_whole,
    sheet_rows,
)
from desktop_app.spreadsheets.worker_cells import HEADER_SCAN_ROWS, record_from_cells

RESULT_SUFFIX = "-hasil"
MAPPABLE = {*FIELD_NAMES, "beneficiary.name", "beneficiary.relationship", "beneficiary.phone"}


def read_mapping(path: Path) -> dict[str, str]:
    """``--mapping FILE``: a TOML ``[columns]`` table of header text -> record field ("" to
    leave a column out)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as bad:
        raise WorkbookRefused(Text(f"{path}: berkas pemetaan kolom tidak terbaca ({bad})",
                                   f"{path}: the column mapping cannot be read ({bad})")) from None
    columns = data.get("columns")
    if not isinstance(columns, dict) or not columns:
        raise WorkbookRefused(Text(
            f'{path}: tulis pemetaan sebagai [columns] "Judul kolom" = "nik"',
            f'{path}: write the mapping as [columns] "Column header" = "nik"'))
    unknown = sorted(str(v) for v in columns.values() if v not in MAPPABLE and v != "")
    if unknown:
        raise WorkbookRefused(Text(
            f"{path}: nama kolom tidak dikenal: {', '.join(unknown)} (lihat README)",
            f"{path}: unknown field names: {', '.join(unknown)} (see the README)"))
    return {str(k): str(v) for k, v in columns.items()}


def result_path_for(path: Path) -> Path:
    return path.with_name(f"{path.stem}{RESULT_SUFFIX}.xlsx")


def say_issues(issues: list[FieldIssue], language: str) -> str:
    return " ".join(f"[{i.field}] {i.message.in_language(language)}" for i in issues)


@dataclass(frozen=True)
class ListRow:
    """One row: its cells as sent, the record checked as of the enrollment day, and the
    cells that could not be read."""

    values: list
    checked: CheckedEnrollment
    problems: list[FieldIssue]


def row_is_usable(row: ListRow) -> bool:
    """Nothing wrong, only missing (what the visit gives, like consent), and the NIK (the
    record's key) there and valid: the laptop keeps such a row as a draft."""
    return not row.problems and row.checked.nik_info is not None and all(
        i.code == "required" and i.field != "nik" for i in row.checked.errors)


def row_mistakes(row: ListRow) -> list[FieldIssue]:
    """What is wrong with a row that is not usable: each unreadable cell once (why, not also
    "required"), then the validation's errors other than missing fields."""
    unread = {p.field for p in row.problems}
    return row.problems + [i for i in row.checked.errors if i.field not in unread and (
        i.code != "required" or i.field == "nik")]


def checked_rows(rows: Iterator[tuple[int, list]], columns: dict[int, str], *, on: date,
                 adjust: Callable[[Enrollment], Enrollment] | None = None) -> Iterator[ListRow]:
    """The rows under a header, each read and checked like the form checks a record."""
    for _number, values in rows:
        cells = {name: values[i] for i, name in columns.items() if i < len(values)}
        data, problems = record_from_cells(cells)
        record, type_problems = enrollment_from_json(data)
        if adjust is not None:
            record = adjust(record)
        yield ListRow(values, check_enrollment(record, on=on), problems + type_problems)


@dataclass
class ListSheet:
    title: str
    header: list
    rows: Iterator[ListRow]


def list_sheets(workbook: Workbook, path: Path, *, sheet: str | None, on: date,
                mapping: dict[str, str] | None = None,
                adjust: Callable[[Enrollment], Enrollment] | None = None,
                skipped: list[str]) -> Iterator[ListSheet]:
    """Each sheet with a header row (or just ``sheet``); the titles of the others are added to
    ``skipped``."""
    if sheet is not None and sheet not in workbook.sheetnames:
        names = ", ".join(workbook.sheetnames)
        raise WorkbookRefused(Text(f"tidak ada lembar {sheet!r} di {path.name}; ada: {names}",
                                   f"no sheet {sheet!r} in {path.name}; it has: {names}"))
    for title in [sheet] if sheet else workbook.sheetnames:
        rows = sheet_rows(workbook, path, title)
        found = _header(rows, mapping)
        if found is None:
            skipped.append(title)
            continue
        header, columns = found
        yield ListSheet(title, header, checked_rows(rows, columns, on=on, adjust=adjust))


def no_sheet_refusal(path: Path) -> WorkbookRefused:
    return WorkbookRefused(Text(
        f"{path.name}: tidak ada lembar dengan baris judul berisi NIK dan Nama. Beri judul "
        "kolom, atau pakai --mapping.",
        f"{path.name}: no sheet has a header row with NIK and name columns. Add column "
        "headers, or use --mapping."))


@dataclass
class ListTotals:
    """What a run through a list did, whatever it did with the rows: how many were read, the
    sheets it took and skipped, and where the result workbook is. Runs add their counts."""

    rows: int = 0
    sheets: list[str] = field(default_factory=list)
    skipped_sheets: list[str] = field(default_factory=list)  # no header row found
    result_path: Path | None = None

    def json_with(self, **counts: int) -> dict[str, object]:
        return {"rows": self.rows, **counts, "sheets": self.sheets,
                "skipped_sheets": self.skipped_sheets,
                "result": str(self.result_path) if self.result_path else None}


def run_list(path: Path, handle: Callable[[list[ListRow], "ResultWorkbook"], None],
             totals: ListTotals, *, on: date, sheet: str | None = None,
             mapping: dict[str, str] | None = None,
             adjust: Callable[[Enrollment], Enrollment] | None = None,
             language: str = "id", chunk_size: int = 1000,
             progress: Callable[[int], None] | None = None) -> None:
    """Reads every sheet with a header (or ``sheet``) and gives its rows to ``handle`` in
    chunks, with the result workbook to report each row in; then writes that workbook and
    notes the sheets and its path in ``totals``. Refused whole (WorkbookRefused) when no
    sheet has NIK and name columns."""
    workbook = open_workbook(path)
    try:
        result = ResultWorkbook(language)
        rows_done = 0
        for found in list_sheets(workbook, path, sheet=sheet, on=on, mapping=mapping,
                                 adjust=adjust, skipped=totals.skipped_sheets):
            totals.sheets.append(found.title)
            result.start(found.title, found.header)
            chunk: list[ListRow] = []
            for row in found.rows:
                chunk.append(row)
                if len(chunk) >= chunk_size:
                    handle(chunk, result)
                    rows_done += len(chunk)
                    chunk = []
                    if progress:
                        progress(rows_done)
            handle(chunk, result)
        if not totals.sheets:
            raise no_sheet_refusal(path)
        result.save(path)
        totals.result_path = result_path_for(path)
    finally:
        workbook.close()


class ResultWorkbook:
    """The result workbook: each imported sheet again, with Status and Message columns."""

    def __init__(self, language: str) -> None:
        self.book = Workbook(write_only=True)
        self.language = language
        self.sheet = None
        self.width = 0

    def start(self, title: str, header: list) -> None:
        self.width = len(header)
        self.sheet = self.book.create_sheet(title[:31])
        self.sheet.freeze_panes = "A2"
        set_print_layout(self.sheet)
        labels = ("Status", Text("Pesan", "Message").in_language(self.language))
        self.sheet.append([*(value_cell(self.sheet, v) for v in header),
                           *(header_cell(self.sheet, t) for t in labels)])

    def add(self, values: list, status: Text, message: str) -> None:
        """One row of the sheet, followed by its status and message in the result's language."""
        padded = [*values[:self.width], *([None] * (self.width - len(values)))]
        self.sheet.append([*(value_cell(self.sheet, v) for v in padded),
                           status.in_language(self.language), value_cell(self.sheet, message)])

    def save(self, path: Path) -> None:
        """Written whole next to ``path`` (``NAME-hasil.xlsx``), never half-written."""
        save_whole(self.book, result_path_for(path))


def _header(rows: Iterator[tuple[int, list]],
            mapping: dict[str, str] | None) -> tuple[list, dict[int, str]] | None:
    for _ in range(HEADER_SCAN_ROWS):
        item = next(rows, None)
        if item is None:
            return None
        columns = recognise_headers(item[1], mapping)
        if is_header_row(columns):
            return item[1], columns
    return None


@dataclass(frozen=True)
class ListPreview:
    """What the import dialog shows before anything is stored."""

    sheets: list[str]
    sheet: str
    header: list  # the header row's cells; empty when none was recognised
    columns: dict[int, str]  # column index -> record field
    sample: list[list]  # the first rows under the header


def preview_list(path: Path, *, sheet: str | None = None,
                 mapping: dict[str, str] | None = None, rows: int = 8) -> ListPreview:
    """A sheet's header row, its columns and first rows: ``sheet``, else the first sheet with
    a recognised header, else the first with a row of several cells (its first such row is
    offered as the header, for the officer to name the columns)."""
    workbook = open_workbook(path)
    try:
        titles = [sheet] if sheet in workbook.sheetnames else workbook.sheetnames
        fallback: ListPreview | None = None
        for title in titles:
            found_rows = sheet_rows(workbook, path, title)
            found = _header(found_rows, mapping)
            if found is not None:
                sample = [values for _, (_n, values) in zip(range(rows), found_rows,
                                                              strict=False)]
                return ListPreview(workbook.sheetnames, title, found[0], found[1], sample)
            if fallback is None:
                fallback = _unnamed(workbook, path, title, rows)
        return fallback or ListPreview(workbook.sheetnames, titles[0], [], {}, [])
    finally:
        workbook.close()


def _unnamed(workbook: Workbook, path: Path, title: str, rows: int) -> ListPreview | None:
    """The sheet's first row of two or more cells as an unnamed header, and the rows under it."""
    found_rows = sheet_rows(workbook, path, title)
    for _n, values in found_rows:
        if sum(v is not None for v in values) >= 2:
            sample = [v for _, (_m, v) in zip(range(rows), found_rows, strict=False)]
            return ListPreview(workbook.sheetnames, title, values, recognise_headers(values),
                               sample)
    return None


