"""What every command gets: the data folder, the output mode and the language."""

import json
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from desktop_app.domain.messages import FieldIssue
from desktop_app.store.database import open_database
from desktop_app.store.device import NoOfficerError, current_officer
from desktop_app.store.models import Officer


class CommandError(Exception):
    """A failure the user can act on: printed as one line on stderr, exit code 1."""


@dataclass
class CommandContext:
    data_dir: Path
    json_output: bool
    language: str

    @cached_property
    def engine(self) -> Engine:
        return open_database(self.data_dir)

    def officer(self) -> Officer:
        """The officer signed in on this laptop; every record names the officer who made it."""
        try:
            return current_officer(self.engine)
        except NoOfficerError:
            raise CommandError(self.say(
                "belum ada petugas di laptop ini; jalankan dulu: "
                "banjar-enroll officer set --name NAMA --id NOMOR_PETUGAS",
                "no officer has signed in on this laptop; first run: "
                "banjar-enroll officer set --name NAME --id OFFICER_ID")) from None

    def say(self, id_text: str, en_text: str) -> str:
        return en_text if self.language == "en" else id_text

    def issue_line(self, issue: FieldIssue) -> str:
        kind = self.say("galat", "error") if issue.is_error else self.say("peringatan", "warning")
        return f"{kind} [{issue.field}]: {issue.message.in_language(self.language)}"

    def print_json(self, data: Any) -> None:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
