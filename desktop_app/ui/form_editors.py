"""One editor per kind of form field (``kind`` in ``forms/enrollment.toml``).

An editor owns a widget and converts between what is typed and the record's value. Its raw
state (the text as typed) is what a crash-safe draft keeps, so half-typed dates survive too.
"""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from desktop_app.domain.banjar import banjar_in_desa
from desktop_app.domain.form_definition import Choice, FormField, enrollment_form
from desktop_app.domain.funding import REQUIRED_PROGRAMS, FundingSource, Program
from desktop_app.domain.messages import FieldIssue, Text
from desktop_app.domain.nik import Sex
from desktop_app.domain.text_bounds import TEXT_LIMITS
from desktop_app.domain.typed_values import (
    date_as_typed,
    month_as_typed,
    read_date,
    read_month,
    read_rupiah,
    rupiah_as_typed,
)
from desktop_app.domain.wilayah import find_area, villages

# The field itself shows it has something to fix, not only its note. A border set here hides
# the style's focus ring, so a field in error or warning that has the focus gets a thicker
# border in the focus colour and keeps its tint (the padding keeps the text from moving).
FIELD_STYLE = """
QLineEdit[severity='error'], QComboBox[severity='error'] {
    border: 1px solid #b00020; padding: 1px; }
QLineEdit[severity='warning'], QComboBox[severity='warning'] {
    border: 1px solid #c77c00; padding: 1px; }
QLineEdit[severity='error']:focus, QComboBox[severity='error']:focus {
    border: 2px solid palette(highlight); padding: 0px; background-color: #fdecee; }
QLineEdit[severity='warning']:focus, QComboBox[severity='warning']:focus {
    border: 2px solid palette(highlight); padding: 0px; background-color: #fff4e0; }
"""


def find_named_item(combo: QComboBox, text: str) -> int:
    """The one item the typed text names: its label or code, its name without the part in
    brackets (``Sanur`` is Sanur (Denpasar Selatan), not Sanur Kaja), else the only label that
    starts with it, else the only one containing it (-1 when none or several)."""
    typed = text.strip().casefold()
    if not typed:
        return -1
    labels = [combo.itemText(i).casefold() for i in range(combo.count())]
    codes = [str(combo.itemData(i)).casefold() for i in range(combo.count())]
    for candidates in ([i for i, label in enumerate(labels) if label == typed],
                       [i for i, code in enumerate(codes) if code == typed],
                       [i for i, label in enumerate(labels) if label.partition(" (")[0] == typed],
                       [i for i, label in enumerate(labels) if label.startswith(typed)],
                       [i for i, label in enumerate(labels) if typed in label]):
        if len(candidates) == 1:
            return candidates[0]
        if candidates:
            return -1
    return -1


def filter_as_typed(combo: QComboBox) -> QCompleter:
    """Typing part of a name narrows the list (``kaja`` finds Sanur Kaja, Sumerta Kaja...)."""
    completer = QCompleter(combo.model(), combo)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)
    SuggestionEnter(combo, completer)
    return completer


def _is_enter(event: QEvent) -> bool:
    return (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & Qt.KeyboardModifier.ControlModifier)


class SuggestionEnter(QObject):
    """Enter while a list's suggestions are open takes the highlighted one, else the one the
    typed text names, and moves on to the next field: one Enter, as everywhere in the form.
    (Qt's completer only closes its list when nothing is highlighted, and the officer stays.)
    Typed text that names no single choice is left as typed; the field then says what to do."""

    def __init__(self, combo: QComboBox, completer: QCompleter) -> None:
        super().__init__(completer)
        self.combo, self.completer = combo, completer
        # installed after the completer's own filter, so it sees the key first
        completer.popup().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if not _is_enter(event):
            return False
        highlighted = self.completer.popup().currentIndex()
        index = (self.combo.findText(str(highlighted.data()), Qt.MatchFlag.MatchFixedString)
                 if highlighted.isValid() else find_named_item(self.combo,
                                                               self.combo.currentText()))
        self.completer.popup().hide()
        if index >= 0:
            self.combo.setCurrentIndex(index)
            self.combo.setEditText(self.combo.itemText(index))
        self.combo.parentWidget().focusNextChild()
        return True


