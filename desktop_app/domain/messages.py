"""Bilingual messages and the per-field issues that validation returns.

Every message a person may read is given in Bahasa Indonesia (the default) and English, so the
form, the CLI, the Excel result sheet and the office service can all speak the user's language.
Outside Qt's own chrome (``tr()`` in ``ui/``) a sentence is a ``Text``: an exception a person
reads carries one (``BilingualError``), the command line prints one, and no code chooses
between two strings by the language itself.
"""

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class Text:
    """One message in both languages."""

    id: str
    en: str

    def in_language(self, language: str) -> str:
        return self.en if language == "en" else self.id

    def to_json(self) -> dict[str, str]:
        return {"id": self.id, "en": self.en}


class BilingualError(Exception):
    """A failure a person reads and can act on: ``text`` says what is wrong, and what to do, in
    both languages. ``str()`` of it is the English, for logs, 4xx answers and tracebacks."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


class Severity(StrEnum):
    """An error blocks saving a record as ready; a warning is kept with the record."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class FieldIssue:
    """What is wrong (or worth a second look) in one field, and what to do about it."""

    field: str
    severity: Severity
    code: str
    message: Text

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def to_json(self) -> dict[str, object]:
        return {
            "field": self.field,
            "severity": str(self.severity),
            "code": self.code,
            "message": self.message.to_json(),
        }

    @classmethod
    def from_json(cls, data: dict) -> "FieldIssue":
        message = data["message"]
        return cls(data["field"], Severity(data["severity"]), data["code"],
                   Text(message["id"], message["en"]))


def error(field: str, code: str, id_text: str, en_text: str) -> FieldIssue:
    return FieldIssue(field, Severity.ERROR, code, Text(id_text, en_text))


def warning(field: str, code: str, id_text: str, en_text: str) -> FieldIssue:
    return FieldIssue(field, Severity.WARNING, code, Text(id_text, en_text))


def format_rupiah(amount: int) -> str:
    """Indonesian rupiah as printed on forms: ``Rp16.800``, ``-Rp5.000``."""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp{abs(amount):,}".replace(",", ".")
