"""A date typed as officers type it everywhere: ``ddmmyyyy``, ``dd/mm/yyyy``, ``dd-mm-yyyy``,
``yyyy-mm-dd`` or ``17 Agustus 2026`` (the one rule of ``domain.typed_values.read_date``, which
the form and the Excel reader use too).

A ``QDateEdit`` fills its day, month and year sections in turn, so ``28112026`` overflowed
into the year and became 01/12/000026, and what it could not read it bent silently. This line
edit keeps exactly what was typed; a date it cannot read, or one its rule refuses (after
today, before the oldest rates), is said in ``note``, a label the dialog places beside it.
Nothing is ever replaced by a guess.
"""

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from desktop_app.domain.messages import FieldIssue
from desktop_app.domain.typed_values import date_as_typed, read_date

ERROR_COLOUR = "#b00020"  # the red the form and the dialogs use for what must be fixed


class DateEntry(QLineEdit):
    """One date; ``check()`` reads it and shows its problem in ``note`` (hidden when none)."""

    def __init__(self, language: str, field: str, *,
                 rule: Callable[[date], FieldIssue | None] | None = None, required: bool = False,
                 placeholder: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.field = field
        self.rule = rule
        self.required = required
        self.setPlaceholderText(placeholder or self.tr("dd/mm/yyyy"))
        self.setMaxLength(24)  # "28 September 2026" fits; a pasted paragraph does not
        self.setAccessibleDescription(self.tr("Type the date as ddmmyyyy or dd/mm/yyyy."))
        self.note = QLabel()
        self.note.setObjectName("dateNote")
        self.note.setStyleSheet(f"color: {ERROR_COLOUR}")
        self.note.setWordWrap(True)
        self.note.hide()
        self.textEdited.connect(self._typing)
        self.editingFinished.connect(self.check)

    def set_day(self, day: date | None) -> None:
        self.setText(date_as_typed(day) if day else "")
        self._show(None)

    def read(self) -> tuple[date | None, FieldIssue | None]:
        """The typed date (None when empty) or what is wrong with it; shows nothing."""
        day, issue = read_date(self.text(), self.field, self.required)
        if day is not None and self.rule is not None:
            issue = self.rule(day)
        return (None, issue) if issue is not None else (day, None)

    def check(self) -> date | None:
        """The date, or None when it is empty or wrong (then ``note`` says what to type)."""
        day, issue = self.read()
        self._show(issue)
        return day

    def _typing(self) -> None:
        if self.note.text() and self.read()[1] is None:  # mended: the note goes at once
            self._show(None)

    def _show(self, issue: FieldIssue | None) -> None:
        text = issue.message.in_language(self.language) if issue else ""
        self.note.setText(text)
        self.note.setVisible(bool(text))
        self.setToolTip(text)
