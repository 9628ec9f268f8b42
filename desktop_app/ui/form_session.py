"""The enrollment form's state and its decisions, with no Qt: what is on screen, what changed,
which messages show, and what saving does.

The widget (``ui/enrollment_form.py``) is an adapter: it reads its editors into this session
(as the raw text of every field, and the record they describe) and shows what the session
decides. So the rules of the form (dirty tracking, what the NIK fills, when an error shows, the
NIK typed over a saved person, drafts, duplicates) are tested as plain Python
(``tests/ui/test_form_session.py``).

A save is split in two for the write lane: ``save_request`` is what to write (a frozen value,
made on the UI thread), ``write_enrollment`` writes it (on the lane) and says how it went as a
``SaveOutcome``, and ``saved`` takes that outcome back into the session.
"""

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from desktop_app.domain.contribution import ContributionQuote
from desktop_app.domain.enrollment import Enrollment
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

# the fields the NIK holds: filled from it until the officer types them
_FROM_NIK = ("birth_date", "sex")
# what a NIK still being typed says: not shown while the NIK field has the keys
_STILL_TYPING = ("required", "length")


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


class SaveStep(Enum):
    """What a save does once the form is readable, holds no duplicate NIK, and the question
    about a NIK typed over a saved person is settled."""

    WRITE = "write"  # valid: saved as ready
    ASK_DRAFT = "ask_draft"  # errors, but a whole NIK: the officer may keep it as a draft
    FIX = "fix"  # errors and no whole NIK: not saved, the fields in red say why


@dataclass(frozen=True)
class SaveRequest:
    """One save, as the write lane runs it: a new record, or an edit of ``enrollment_id``
    made to ``expected_revision``."""

    record: Enrollment
    allow_draft: bool
    officer_id: uuid.UUID
    enrollment_id: uuid.UUID | None = None  # None: a new person
    expected_revision: int = 0
    on: date | None = None  # a new person's enrollment day
    visit_id: uuid.UUID | None = None


class SaveResult(Enum):
    SAVED = "saved"
    DUPLICATE = "duplicate"  # another record holds the NIK: ``existing`` names it
    STALE = "stale"  # the record was changed since it was opened
    REFUSED = "refused"  # the store refused the record's errors


@dataclass(frozen=True)
class SaveOutcome:
    result: SaveResult
    stored: StoredEnrollment | None = None  # the saved record, or the NIK's holder


def write_enrollment(store: EnrollmentStore, request: SaveRequest) -> SaveOutcome:
    """Writes the request; the store's refusals become outcomes (the other errors, a locked
    database among them, are raised for the write lane to report)."""
    try:
        if request.enrollment_id is None:
            assert request.on is not None
            stored = store.create(request.record, officer_id=request.officer_id, on=request.on,
                                  allow_draft=request.allow_draft, visit_id=request.visit_id)
        else:
            stored = store.update(request.enrollment_id, request.record,
                                  officer_id=request.officer_id,
                                  expected_revision=request.expected_revision,
                                  allow_draft=request.allow_draft)
    except DuplicateNik as duplicate:
        return SaveOutcome(SaveResult.DUPLICATE, duplicate.existing)
    except StaleRevision:
        return SaveOutcome(SaveResult.STALE)
    except EnrollmentRefused:
        return SaveOutcome(SaveResult.REFUSED)
    return SaveOutcome(SaveResult.SAVED, stored)


