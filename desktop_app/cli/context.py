"""What every command gets: the data folder, the output mode and the language."""

import argparse
import json
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from desktop_app.domain.messages import FieldIssue, Text
from desktop_app.domain.months import EARLIEST_DAY
from desktop_app.domain.typed_values import read_date
from desktop_app.store.backups import BackupFailed, take_backup
from desktop_app.store.database import DATABASE_FILE, open_database
from desktop_app.store.integrity import damaged_by
from desktop_app.store.models import Officer, Visit
from desktop_app.store.officers import NoOfficerError, current_officer
from desktop_app.store.visits import find_visit


class CommandError(Exception):
    """A failure the user can act on: printed as one line on stderr, exit code 1."""



def typed_day(text: str) -> date:
    """A date option typed as the form takes it (2026-11-28, 28/11/2026, 28112026...). Said in
    English, as argparse's own usage errors are: the language is not read yet."""
    day, issue = read_date(text, "date", required=True)
    if issue is not None or day is None:
        raise argparse.ArgumentTypeError(issue.message.en if issue else repr(text))
    return day


def past_day(text: str) -> date:
    """A ``--date`` option: a day from 2021 up to today (enrollments are not made ahead)."""
    day = typed_day(text)
    if not EARLIEST_DAY <= day <= date.today():
        raise argparse.ArgumentTypeError(
            f"{day} is outside {EARLIEST_DAY} .. today: enrollments and visits are recorded on "
            "or after the day they happen")
    return day


def bounded(low: int, high: int) -> Callable[[str], int]:
    """An integer option limited to ``low..high`` (huge numbers are typos, not requests)."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is outside {low}..{high}")
        return value
    return parse


def add_visit_options(parser: argparse.ArgumentParser) -> None:
    """``--visit`` and ``--date``, for the commands that add records (enroll, import)."""
    parser.add_argument("--visit", type=uuid.UUID, metavar="VISIT_ID",
                        help="the visit the records belong to (banjar-enroll visit start); "
                             "records without a desa or banjar take the visit's")
    parser.add_argument("--date", type=past_day, metavar="YYYY-MM-DD",
                        help="enrollment date (default: the visit's date, else today): ages "
                             "and months are counted from it")


def take_daily_backup(database: Path, *, today: date, language: str) -> None:
    """The day's backup, taken by the first command of the day that opens the database. A copy
    that reads back damaged means the database is: refused as at start. A backup that cannot
    be written (a full disk) is said on stderr and the command goes on."""
    try:
        take_backup(database, today=today)
    except BackupFailed as failure:
        if failure.damaged:
            raise damaged_by(database, failure.problem) from None
        print(Text(f"peringatan: cadangan hari ini tidak dapat dibuat ({failure.problem})",
                   f"warning: today's backup could not be made ({failure.problem})")
              .in_language(language), file=sys.stderr)


@dataclass
class CommandContext:
    data_dir: Path
    json_output: bool
    language: str

    @cached_property
    def engine(self) -> Engine:
        engine = open_database(self.data_dir)
        take_daily_backup(self.data_dir / DATABASE_FILE, today=date.today(),
                          language=self.language)
        return engine

    def officer(self) -> Officer:
        """The officer signed in on this laptop; every record names the officer who made it."""
        try:
            return current_officer(self.engine)
        except NoOfficerError:
            raise CommandError(self.say(Text(
                "belum ada petugas di laptop ini; jalankan dulu: "
                "banjar-enroll officer set --name NAMA --id NOMOR_PETUGAS",
                "no officer has signed in on this laptop; first run: "
                "banjar-enroll officer set --name NAME --id OFFICER_ID"))) from None

    def visit_and_day(self, args: argparse.Namespace) -> tuple[Visit | None, date]:
        """The visit named by ``--visit`` (refused when unknown or ended: its people and cash
        were reconciled) and the enrollment day: ``--date``, else the visit's day, else
        today."""
        visit = None
        if args.visit is not None:
            visit = find_visit(self.engine, args.visit)
            if visit is None:
                raise CommandError(self.say(Text(
                    f"kunjungan {args.visit} tidak ada; lihat: banjar-enroll visit list",
                    f"no visit {args.visit}; see: banjar-enroll visit list")))
            if visit.ended_at is not None:
                raise CommandError(self.say(Text(
                    f"kunjungan {args.visit} sudah diakhiri; lanjutkan dulu: "
                    f"banjar-enroll visit resume {args.visit}",
                    f"visit {args.visit} has ended; first resume it: "
                    f"banjar-enroll visit resume {args.visit}")))
        return visit, args.date or (visit.visit_date if visit else date.today())

    def say(self, text: Text) -> str:
        """``text`` in the command's language: what the command prints."""
        return text.in_language(self.language)

    def issue_line(self, issue: FieldIssue) -> str:
        kind = self.say(Text("galat", "error") if issue.is_error
                        else Text("peringatan", "warning"))
        return f"{kind} [{issue.field}]: {issue.message.in_language(self.language)}"

    def print_json(self, data: Any) -> None:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