class TypedNumber(QObject):
    """Digits typed into a list of numbers pick the number typed: "1" is 1 (Qt's list search
    goes on from 1 to the next item starting with 1, 12), "12" typed in a breath is 12."""

    def __init__(self, combo: QComboBox) -> None:
        super().__init__(combo)
        self.combo = combo
        self.typed = ""
        self.clock = QElapsedTimer()
        combo.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if (event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent)
                or len(event.text()) != 1 or event.text() not in "0123456789"
                or event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                        | Qt.KeyboardModifier.AltModifier)):
            return False
        digit = event.text()
        going_on = (self.clock.isValid()
                    and self.clock.elapsed() <= QApplication.keyboardInputInterval())
        self.clock.start()
        for typed in ((self.typed + digit, digit) if going_on else (digit,)):
            index = self.combo.findData(typed)
            if index >= 0:
                self.typed = typed
                self.combo.setCurrentIndex(index)
                return True
        self.typed = ""
        return True  # a number not on the list picks nothing


class Editor:
    """A field's widget and its conversions. Subclasses set ``widget`` and the four methods."""

    widget: QWidget

    def __init__(self, field: FormField, language: str) -> None:
        self.field = field
        self.language = language

    def raw(self) -> Any:
        raise NotImplementedError

    def set_raw(self, raw: Any) -> None:
        raise NotImplementedError

    def value(self) -> tuple[Any, FieldIssue | None]:
        """The record's value, or a format problem (the value is then left empty)."""
        return self.raw(), None

    def set_value(self, value: Any) -> None:
        self.set_raw(value)

    def on_change(self, callback: Callable[[], None]) -> None:
        raise NotImplementedError


def _bounded(line: QLineEdit, field: str, text: str = "") -> None:
    """Typing stops at the field's limit (domain/text_bounds); a value kept before the limits
    is shown whole, so its error shows and nothing is cut off unseen."""
    if (limit := TEXT_LIMITS.get(field)) is not None:
        line.setMaxLength(max(limit, len(text)))


class TextEditor(Editor):
    def __init__(self, field: FormField, language: str) -> None:
        super().__init__(field, language)
        self.widget = QLineEdit()
        _bounded(self.widget, field.field)

    def raw(self) -> str:
        return self.widget.text()

    def set_raw(self, raw: Any) -> None:
        text = "" if raw is None else str(raw)
        _bounded(self.widget, self.field.field, text)
        self.widget.setText(text)

    def on_change(self, callback: Callable[[], None]) -> None:
        self.widget.textEdited.connect(callback)


class DateEditor(TextEditor):
    def __init__(self, field: FormField, language: str) -> None:
        super().__init__(field, language)
        self.widget.setPlaceholderText(QCoreApplication.translate("Editor", "dd/mm/yyyy"))

    def value(self) -> tuple[Any, FieldIssue | None]:
        return read_date(self.raw(), self.field.field)

    def set_value(self, value: Any) -> None:
        self.set_raw(date_as_typed(value) if value else "")


class MonthEditor(TextEditor):
    def __init__(self, field: FormField, language: str) -> None:
        super().__init__(field, language)
        self.widget.setPlaceholderText(QCoreApplication.translate("Editor", "mm/yyyy"))

    def value(self) -> tuple[Any, FieldIssue | None]:
        return read_month(self.raw(), self.field.field)

    def set_value(self, value: Any) -> None:
        self.set_raw(month_as_typed(value) if value else "")


class MoneyEditor(TextEditor):
    def __init__(self, field: FormField, language: str) -> None:
        super().__init__(field, language)
        self.widget.setPlaceholderText("1.500.000")
        self.widget.editingFinished.connect(self._tidy)

    def value(self) -> tuple[Any, FieldIssue | None]:
        return read_rupiah(self.raw(), self.field.field)

    def set_value(self, value: Any) -> None:
        self.set_raw(rupiah_as_typed(value) if value is not None else "")

    def _tidy(self) -> None:
        amount, problem = self.value()
        if amount is not None and problem is None:
            self.set_value(amount)


