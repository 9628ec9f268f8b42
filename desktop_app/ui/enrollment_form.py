"""The enrollment form: one screen, keyboard first, validated as the officer types.

The fields, their order, labels and help come from ``forms/enrollment.toml``. Every change runs
the domain's ``check_enrollment`` (tens of microseconds), fills birth date and sex from the NIK,
looks the NIK up on this laptop, and prices the contribution. Ctrl+S saves, Ctrl+N starts the
next person, Esc asks before discarding; what is typed is kept in a draft file every few seconds.

This widget is the adapter: the form's state and its decisions are the Qt-free
``FormSession`` (``ui/form_session.py``); the widget reads its editors into it, shows what it
decides, and asks the officer the questions it raises.
"""

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.consent import consent_texts
from desktop_app.domain.enrollment import Enrollment, EnrollmentStatus
from desktop_app.domain.form_definition import FormField, enrollment_form
from desktop_app.domain.messages import FieldIssue, Text
from desktop_app.domain.validation import CheckedEnrollment
from desktop_app.store.enrollments import EnrollmentStore
from desktop_app.store.form_drafts import FormDraftFile
from desktop_app.store.records import StoredEnrollment
from desktop_app.ui import form_questions
from desktop_app.ui.clash_banner import ClashBanner
from desktop_app.ui.contribution_view import ContributionDialog, ContributionSummary
from desktop_app.ui.form_editors import (
    FIELD_STYLE,
    BanjarEditor,
    Editor,
    EnterMovesOn,
    enter_target,
    make_editor,
)
from desktop_app.ui.form_heading import form_heading
from desktop_app.ui.form_new_nik import RetypedNik
from desktop_app.ui.form_record import read_editors, show_in_editors
from desktop_app.ui.form_session import (
    FormContext,
    FormSession,
    SaveOutcome,
    SaveResult,
    SaveStep,
    write_enrollment,
)
from desktop_app.ui.write_lane import NotWritten, WriteLane

__all__ = ["AUTOSAVE_MS", "EnrollmentForm", "FormContext"]

AUTOSAVE_MS = 4000


def _record_of(name: str) -> Text:
    """What a save writes, named for the "try again" message."""
    name = " ".join(name.split())
    return (Text(f"Data {name}", f"{name}'s record") if name
            else Text("Data peserta ini", "This person's record"))


