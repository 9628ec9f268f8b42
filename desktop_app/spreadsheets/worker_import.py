"""Importing a list of workers from Excel into the laptop's store, with a result workbook.

Every row goes through the form's validation. A row complete but for what only the visit can
give (consent, above all) becomes a draft for the officer to finish there. A row with anything
wrong (a damaged NIK, a date that cannot be read, an age under 15...) is not stored. Every
row, stored or not, is in the result workbook written next to the file
(``NAME-hasil.xlsx``), with a status and a message. The sender can fix it there and send it
back. A NIK already on the laptop is never stored twice, so importing the same file again
changes nothing.

Rows are read and stored in chunks, in constant memory, whatever the size of the sheet.
"""

import tomllib
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import Engine

from desktop_app.domain.enrollment import FIELD_NAMES, enrollment_from_json
from desktop_app.domain.messages import FieldIssue
from desktop_app.domain.spreadsheet_rows import (
    HEADER_SCAN_ROWS,
    is_header_row,
    recognise_headers,
    record_from_cells,
)
from desktop_app.domain.validation import CheckedEnrollment, check_enrollment
from desktop_app.spreadsheets.cells import header_cell, value_cell
from desktop_app.spreadsheets.workbook_files import WorkbookRefused, open_workbook, sheet_rows
from desktop_app.store.enrollments import EnrollmentStore
from desktop_app.store.models import Visit
from desktop_app.store.visits import with_visit_place

CHUNK = 2000
RESULT_SUFFIX = "-hasil"
MAPPABLE = {*FIELD_NAMES, "beneficiary.name", "beneficiary.relationship", "beneficiary.phone"}
Progress = Callable[[int], None]  # rows read so far


@dataclass
class ImportSummary:
    rows: int = 0
    drafts: int = 0
    ready: int = 0
    exists: int = 0
    refused: int = 0
    sheets: list[str] = field(default_factory=list)  # imported
    skipped_sheets: list[str] = field(default_factory=list)  # no header row found
    result_path: Path | None = None

    def to_json(self) -> dict[str, object]:
        return {"rows": self.rows, "ready": self.ready, "drafts": self.drafts,
                "exists": self.exists, "refused": self.refused, "sheets": self.sheets,
                "skipped_sheets": self.skipped_sheets,
                "result": str(self.result_path) if self.result_path else None}


