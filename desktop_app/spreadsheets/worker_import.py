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

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from desktop_app.domain.messages import Text
from desktop_app.spreadsheets.worker_lists import (
    ListRow,
    ListTotals,
    ResultWorkbook,
    row_is_usable,
    row_mistakes,
    run_list,
    say_issues,
)
from desktop_app.store.enrollments import EnrollmentStore
from desktop_app.store.models import Visit
from desktop_app.store.visits import with_visit_place

CHUNK = 2000
Progress = Callable[[int], None]  # rows read so far


@dataclass
class ImportSummary(ListTotals):
    drafts: int = 0
    ready: int = 0
    exists: int = 0
    refused: int = 0

    def to_json(self) -> dict[str, object]:
        return self.json_with(ready=self.ready, drafts=self.drafts, exists=self.exists,
                              refused=self.refused)


def import_workers(engine: Engine, path: Path, *, officer_id: uuid.UUID, on: date,
                   sheet: str | None = None, mapping: dict[str, str] | None = None,
                   visit: Visit | None = None, language: str = "id",
                   progress: Progress | None = None) -> ImportSummary:
    """Imports the sheets of ``path`` (or just ``sheet``) and writes the result workbook.
    With a ``visit``, rows without a desa or banjar take the visit's place."""
    visit_id = visit.id if visit is not None else None
    adjust = (lambda record: with_visit_place(record, visit)) if visit is not None else None
    summary = ImportSummary()
    store = EnrollmentStore(engine)
    run_list(path, lambda chunk, result: _store(store, chunk, result, summary, officer_id,
                                                on, visit_id),
             summary, on=on, sheet=sheet, mapping=mapping, adjust=adjust, language=language,
             chunk_size=CHUNK, progress=progress)
    return summary


def _store(store: EnrollmentStore, chunk: list[ListRow], result: ResultWorkbook,
           summary: ImportSummary, officer_id: uuid.UUID, on: date,
           visit_id: uuid.UUID | None) -> None:
    """Stores a chunk's importable rows in one transaction and reports every row."""
    language = result.language
    importable = [row.checked for row in chunk if row_is_usable(row)]
    outcomes = iter(store.add_checked(importable, officer_id=officer_id, on=on,
                                      allow_draft=True, visit_id=visit_id))
    for row in chunk:
        summary.rows += 1
        checked = row.checked
        if not row_is_usable(row):
            summary.refused += 1
            result.add(row.values, Text("ditolak", "refused"),
                       say_issues(row_mistakes(row), language))
            continue
        outcome = next(outcomes)
        if outcome.duplicate_of is not None:
            summary.exists += 1
            result.add(row.values, Text("sudah ada", "exists"), Text(
                f"NIK sudah tersimpan di laptop ini: {outcome.duplicate_of}",
                f"The NIK is already on this laptop: {outcome.duplicate_of}",
            ).in_language(language))
        elif checked.errors:
            summary.drafts += 1
            result.add(row.values, Text("draf", "draft"),
                       say_issues(checked.errors, language))
        else:
            summary.ready += 1
            result.add(row.values, Text("siap", "ready"),
                       say_issues(checked.warnings, language))