class FormSession:
    """One form's state: the record being edited (None: a new person), what the fields held
    when it was opened or saved, what the officer touched, and the draft kept on disk.

    ``raw`` arguments are every field's text as typed (``{field: raw value}``), as the widget
    reads them; ``record`` and ``problems`` are what they describe and what could not be read.
    """

    def __init__(self, *, store: EnrollmentStore, context: FormContext,
                 drafts: FormDraftFile) -> None:
        self.store = store
        self.context = context
        self.drafts = drafts
        self.editing: StoredEnrollment | None = None
        self.base_revision = 0  # the revision of ``editing`` the typed changes are based on
        self.checked: CheckedEnrollment | None = None
        self.existing: StoredEnrollment | None = None  # another record holding the typed NIK
        self.baseline: dict[str, Any] = {}  # the fields as opened or saved
        self.touched: set[str] = set()
        self.from_nik: set[str] = set()  # fields the NIK filled, refilled when it changes
        self.show_all = False  # a save was tried: every error shows, touched or not
        self.confirmed_nik: str | None = None  # a NIK the officer said corrects ``editing``
        self.draft_kept: dict[str, Any] | None = None  # what the draft file holds now

    # --- states -------------------------------------------------------------------------------

    def begin_new(self) -> Enrollment:
        """A new person: the blank record to show, at the current visit's place."""
        self.editing, self.existing = None, None
        visit = self.context.visit
        return Enrollment(desa_code=visit.desa_code if visit else "",
                          banjar=visit.banjar if visit else "",
                          first_month=YearMonth.of(self.context.enrollment_day()))

    def begin_stored(self, stored: StoredEnrollment) -> Enrollment:
        """A stored record opened for editing: the record to show."""
        self.editing, self.existing, self.base_revision = stored, None, stored.revision
        return stored.record

    def restore(self, draft: dict[str, Any], fields: Iterable[str]) -> dict[str, Any]:
        """A draft brought back: the fields' text to show. An edit stays based on the revision
        it started from, so a newer change is never overwritten; every field counts as
        touched and nothing as saved."""
        self.editing = None
        if draft.get("enrollment_id"):
            try:
                self.editing = self.store.get(uuid.UUID(draft["enrollment_id"]))
                self.base_revision = int(draft.get("revision") or 0)
            except LookupError:
                self.editing = None
        self.touched = set(fields)
        self.baseline = {}
        return draft["state"]

    def reset_tracking(self, raw: dict[str, Any]) -> None:
        """``raw`` is what is saved now: nothing changed, nothing touched."""
        self.confirmed_nik = None
        self.baseline = dict(raw)
        self.touched, self.from_nik, self.show_all = set(), set(), False

    def is_dirty(self, raw: dict[str, Any]) -> bool:
        return raw != self.baseline

    def typed_beyond_nik(self, raw: dict[str, Any]) -> bool:
        """Whether fields other than the NIK (and what it filled) were changed."""
        automatic = {"nik", *self.from_nik}
        return any(raw[k] != self.baseline.get(k) for k in raw if k not in automatic)

    # --- typing -------------------------------------------------------------------------------

    def edited(self, name: str) -> None:
        """The officer changed ``name``: it is theirs now, no longer the NIK's."""
        self.touched.add(name)
        self.from_nik.discard(name)

    def nik_fills(self, raw: dict[str, Any]) -> dict[str, object]:
        """What a whole NIK fills (birth date, sex): the fields it filled before, and the empty
        ones; a value the officer typed stays. Once shown, ``filled_from_nik`` marks them."""
        parsed = parse_nik(raw["nik"], today=self.context.today())
        if parsed.info is None:
            return {}
        values = {"birth_date": parsed.info.birth_date, "sex": parsed.info.sex}
        return {name: values[name] for name in _FROM_NIK
                if name in self.from_nik or not raw.get(name)}

    def filled_from_nik(self, names: Iterable[str]) -> None:
        """The NIK's values are in these fields (after the editors' own change signals, which
        count as edits): they follow the NIK until the officer types them."""
        self.from_nik.update(names)

    def check(self, record: Enrollment, problems: list[FieldIssue]) -> list[FieldIssue]:
        """Validates what the fields describe: every issue, the unreadable fields' first. A
        saved record is checked on its own enrollment day, as the store checks it."""
        day = self.editing.enrolled_on if self.editing else self.context.enrollment_day()
        checked = check_enrollment(record, on=day)
        self.checked = checked
        unreadable = {p.field for p in problems}
        self.existing = self._existing_holder(checked)
        return problems + [i for i in checked.issues if i.field not in unreadable]

    def _existing_holder(self, checked: CheckedEnrollment) -> StoredEnrollment | None:
        if checked.nik_info is None:
            return None
        found = self.store.find_by_nik(checked.record.nik)
        if found is None or (self.editing is not None and found.id == self.editing.id):
            return None
        return found

    def shows(self, issue: FieldIssue, *, typing_nik: bool) -> bool:
        """Whether an issue shows beside its field: warnings always, errors once the field was
        touched (every error after a save was tried); the NIK's 'too short' not while it is
        being typed."""
        if self.show_all or not issue.is_error:
            return True
        if issue.field == "nik" and typing_nik:
            return issue.code not in _STILL_TYPING
        return issue.field in self.touched

    def quote_to_show(self) -> ContributionQuote | None:
        """The contribution, unless the occupation or the income it is priced from is wrong."""
        checked = self.checked
        if checked is None or any(i.field in ("occupation", "monthly_income")
                                  for i in checked.errors):
            return None
        return checked.quote

    @staticmethod
    def applicable(raw: dict[str, Any]) -> dict[str, bool]:
        """The fields that apply only sometimes: the other occupation for 'lainnya', the
        sponsor's name for a sponsor."""
        occupation = find_occupation(raw["occupation"])
        return {"occupation_other": occupation is not None and occupation.needs_free_text,
                "sponsor_name": raw["funding_source"] == FundingSource.SPONSOR}

    def retyped_nik(self, raw: dict[str, Any]) -> str | None:
        """The NIK typed over the saved person, when it is a whole NIK other than theirs (and
        not one that another saved person holds: the form already offers to open that one)."""
        if self.editing is None or self.existing is not None:
            return None
        parsed = parse_nik(raw["nik"], today=self.context.enrollment_day())
        if parsed.info is None or parsed.nik in (self.editing.record.nik, self.confirmed_nik):
            return None
        return parsed.nik

    # --- saving -------------------------------------------------------------------------------

    def can_save(self, problems: list[FieldIssue]) -> bool:
        """A save goes on only when every field can be read and no other record holds the
        NIK; from here on every error shows."""
        return not problems and self.checked is not None and self.existing is None

    def save_step(self) -> SaveStep:
        checked = self.checked
        assert checked is not None
        if not checked.errors:
            return SaveStep.WRITE
        return SaveStep.ASK_DRAFT if checked.nik_info is not None else SaveStep.FIX

    def save_request(self, record: Enrollment, allow_draft: bool) -> SaveRequest:
        if self.editing is None:
            visit = self.context.visit
            return SaveRequest(record, allow_draft, self.context.officer_id,
                               on=self.context.enrollment_day(),
                               visit_id=visit.id if visit else None)
        return SaveRequest(record, allow_draft, self.context.officer_id,
                           enrollment_id=self.editing.id,
                           expected_revision=self.base_revision)

    def saved(self, outcome: SaveOutcome) -> StoredEnrollment | None:
        """Takes a save's outcome: the record saved (now the one being edited, its draft gone),
        or None when it was not (a duplicate NIK is named as the existing holder)."""
        if outcome.result is SaveResult.DUPLICATE:
            self.existing = outcome.stored
            return None
        if outcome.result is not SaveResult.SAVED or outcome.stored is None:
            return None
        self.editing, self.base_revision = outcome.stored, outcome.stored.revision
        return outcome.stored

    # --- the draft on disk --------------------------------------------------------------------

    def keep_draft(self, raw: dict[str, Any]) -> None:
        """Autosave: keeps what is typed (even unreadable text) until it is saved or discarded.
        Written only when it changed (each write is flushed to disk); a form typed back to
        what it was leaves no draft behind."""
        if not self.is_dirty(raw):
            if self.draft_kept is not None:
                self.forget_draft()
            return
        draft = {"state": dict(raw),
                 "enrollment_id": str(self.editing.id) if self.editing else None,
                 "revision": self.base_revision if self.editing else None}
        if draft != self.draft_kept:
            self.drafts.save(draft)
            self.draft_kept = draft

    def forget_draft(self) -> None:
        self.drafts.clear()
        self.draft_kept = None