def read_mapping(path: Path) -> dict[str, str]:
    """``--mapping FILE``: a TOML ``[columns]`` table of header text -> record field ("" to
    leave a column out)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as bad:
        raise WorkbookRefused(f"{path}: berkas pemetaan kolom tidak terbaca ({bad})",
                              f"{path}: the column mapping cannot be read ({bad})") from None
    columns = data.get("columns")
    if not isinstance(columns, dict) or not columns:
        raise WorkbookRefused(f'{path}: tulis pemetaan sebagai [columns] "Judul kolom" = "nik"',
                              f'{path}: write the mapping as [columns] "Column header" = "nik"')
    unknown = sorted(str(v) for v in columns.values() if v not in MAPPABLE and v != "")
    if unknown:
        raise WorkbookRefused(
            f"{path}: nama kolom tidak dikenal: {', '.join(unknown)} (lihat README)",
            f"{path}: unknown field names: {', '.join(unknown)} (see the README)")
    return {str(k): str(v) for k, v in columns.items()}


def result_path_for(path: Path) -> Path:
    return path.with_name(f"{path.stem}{RESULT_SUFFIX}.xlsx")


def _importable(checked: CheckedEnrollment, problems: list[FieldIssue]) -> bool:
    """Stored (as a draft at least) when nothing is wrong, only missing, and the NIK (the
    record's key) is there and valid."""
    return not problems and checked.nik_info is not None and all(
        i.code == "required" and i.field != "nik" for i in checked.errors)


def _say(issues: list[FieldIssue], language: str) -> str:
    return " ".join(f"[{i.field}] {i.message.in_language(language)}" for i in issues)


class _Result:
    """The result workbook: each imported sheet again, with Status and Message columns."""

    def __init__(self, language: str) -> None:
        self.book = Workbook(write_only=True)
        self.language = language
        self.sheet = None

    def start(self, title: str, header: list) -> None:
        self.sheet = self.book.create_sheet(title[:31])
        self.sheet.freeze_panes = "A2"
        labels = ("Status", "Pesan" if self.language == "id" else "Message")
        self.sheet.append([*(value_cell(self.sheet, v) for v in header),
                           *(header_cell(self.sheet, t) for t in labels)])

    def add(self, values: list, width: int, status: str, message: str) -> None:
        padded = [*values[:width], *([None] * (width - len(values)))]
        self.sheet.append([*(value_cell(self.sheet, v) for v in padded), status,
                           value_cell(self.sheet, message)])


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


def import_workers(engine: Engine, path: Path, *, officer_id: uuid.UUID, on: date,
                   sheet: str | None = None, mapping: dict[str, str] | None = None,
                   visit: Visit | None = None, language: str = "id",
                   progress: Progress | None = None) -> ImportSummary:
    """Imports the sheets of ``path`` (or just ``sheet``) and writes the result workbook.
    With a ``visit``, rows without a desa or banjar take the visit's place."""
    visit_id = visit.id if visit is not None else None
    workbook = open_workbook(path)
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            names = ", ".join(workbook.sheetnames)
            raise WorkbookRefused(f"tidak ada lembar {sheet!r} di {path.name}; ada: {names}",
                                  f"no sheet {sheet!r} in {path.name}; it has: {names}")
        summary = ImportSummary()
        result = _Result(language)
        store = EnrollmentStore(engine)
        for title in [sheet] if sheet else workbook.sheetnames:
            rows = sheet_rows(workbook, path, title)
            found = _header(rows, mapping)
            if found is None:
                summary.skipped_sheets.append(title)
                continue
            header, columns = found
            summary.sheets.append(title)
            result.start(title, header)
            chunk: list[tuple[list, CheckedEnrollment, list[FieldIssue]]] = []
            for _number, values in rows:
                cells = {name: values[i] for i, name in columns.items() if i < len(values)}
                data, problems = record_from_cells(cells)
                record, type_problems = enrollment_from_json(data)
                problems += type_problems
                if visit is not None:
                    record = with_visit_place(record, visit)
                chunk.append((values, check_enrollment(record, on=on), problems))
                if len(chunk) >= CHUNK:
                    _store(store, chunk, result, len(header), summary, officer_id, visit_id)
                    chunk = []
                    if progress:
                        progress(summary.rows)
            _store(store, chunk, result, len(header), summary, officer_id, visit_id)
        if not summary.sheets:
            raise WorkbookRefused(
                f"{path.name}: tidak ada lembar dengan baris judul berisi NIK dan Nama. Beri "
                "judul kolom, atau pakai --mapping.",
                f"{path.name}: no sheet has a header row with NIK and name columns. Add "
                "column headers, or use --mapping.")
        summary.result_path = result_path_for(path)
        partial = summary.result_path.with_name(summary.result_path.name + ".partial")
        result.book.save(partial)
        partial.replace(summary.result_path)
        return summary
    finally:
        workbook.close()


def _store(store: EnrollmentStore, chunk: list, result: _Result, width: int,
           summary: ImportSummary, officer_id: uuid.UUID, visit_id: uuid.UUID | None) -> None:
    """Stores a chunk's importable rows in one transaction and reports every row."""
    language = result.language
    importable = [checked for _, checked, problems in chunk if _importable(checked, problems)]
    outcomes = iter(store.add_checked(importable, officer_id=officer_id, allow_draft=True,
                                      visit_id=visit_id))
    for values, checked, problems in chunk:
        summary.rows += 1
        if not _importable(checked, problems):
            summary.refused += 1
            status = "ditolak" if language == "id" else "refused"
            unread = {p.field for p in problems}  # said once: why, not also "required"
            wrong = problems + [i for i in checked.errors if i.field not in unread and (
                i.code != "required" or i.field == "nik")]
            result.add(values, width, status, _say(wrong, language))
            continue
        outcome = next(outcomes)
        if outcome.duplicate_of is not None:
            summary.exists += 1
            result.add(values, width, "sudah ada" if language == "id" else "exists",
                       ("NIK sudah tersimpan di laptop ini: " if language == "id" else
                        "The NIK is already on this laptop: ") + str(outcome.duplicate_of))
        elif checked.errors:
            summary.drafts += 1
            missing = _say(checked.errors, language)
            result.add(values, width, "draf" if language == "id" else "draft", missing)
        else:
            summary.ready += 1
            result.add(values, width, "siap" if language == "id" else "ready",
                       _say(checked.warnings, language))
