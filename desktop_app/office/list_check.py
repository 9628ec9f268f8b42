"""``office check-list``: a worker list from a desa adat or a banjar, checked against the
office's records.

The office cannot enroll anyone from a list: consent is given to an officer at a visit. What a
supervisor needs from a list is the difference between it and the register:
- who is already a participant;
- whose NIK the office holds under another name (to look at before the visit);
- who still has to be enrolled, and what the officer must ask them;
- which rows are wrong and must go back to the sender.

Every row is checked with the same domain rules as the laptop's import. Every row, with its
status and message, goes into the result workbook next to the file. Nothing is written to the
office's database, so checking a list twice changes nothing.
"""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from desktop_app.domain.merge import identity_key
from desktop_app.domain.messages import Text
from desktop_app.office.models import LIVE, CanonicalRecord
from desktop_app.spreadsheets.worker_lists import (
    ListRow,
    ListTotals,
    ResultWorkbook,
    row_is_usable,
    row_mistakes,
    run_list,
    say_issues,
)

CHUNK = 1000
_STATUS = {"enrolled": Text("terdaftar", "enrolled"),
           "other_name": Text("NIK atas nama lain", "NIK under another name"),
           "to_enroll": Text("belum terdaftar", "not enrolled"),
           "refused": Text("ditolak", "refused")}


@dataclass
class ListCheck(ListTotals):
    enrolled: int = 0
    other_name: int = 0
    to_enroll: int = 0
    refused: int = 0

    def to_json(self) -> dict[str, object]:
        return self.json_with(enrolled=self.enrolled, other_name=self.other_name,
                              to_enroll=self.to_enroll, refused=self.refused)


def check_list(engine: Engine, path: Path, *, on: date, sheet: str | None = None,
               mapping: dict[str, str] | None = None, language: str = "id") -> ListCheck:
    """Checks the list at ``path`` against the office's records; writes the result workbook."""
    summary = ListCheck()
    run_list(path, lambda chunk, result: _check(engine, chunk, result, summary), summary,
             on=on, sheet=sheet, mapping=mapping, language=language, chunk_size=CHUNK)
    return summary


def _check(engine: Engine, chunk: list[ListRow], result: ResultWorkbook,
           summary: ListCheck) -> None:
    language = result.language
    niks = [row.checked.record.nik for row in chunk if row.checked.nik_info is not None]
    with Session(engine) as session:
        held = {nik: name for nik, name in session.exec(
            select(CanonicalRecord.nik, CanonicalRecord.full_name)
            .where(col(CanonicalRecord.nik).in_(niks), CanonicalRecord.state == LIVE))
            } if niks else {}
    for row in chunk:
        summary.rows += 1
        record = row.checked.record
        if not row_is_usable(row):
            kind, message = "refused", say_issues(row_mistakes(row), language)
        elif record.nik in held and identity_key(held[record.nik]) == identity_key(
                record.full_name):
            kind, message = "enrolled", ""
        elif record.nik in held:
            kind = "other_name"
            message = Text(f"Kantor mencatat NIK ini atas nama {held[record.nik]}. Periksa KTP "
                           "saat kunjungan.",
                           f"The office holds this NIK for {held[record.nik]}. Check the ID "
                           "card at the visit.").in_language(language)
        else:
            kind, message = "to_enroll", say_issues(row.checked.errors, language)
        setattr(summary, kind, getattr(summary, kind) + 1)
        result.add(row.values, _STATUS[kind], message)