class MultilineEditor(Editor):
    def __init__(self, field: FormField, language: str) -> None:
        super().__init__(field, language)
        self.widget = QPlainTextEdit()
        self.widget.setTabChangesFocus(True)
        self.widget.setFixedHeight(self.widget.fontMetrics().height() * 3 + 12)

    def raw(self) -> str:
        return self.widget.toPlainText()

    def set_raw(self, raw: Any) -> None:
        self.widget.setPlainText(raw or "")

    def on_change(self, callback: Callable[[], None]) -> None:
        self.widget.textChanged.connect(callback)


class CheckEditor(Editor):
    def __init__(self, field: FormField, language: str) -> None:
        super().__init__(field, language)
        self.widget = QCheckBox(field.label.in_language(language))

    def raw(self) -> bool:
        return self.widget.isChecked()

    def set_raw(self, raw: Any) -> None:
        self.widget.setChecked(bool(raw))

    def on_change(self, callback: Callable[[], None]) -> None:
        self.widget.toggled.connect(callback)


class ChoiceEditor(Editor):
    """A list to pick from by typing part of a label (``pem`` finds Pemangku)."""

    def __init__(self, field: FormField, language: str, choices: list[Choice],
                 editable: bool = True, blank: bool = True) -> None:
        super().__init__(field, language)
        self.blank = blank  # an empty first item, for fields that start unanswered
        self.widget = QComboBox()
        self.widget.setEditable(editable)
        self.widget.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.set_choices(choices)
        if editable:
            self.widget.lineEdit().editingFinished.connect(self._complete)

    def set_choices(self, choices: list[Choice]) -> None:
        current = self.raw()
        self.widget.blockSignals(True)
        self.widget.clear()
        if self.blank:
            self.widget.addItem("", "")
        for choice in choices:
            self.widget.addItem(choice.label.in_language(self.language), choice.code)
        if self.widget.isEditable():
            filter_as_typed(self.widget).activated.connect(self._chosen_from_list)
        self.set_raw(current)
        self.widget.blockSignals(False)

    def _chosen_from_list(self) -> None:
        """Enter on a suggestion picks it and moves on: one Enter, as in the other fields."""
        QTimer.singleShot(0, self.widget, lambda: self.widget.parentWidget().focusNextChild())

    def match(self, text: str) -> int:
        return find_named_item(self.widget, text)

    def raw(self) -> str:
        """The chosen code; typed text that names no single choice is kept as it is."""
        text = self.widget.currentText()
        index = self.match(text)
        return self.widget.itemData(index) if index >= 0 else text.strip()

    def _complete(self) -> None:
        """Leaving the field shows the whole label of what the typed text named."""
        index = self.match(self.widget.currentText())
        if index >= 0:
            if self.widget.currentIndex() != index:
                self.widget.setCurrentIndex(index)
            self.widget.setEditText(self.widget.itemText(index))

    def set_raw(self, raw: Any) -> None:
        index = self.widget.findData("" if raw is None else str(raw))
        if index >= 0:
            self.widget.setCurrentIndex(index)
        elif self.widget.isEditable():
            self.widget.setEditText(str(raw))

    def on_change(self, callback: Callable[[], None]) -> None:
        self.widget.currentIndexChanged.connect(callback)
        if self.widget.isEditable():
            self.widget.editTextChanged.connect(callback)


class SexEditor(ChoiceEditor):
    def value(self) -> tuple[Any, FieldIssue | None]:
        code = self.raw()
        return (Sex(code) if code in ("L", "P") else None), None

    def set_value(self, value: Any) -> None:
        self.set_raw(str(value) if value else "")


class MonthsEditor(ChoiceEditor):
    def __init__(self, field: FormField, language: str, choices: list[Choice],
                 editable: bool = True, blank: bool = True) -> None:
        super().__init__(field, language, choices, editable, blank)
        self._typing = TypedNumber(self.widget)

    def value(self) -> tuple[Any, FieldIssue | None]:
        code = self.raw()
        return (int(code) if str(code).isdigit() else 1), None


