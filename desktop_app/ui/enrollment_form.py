"""The enrollment form: one screen, keyboard first, validated as the officer types.

The fields, their order, labels and help come from ``forms/enrollment.toml``. Every change runs
the domain's ``check_enrollment`` (tens of microseconds), fills birth date and sex from the NIK,
looks the NIK up on this laptop, and prices the contribution. Ctrl+S saves, Ctrl+N starts the
next person, Esc asks before discarding; what is typed is kept in a draft file every few seconds.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
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
from desktop_app.domain.funding import FundingSource
from desktop_app.domain.messages import FieldIssue
from desktop_app.domain.months import YearMonth
from desktop_app.domain.nik import parse_nik
from desktop_app.domain.occupations import find_occupation
from desktop_app.domain.validation import CheckedEnrollment, check_enrollment
from desktop_app.store.enrollments import (
    DuplicateNik,
    EnrollmentRefused,
    EnrollmentStore,
    StaleRevision,
)
from desktop_app.store.form_drafts import FormDraftFile
from desktop_app.store.records import StoredEnrollment
from desktop_app.store.visits import VisitInfo
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

AUTOSAVE_MS = 4000


@dataclass
class FormContext:
    """What the form needs to know about the session: who enrolls, at which visit, what day."""

    officer_id: uuid.UUID
    visit: VisitInfo | None = None
    today: Callable[[], date] = date.today

    def enrollment_day(self) -> date:
        """The day enrollments are made: the visit's day (as in the CLI), else today. Age,
        first month and the discount window are all reckoned on it."""
        return self.visit.visit_date if self.visit is not None else self.today()


class EnrollmentForm(QWidget):
    saved = Signal(object)  # StoredEnrollment
    open_existing = Signal(object)  # uuid.UUID of the record already holding the NIK
    message = Signal(str)  # one line for the status bar

    def __init__(self, *, store: EnrollmentStore, context: FormContext,
                 drafts: FormDraftFile, language: str = "id",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.context = context
        self.drafts = drafts
        self.language = language
        self.editors: dict[str, Editor] = {}
        self.messages: dict[str, QLabel] = {}
        self.editing: StoredEnrollment | None = None
        self.base_revision = 0  # the revision of ``editing`` the typed changes are based on
        self._draft_kept: dict[str, Any] | None = None  # what the draft file holds now
        self.checked: CheckedEnrollment | None = None
        self.existing: StoredEnrollment | None = None
        self._baseline: dict[str, Any] = {}
        self._touched: set[str] = set()
        self._from_nik: set[str] = set()  # fields the NIK filled, refilled when it changes
        self._show_all = False
        self._enter = EnterMovesOn(self)
        self._build()
        self.retyped_nik = RetypedNik(self)
        self._autosave = QTimer(self, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_draft)
        self._autosave.start()
        self.start_new()

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
        self.editing, self.existing = None, None
        visit = self.context.visit
        self.load_record(Enrollment(desa_code=visit.desa_code if visit else "",
                                    banjar=visit.banjar if visit else "",
                                    first_month=YearMonth.of(self.context.enrollment_day())))
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
        self.editing, self.existing, self.base_revision = stored, None, stored.revision
        self.load_record(stored.record)
        self._reset_tracking()
        self.editors["nik"].widget.setFocus()

    def restore_draft(self, draft: dict[str, Any]) -> None:
        """Brings back a form saved by the autosave (after a crash or power cut). An edit
        stays based on the revision it started from, so a newer change is never overwritten."""
        self.editing = None
        if draft.get("enrollment_id"):
            try:
                self.editing = self.store.get(uuid.UUID(draft["enrollment_id"]))
                self.base_revision = int(draft.get("revision") or 0)
            except LookupError:
                self.editing = None
        self.set_raw_state(draft["state"])
        self._touched = set(self.editors)
        self._baseline = {}
        self.refresh()

    def _reset_tracking(self) -> None:
        self.retyped_nik.confirmed = None
        self._baseline = self.raw_state()
        self._touched, self._from_nik, self._show_all = set(), set(), False
        self.refresh()

    @property
    def is_dirty(self) -> bool:
        return self.raw_state() != self._baseline

    def typed_beyond_nik(self) -> bool:
        """Whether fields other than the NIK (and what it filled) were changed."""
        now = self.raw_state()
        automatic = {"nik", *self._from_nik}
        return any(now[k] != self._baseline.get(k) for k in now if k not in automatic)

    # --- live feedback ------------------------------------------------------------------------

    def _edited(self, name: str) -> None:
        self._touched.add(name)
        self._from_nik.discard(name)
        if name == "nik":
            self._fill_from_nik()
        self.refresh()

    def _fill_from_nik(self) -> None:
        parsed = parse_nik(self.editors["nik"].raw(), today=self.context.today())
        if parsed.info is None:
            return
        for name, value in (("birth_date", parsed.info.birth_date), ("sex", parsed.info.sex)):
            editor = self.editors[name]
            if name in self._from_nik or not editor.raw():
                editor.set_value(value)
                self._from_nik.add(name)

    def _desa_changed(self) -> None:
        banjar = self.editors["banjar"]
        if isinstance(banjar, BanjarEditor):
            banjar.show_desa(self.editors["desa_code"].raw())

    def refresh(self) -> None:
        """Validates the form and shows, beside each field, its error or warning."""
        record, problems = self.read_record()
        # a saved record is checked on its own enrollment day, as the store checks it
        day = self.editing.enrolled_on if self.editing else self.context.enrollment_day()
        checked = check_enrollment(record, on=day)
        self.checked = checked
        unreadable = {p.field for p in problems}
        issues = problems + [i for i in checked.issues if i.field not in unreadable]
        self.existing = self._existing_holder(checked)
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
        self.contribution.show_quote(checked.quote if not checked.errors or all(
            i.field not in ("occupation", "monthly_income") for i in checked.errors) else None)
        self.breakdown_button.setEnabled(checked.quote is not None)
        self._enable_what_applies()
        self.heading.setText(form_heading(self.editing, checked, changed=self.is_dirty,
                                          language=self.language))
        self.clash_banner.show_for(self.editing, self.language)

    def _enable_what_applies(self) -> None:
        """The other occupation and the sponsor only for 'lainnya' and a sponsor: disabled, they
        are out of the Tab order too. A field that still holds text stays open, so what no
        longer applies can be seen and cleared (the sponsor's warning says so)."""
        occupation = find_occupation(self.editors["occupation"].raw())
        applies = {"occupation_other": occupation is not None and occupation.needs_free_text,
                   "sponsor_name": self.editors["funding_source"].raw() == FundingSource.SPONSOR}
        for name, applicable in applies.items():
            widget = self.editors[name].widget
            widget.setEnabled(applicable or bool(self.editors[name].raw().strip())
                              or widget.hasFocus())

    def _visible(self, issue: FieldIssue) -> bool:
        if issue.field not in self.messages:
            return False
        if self._show_all or not issue.is_error:
            return True
        if issue.field == "nik" and self.editors["nik"].widget.hasFocus():
            return issue.code not in ("required", "length")  # still typing
        return issue.field in self._touched

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

    def _existing_holder(self, checked: CheckedEnrollment) -> StoredEnrollment | None:
        if checked.nik_info is None:
            return None
        found = self.store.find_by_nik(checked.record.nik)
        if found is None or (self.editing is not None and found.id == self.editing.id):
            return None
        return found

    def _open_existing(self, link: str) -> None:
        self.open_existing.emit(uuid.UUID(link))

    def show_breakdown(self) -> None:
        if self.checked is not None and self.checked.quote is not None:
            ContributionDialog(self.checked.quote, self, language=self.language).exec()

    # --- saving -------------------------------------------------------------------------------

    def save(self) -> bool:
        """Saves the form: ready when valid, a draft when the officer chooses to keep it."""
        self._show_all = True
        self.refresh()
        record, problems = self.read_record()
        checked = self.checked
        if problems or checked is None or self.existing is not None:
            self._focus_first_problem()
            self.message.emit(self.tr("Not saved: fix the fields marked in red."))
            return False
        if self.retyped_nik.settle() in ("new", "cancel"):  # a new person is not saved yet
            return False
        allow_draft = False
        if checked.errors:
            if checked.nik_info is None or not self.ask_keep_as_draft(len(checked.errors)):
                self._focus_first_problem()
                self.message.emit(self.tr("Not saved: fix the fields marked in red."))
                return False
            allow_draft = True
        try:
            stored = self._write(record, allow_draft)
        except DuplicateNik as duplicate:
            self.existing = duplicate.existing
            self.refresh()
            return False
        except StaleRevision:
            self.tell(self.tr("This record was changed since you opened it. Open it again "
                              "from the list to see the change."))
            return False
        except EnrollmentRefused:
            self._focus_first_problem()
            return False
        self.editing, self.base_revision = stored, stored.revision
        self.load_record(stored.record)
        self._reset_tracking()
        self.forget_draft()
        status = (self.tr("draft") if stored.status is EnrollmentStatus.DRAFT
                  else self.tr("ready to sync"))
        self.message.emit(self.tr("Saved: {name} ({status}).").format(
            name=stored.record.full_name, status=status))
        self.saved.emit(stored)
        return True

    def _write(self, record: Enrollment, allow_draft: bool) -> StoredEnrollment:
        if self.editing is None:
            visit = self.context.visit
            return self.store.create(record, officer_id=self.context.officer_id,
                                     on=self.context.enrollment_day(), allow_draft=allow_draft,
                                     visit_id=visit.id if visit else None)
        return self.store.update(self.editing.id, record, officer_id=self.context.officer_id,
                                 expected_revision=self.base_revision,
                                 allow_draft=allow_draft)

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
        """Autosave: keeps what is typed (even unreadable text) until it is saved or discarded.
        Written only when it changed (each write is flushed to disk); a form typed back to
        what it was leaves no draft behind."""
        if not self.is_dirty:
            if self._draft_kept is not None:
                self.forget_draft()
            return
        draft = {"state": self.raw_state(),
                 "enrollment_id": str(self.editing.id) if self.editing else None,
                 "revision": self.base_revision if self.editing else None}
        if draft != self._draft_kept:
            self.drafts.save(draft)
            self._draft_kept = draft

    def forget_draft(self) -> None:
        self.drafts.clear()
        self._draft_kept = None

    # --- questions (one module, so tests can answer them) ------------------------------------

    ask_keep_as_draft = form_questions.ask_keep_as_draft
    ask_nik_changed = form_questions.ask_nik_changed
    ask_unsaved = form_questions.ask_unsaved
    ask_discard = form_questions.ask_discard
    tell = form_questions.tell