class EnrollmentForm(QWidget):
    saved = Signal(object)  # StoredEnrollment
    open_existing = Signal(object)  # uuid.UUID of the record already holding the NIK
    message = Signal(str)  # one line for the status bar

    def __init__(self, *, store: EnrollmentStore, context: FormContext,
                 drafts: FormDraftFile, language: str = "id",
                 lane: WriteLane | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # the window's one write lane (a form made on its own, in a test, has its own)
        self.lane = lane if lane is not None else WriteLane(self, language=language)
        self.store = store
        self.context = context
        self.drafts = drafts
        self.language = language
        self.session = FormSession(store=store, context=context, drafts=drafts)
        self.editors: dict[str, Editor] = {}
        self.messages: dict[str, QLabel] = {}
        self._enter = EnterMovesOn(self)
        self._build()
        self.retyped_nik = RetypedNik(self)
        self._autosave = QTimer(self, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_draft)
        self._autosave.start()
        self.start_new()

    # --- what the session holds, as the window and the tests read it ----------------------------

    @property
    def editing(self) -> StoredEnrollment | None:
        """The stored record on screen (None: a new person)."""
        return self.session.editing

    @property
    def checked(self) -> CheckedEnrollment | None:
        return self.session.checked

    @property
    def existing(self) -> StoredEnrollment | None:
        """Another record holding the typed NIK."""
        return self.session.existing

    # --- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        form = enrollment_form()
        columns = [QVBoxLayout() for _ in range(max(s.column for s in form.sections))]
        for section in form.sections:
            box = QGroupBox(section.label.in_language(self.language))
            grid = QGridLayout(box)
            grid.setVerticalSpacing(2)
            grid.setColumnStretch(1, 1)
            for field in section.fields:
                self._add_field(grid, field)
            columns[section.column - 1].addWidget(box)
        self.contribution = ContributionSummary(self.language)
        self.breakdown_button = QPushButton(self.tr("Month by month… (Ctrl+M)"))
        self.breakdown_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab walks the fields
        self.breakdown_button.clicked.connect(self.show_breakdown)
        money = QGroupBox(self.tr("Contribution"))
        money_layout = QVBoxLayout(money)
        money_layout.addWidget(self.contribution)
        money_layout.addWidget(self.breakdown_button, 0, Qt.AlignmentFlag.AlignRight)
        columns[min(1, len(columns) - 1)].addWidget(money)
        row = QHBoxLayout()
        for column in columns:
            column.addStretch(1)
            row.addLayout(column, 1)
        self.heading = QLabel()
        self.heading.setObjectName("formHeading")
        self.save_button = QPushButton(self.tr("&Save (Ctrl+S)"))
        self.next_button = QPushButton(self.tr("&Next person (Ctrl+N)"))
        self.discard_button = QPushButton(self.tr("Discard (Esc)"))
        self.save_button.clicked.connect(self.save)
        self.next_button.clicked.connect(self.next_person)
        self.discard_button.clicked.connect(self.discard)
        buttons = QHBoxLayout()
        self.button_row = buttons  # the main window adds Print here
        buttons.addWidget(self.heading, 1)
        for button in (self.discard_button, self.next_button, self.save_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab walks the fields only
            buttons.addWidget(button)
        self.setStyleSheet(FIELD_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.clash_banner = ClashBanner()  # a rebase clash: which field, both values
        layout.addWidget(self.clash_banner)
        layout.addLayout(row, 1)
        layout.addLayout(buttons)
        # actions, not bare shortcuts: the main window puts these same actions in its menus
        self.save_action = self._action(self.tr("&Save"), QKeySequence.StandardKey.Save,
                                        self.save)
        self.next_action = self._action(self.tr("&Next person"), QKeySequence.StandardKey.New,
                                        self.next_person)
        self.discard_action = self._action(self.tr("&Discard changes"),
                                           QKeySequence(Qt.Key.Key_Escape), self.discard)
        self.breakdown_action = self._action(self.tr("Contribution &month by month"),
                                             QKeySequence("Ctrl+M"), self.show_breakdown)
        self.editors["desa_code"].on_change(self._desa_changed)

    def _action(self, text: str, keys: QKeySequence | QKeySequence.StandardKey,
                slot: Callable[[], object]) -> QAction:
        action = QAction(text, self, shortcut=keys)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _add_field(self, grid: QGridLayout, field: FormField) -> None:
        editor = make_editor(field, self.language)
        self.editors[field.field] = editor
        widget = editor.widget
        widget.setToolTip(field.help.in_language(self.language))
        widget.setObjectName(field.field)
        row = grid.rowCount()
        if field.kind == "consent":
            # read out to the participant, so always in Bahasa Indonesia, whatever the UI uses
            consent = consent_texts().current_text().text
            text = QLabel(consent.id)
            if self.language == "en":
                text.setToolTip(consent.en)
            text.setWordWrap(True)
            text.setObjectName("consentText")
            grid.addWidget(text, row, 0, 1, 2)
            grid.addWidget(widget, row + 1, 0, 1, 2)
            row += 1
        else:
            label = QLabel(field.label.in_language(self.language))
            label.setBuddy(widget)
            grid.addWidget(label, row, 0)
            grid.addWidget(widget, row, 1)
        message = QLabel()
        message.setWordWrap(True)
        message.setVisible(False)
        message.setObjectName(f"message:{field.field}")
        message.linkActivated.connect(self._open_existing)
        grid.addWidget(message, row + 1, 1 if field.kind != "consent" else 0, 1,
                       1 if field.kind != "consent" else 2)
        self.messages[field.field] = message
        if (target := enter_target(widget)) is not None:
            target.installEventFilter(self._enter)
        editor.on_change(lambda *_, name=field.field: self._edited(name))

    # --- reading and writing the record -------------------------------------------------------

    def raw_state(self) -> dict[str, Any]:
        """Every field as typed: what a draft keeps."""
        return {name: editor.raw() for name, editor in self.editors.items()}

    def set_raw_state(self, state: dict[str, Any]) -> None:
        for name, editor in self.editors.items():
            if name in state:
                editor.set_raw(state[name])
        self._desa_changed()

    def read_record(self) -> tuple[Enrollment, list[FieldIssue]]:
        """The record the fields describe, and fields whose text could not be read."""
        return read_editors(self.editors,
                            self.editing.record.consent if self.editing is not None else None)

    def load_record(self, record: Enrollment) -> None:
        show_in_editors(self.editors, record)
        self._desa_changed()
        self.editors["banjar"].set_raw(record.banjar)

    # --- states -------------------------------------------------------------------------------

    def start_new(self) -> None:
        """A blank form for the next person, at the current visit's place."""
        self.load_record(self.session.begin_new())
        self._reset_tracking()
        self.editors["nik"].widget.setFocus()

    def start_new_person(self, nik: str) -> None:
        """The next person, whose NIK was typed over a saved one: a blank form with that NIK and
        what it fills. The typing over the saved person is let go, its draft too."""
        self.forget_draft()
        self.start_new()
        self.editors["nik"].set_raw(nik)
        self._edited("nik")
        self.editors["full_name"].widget.setFocus()

    def open_stored(self, stored: StoredEnrollment) -> None:
        """Shows a stored record for editing; whatever was typed before is let go."""
        self.forget_draft()
        self.load_record(self.session.begin_stored(stored))
        self._reset_tracking()
        self.editors["nik"].widget.setFocus()

    def restore_draft(self, draft: dict[str, Any]) -> None:
        """Brings back a form saved by the autosave (after a crash or power cut). An edit
        stays based on the revision it started from, so a newer change is never overwritten."""
        self.set_raw_state(self.session.restore(draft, self.editors))
        self.refresh()

    def _reset_tracking(self) -> None:
        self.session.reset_tracking(self.raw_state())
        self.refresh()

    @property
    def is_dirty(self) -> bool:
        return self.session.is_dirty(self.raw_state())

    def typed_beyond_nik(self) -> bool:
        """Whether fields other than the NIK (and what it filled) were changed."""
        return self.session.typed_beyond_nik(self.raw_state())

    # --- live feedback ------------------------------------------------------------------------

    def _edited(self, name: str) -> None:
        self.session.edited(name)
        if name == "nik":
            fills = self.session.nik_fills(self.raw_state())
            for filled, value in fills.items():
                self.editors[filled].set_value(value)
            self.session.filled_from_nik(fills)
        self.refresh()

    def _desa_changed(self) -> None:
        banjar = self.editors["banjar"]
        if isinstance(banjar, BanjarEditor):
            banjar.show_desa(self.editors["desa_code"].raw())

    def refresh(self) -> None:
        """Validates the form and shows, beside each field, its error or warning."""
        record, problems = self.read_record()
        issues = self.session.check(record, problems)
        checked = self.session.checked
        for name, label in self.messages.items():
            label.setVisible(False)
            self.editors[name].widget.setProperty("severity", "")
        if checked.nik_info is not None:
            self._show("nik", "info", self.tr("Issued in {place}").format(
                place=checked.nik_info.place_of_issue))
        for issue in reversed(issues):  # the first issue of a field is the one shown
            if self._visible(issue):
                self._show(issue.field, str(issue.severity),
                           issue.message.in_language(self.language))
        if self.existing is not None:
            self._show("nik", "error", self.tr(
                "Already enrolled on this laptop: {name}. <a href='{id}'>Open existing "
                "record</a>").format(name=self.existing.record.full_name, id=self.existing.id))
        for editor in self.editors.values():
            editor.widget.style().unpolish(editor.widget)
            editor.widget.style().polish(editor.widget)
        self.contribution.show_quote(self.session.quote_to_show())
        self.breakdown_button.setEnabled(checked.quote is not None)
        self._enable_what_applies()
        self.heading.setText(form_heading(self.editing, checked, changed=self.is_dirty,
                                          language=self.language))
        self.clash_banner.show_for(self.editing, self.language)

    def _enable_what_applies(self) -> None:
        """The other occupation and the sponsor only for 'lainnya' and a sponsor: disabled, they
        are out of the Tab order too. A field that still holds text stays open, so what no
        longer applies can be seen and cleared (the sponsor's warning says so)."""
        applies = self.session.applicable(
            {name: self.editors[name].raw() for name in ("occupation", "funding_source")})
        for name, applicable in applies.items():
            widget = self.editors[name].widget
            widget.setEnabled(applicable or bool(self.editors[name].raw().strip())
                              or widget.hasFocus())

    def _visible(self, issue: FieldIssue) -> bool:
        if issue.field not in self.messages:
            return False
        return self.session.shows(issue, typing_nik=self.editors["nik"].widget.hasFocus())

    def _show(self, field: str, severity: str, text: str) -> None:
        label = self.messages.get(field)
        if label is None:
            return
        colour = {"error": "#b00020", "warning": "#8a5300", "info": "#2f5d8a"}[severity]
        prefix = {"error": "✖ ", "warning": "⚠ ", "info": ""}[severity]
        label.setText(f"<span style='color:{colour}'>{prefix}{text}</span>")
        label.setVisible(True)
        if severity != "info":
            self.editors[field].widget.setProperty("severity", severity)

    def _open_existing(self, link: str) -> None:
        self.open_existing.emit(uuid.UUID(link))

    def show_breakdown(self) -> None:
        if self.checked is not None and self.checked.quote is not None:
            ContributionDialog(self.checked.quote, self, language=self.language).exec()

    # --- saving -------------------------------------------------------------------------------

    def save(self) -> bool:
        """Saves the form: ready when valid, a draft when the officer chooses to keep it."""
        self.session.show_all = True
        self.refresh()
        record, problems = self.read_record()
        if not self.session.can_save(problems):
            return self._not_saved()
        if self.retyped_nik.settle() in ("new", "cancel"):  # a new person is not saved yet
            return False
        step = self.session.save_step()
        if step is SaveStep.FIX or (step is SaveStep.ASK_DRAFT and not self.ask_keep_as_draft(
                len(self.session.checked.errors))):
            return self._not_saved()
        request = self.session.save_request(record, allow_draft=step is SaveStep.ASK_DRAFT)
        store = self.store
        try:
            outcome = self.lane.run_and_wait(lambda: write_enrollment(store, request),
                                             what=_record_of(record.full_name))
        except NotWritten:  # the database was busy: the form stays as it was, to save again
            return False
        return self._take_outcome(outcome)

    def _not_saved(self) -> bool:
        self._focus_first_problem()
        self.message.emit(self.tr("Not saved: fix the fields marked in red."))
        return False

    def _take_outcome(self, outcome: SaveOutcome) -> bool:
        stored = self.session.saved(outcome)
        if outcome.result is SaveResult.DUPLICATE:
            self.refresh()
        elif outcome.result is SaveResult.STALE:
            self.tell(self.tr("This record was changed since you opened it. Open it again "
                              "from the list to see the change."))
        elif outcome.result is SaveResult.REFUSED:
            self._focus_first_problem()
        if stored is None:
            return False
        self.load_record(stored.record)
        self._reset_tracking()
        self.forget_draft()
        status = (self.tr("draft") if stored.status is EnrollmentStatus.DRAFT
                  else self.tr("ready to sync"))
        self.message.emit(self.tr("Saved: {name} ({status}).").format(
            name=stored.record.full_name, status=status))
        self.saved.emit(stored)
        return True

    def _focus_first_problem(self) -> None:
        for name, label in self.messages.items():
            if label.isVisible() and self.editors[name].widget.property("severity") == "error":
                self.editors[name].widget.setFocus()
                return

    def next_person(self) -> None:
        if self.is_dirty:
            choice = self.ask_unsaved()
            if choice == "cancel" or (choice == "save" and not self.save()):
                return
        self.forget_draft()
        self.start_new()

    def discard(self) -> None:
        if not self.is_dirty:
            return
        if self.ask_discard():
            self.forget_draft()
            if self.editing is not None:
                self.open_stored(self.store.get(self.editing.id))
            else:
                self.start_new()

    def save_draft(self) -> None:
        """Autosave: what is typed is kept in the draft file (see ``FormSession.keep_draft``)."""
        self.session.keep_draft(self.raw_state())

    def forget_draft(self) -> None:
        self.session.forget_draft()

    # --- questions (one module, so tests can answer them) ------------------------------------

    ask_keep_as_draft = form_questions.ask_keep_as_draft
    ask_nik_changed = form_questions.ask_nik_changed
    ask_unsaved = form_questions.ask_unsaved
    ask_discard = form_questions.ask_discard
    tell = form_questions.tell