class FundingEditor(ChoiceEditor):
    def value(self) -> tuple[Any, FieldIssue | None]:
        return FundingSource(self.raw() or FundingSource.MANDIRI), None


class BanjarEditor(ChoiceEditor):
    """Known banjar of the chosen desa, and free entry for a banjar not on the list yet."""

    def show_desa(self, desa_code: str) -> None:
        self.set_choices([Choice(b.name, Text(b.name, b.name)) for b in banjar_in_desa(desa_code)])

    def raw(self) -> str:
        return self.widget.currentText().strip()

    def set_raw(self, raw: Any) -> None:
        _bounded(self.widget.lineEdit(), self.field.field, raw or "")
        self.widget.setEditText(raw or "")


class ProgramsEditor(Editor):
    """JKK and JKM are always on (shown ticked and locked); JHT is the officer's choice."""

    def __init__(self, field: FormField, language: str) -> None:
        super().__init__(field, language)
        self.widget = QWidget()
        layout = QHBoxLayout(self.widget)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[Program, QCheckBox] = {}
        for program in Program:
            box = QCheckBox(str(program))
            box.setChecked(program in REQUIRED_PROGRAMS)
            box.setEnabled(program not in REQUIRED_PROGRAMS)
            self.boxes[program] = box
            layout.addWidget(box)
        layout.addStretch(1)
        self.widget.setFocusProxy(self.boxes[Program.JHT])

    def raw(self) -> list[str]:
        return [str(p) for p, box in self.boxes.items() if box.isChecked()]

    def set_raw(self, raw: Any) -> None:
        chosen = {str(p) for p in raw or ()}
        self.boxes[Program.JHT].setChecked(str(Program.JHT) in chosen)

    def value(self) -> tuple[Any, FieldIssue | None]:
        return tuple(Program(p) for p in self.raw()), None

    def on_change(self, callback: Callable[[], None]) -> None:
        self.boxes[Program.JHT].toggled.connect(callback)


def desa_choices() -> list[Choice]:
    """Every desa/kelurahan of the reference list, labelled with its kecamatan."""
    choices = []
    for village in villages():
        district = find_area(village.parent_code)
        label = f"{village.name} ({district.name})" if district else village.name
        choices.append(Choice(village.code, Text(label, label)))
    return choices


class EnterMovesOn(QObject):
    """Enter in a one-line field, a list or a tick box moves to the next field, as on paper
    forms. Install it on the widget that takes the focus (``enter_target``)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if _is_enter(event):
            popup = watched.completer().popup() if isinstance(watched, QComboBox) and (
                watched.completer()) else None
            if popup is not None and popup.isVisible():
                return False
            watched.parentWidget().focusNextChild()
            return True
        return False


def enter_target(widget: QWidget) -> QWidget | None:
    """The widget whose Enter key should move on: the focus proxy of a compound editor."""
    target = widget.focusProxy() or widget
    return target if isinstance(target, QLineEdit | QComboBox | QCheckBox) else None


def make_editor(field: FormField, language: str) -> Editor:
    form = enrollment_form()
    kinds: dict[str, Callable[[], Editor]] = {
        "date": lambda: DateEditor(field, language),
        "month": lambda: MonthEditor(field, language),
        "money": lambda: MoneyEditor(field, language),
        "multiline": lambda: MultilineEditor(field, language),
        "consent": lambda: CheckEditor(field, language),
        "programs": lambda: ProgramsEditor(field, language),
        "sex": lambda: SexEditor(field, language, list(form.choices("sex")), editable=False),
        "months": lambda: MonthsEditor(field, language, list(form.choices("payment_months")),
                                       editable=False, blank=False),
        "funding": lambda: FundingEditor(field, language, list(form.choices("funding_sources")),
                                         editable=False, blank=False),
        "desa": lambda: ChoiceEditor(field, language, desa_choices()),
        "banjar": lambda: BanjarEditor(field, language, []),
        "choice": lambda: ChoiceEditor(field, language, list(form.choices(field.choices or ""))),
    }
    return kinds.get(field.kind, lambda: TextEditor(field, language))()
