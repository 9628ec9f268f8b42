"""The message rule of docs/CONTRIBUTING.md, held by a test: outside Qt's chrome a sentence is
the domain's ``Text``. Exceptions a person reads carry one (``BilingualError``), and no code
picks one of two strings by comparing the language itself (``Text.in_language`` does that)."""

import ast
from pathlib import Path

import pytest

from desktop_app.cli.context import CommandContext
from desktop_app.domain.messages import BilingualError, Text
from desktop_app.domain.receipt_code import ReceiptCodeError
from desktop_app.domain.sync_messages import BatchFormatError
from desktop_app.office.batch_files import BatchFileRefused
from desktop_app.office.conflicts import ResolutionRefused
from desktop_app.office.database import OfficeDatabaseUnavailable
from desktop_app.office.devices import DeviceRefused
from desktop_app.spreadsheets.workbook_files import WorkbookRefused
from desktop_app.store.receipts import NotPrintable

SOURCE = Path(__file__).resolve().parent.parent / "desktop_app"
ALLOWED = {SOURCE / "domain" / "messages.py"}  # Text.in_language: the one place that chooses


def _compares_language(test: ast.expr) -> bool:
    """``language == "id"``, ``self.language != "en"`` and the like."""
    if not isinstance(test, ast.Compare) or len(test.comparators) != 1:
        return False
    sides = [test.left, test.comparators[0]]
    named = any((isinstance(side, ast.Name) and side.id == "language")
                or (isinstance(side, ast.Attribute) and side.attr == "language")
                for side in sides)
    return named and any(isinstance(side, ast.Constant) and side.value in ("id", "en")
                         for side in sides)


def language_ternaries(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.IfExp) and _compares_language(node.test)]


def test_the_check_finds_a_language_ternary(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text('status = "siap" if language == "id" else "ready"\n'
                      'label = "Message" if self.language != "id" else "Pesan"\n'
                      'kind = "a" if issue.is_error else "b"\n', encoding="utf-8")
    assert language_ternaries(sample) == [1, 2]


def test_no_code_chooses_a_sentence_by_comparing_the_language() -> None:
    found = {str(path.relative_to(SOURCE)): lines
             for path in sorted(SOURCE.rglob("*.py")) if path not in ALLOWED
             for lines in [language_ternaries(path)] if lines}
    assert found == {}


@pytest.mark.parametrize("refusal", [
    DeviceRefused, ResolutionRefused, OfficeDatabaseUnavailable, BatchFileRefused,
    NotPrintable, ReceiptCodeError, WorkbookRefused, BatchFormatError])
def test_refusals_carry_one_text_and_say_english_in_logs(refusal: type[Exception]) -> None:
    said = Text("berkas rusak", "the file is damaged")
    failure = refusal(said)
    assert isinstance(failure, BilingualError)
    assert failure.text == said and str(failure) == "the file is damaged"


def test_the_command_line_says_a_text_in_its_language(tmp_path: Path) -> None:
    said = Text("siap", "ready")
    assert CommandContext(tmp_path, False, "id").say(said) == "siap"
    assert CommandContext(tmp_path, False, "en").say(said) == "ready"
