"""The merge table: what a machine may merge when two versions of one person's record meet.

Both the office (when a batch arrives, and when a supervisor decides a review item) and the
laptop (to rebase its unsent edits onto a pulled revision) use these rules, so both sides agree
on what merges and what needs a person. Nothing here looks at a clock: "later" means later in
the office's order, and the incoming version is ordered after what the office already holds.

Three groups of fields (the table in DESIGN.md and the README):

- identity (NIK, name, birth date, sex, birth place): a change goes to review, whether one side
  or both made it; names compare without case, spaces or punctuation. Filling a blank is not a
  change of who the person is: it is applied.
- contact and work (phone, address, desa, banjar, occupation, KK number, beneficiary, notes):
  merged three-way; changed on both sides, the later in office order (the incoming) wins and
  the replaced value goes to the history.
- money and consent (income, payment months, first month, funding, sponsor, programmes,
  consent): changed on one side, applied; changed on both sides differently, review.

Without a base (a second enrollment of a known NIK), an empty incoming value never erases what
the office holds; identity or money values that differ go to review, contact values are
applied (over a differing office value too, which goes to the history).
"""

from collections.abc import Mapping
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any

from desktop_app.domain.banjar import fold
from desktop_app.domain.enrollment import Enrollment
from desktop_app.domain.sync_pull import ReviewKind, Side

IDENTITY_FIELDS = ("nik", "full_name", "birth_date", "sex", "birth_place")
CONTACT_FIELDS = ("phone", "address", "desa_code", "banjar", "occupation", "occupation_other",
                  "kk_number", "beneficiary", "notes")
MONEY_FIELDS = ("monthly_income", "payment_months", "first_month", "funding_source",
                "sponsor_name", "programs", "consent")
# every field of a record, in the record's order: each belongs to exactly one group
MERGED_FIELDS = tuple(f.name for f in fields(Enrollment))


class FieldGroup(StrEnum):
    IDENTITY = "identity"
    CONTACT = "contact"
    MONEY = "money"


GROUP_OF: dict[str, FieldGroup] = {
    **{name: FieldGroup.IDENTITY for name in IDENTITY_FIELDS},
    **{name: FieldGroup.CONTACT for name in CONTACT_FIELDS},
    **{name: FieldGroup.MONEY for name in MONEY_FIELDS},
}
assert set(GROUP_OF) == set(MERGED_FIELDS), "every record field needs a row of the table"


class MergeOutcome(StrEnum):
    """Per record, what the office answers (rejected is decided before merging)."""

    ACCEPTED = "accepted"  # new to the office, or an edit of the office's latest revision
    MERGED = "merged"  # combined with changes the office already had
    CONFLICT = "conflict"  # waits for review: a person must decide (see ``review_kind``)
    REJECTED = "rejected"  # failed validation; never reaches the merge
    ERROR = "error"  # the office failed on this record alone (see the answer's ``incident``)


@dataclass(frozen=True)
class MergeResult:
    """``record`` is what the office keeps now: the merged record, or its own unchanged when
    the merge waits for review. ``proposal`` is the office's record with every change a
    machine may apply (equal to ``record`` unless in review): a decision builds on it."""

    outcome: MergeOutcome
    record: Enrollment
    replaced: dict[str, tuple[Any, Any]]  # field -> (office value, value taken): the history
    conflicting: tuple[str, ...] = ()  # the fields a person must decide
    review_kind: ReviewKind | None = None
    proposal: Enrollment | None = None


def identity_key(value: Any) -> Any:
    """How identity values compare: names without case, spaces or punctuation."""
    if isinstance(value, str):
        return fold(value).replace(" ", "")
    return value


def same_value(name: str, left: Any, right: Any) -> bool:
    """Whether two values of field ``name`` say the same thing. Consent is the same when it
    was given (or not) to the same text, whoever recorded it when; programmes are a set."""
    if GROUP_OF.get(name) is FieldGroup.IDENTITY:
        return identity_key(left) == identity_key(right)
    if name == "consent":
        return (left.given, left.text_version) == (right.given, right.text_version)
    if name == "programs":
        return set(left) == set(right)
    return left == right


def _empty(value: Any) -> bool:
    if value is None or value == "":
        return True
    return bool(getattr(value, "is_blank", False))


def review_kind(conflicting: tuple[str, ...]) -> ReviewKind:
    """The kind of review item a set of disputed fields makes (a NIK first: it decides whose
    record the others belong to)."""
    if "nik" in conflicting:
        return ReviewKind.NIK_CORRECTION
    if any(GROUP_OF[name] is FieldGroup.IDENTITY for name in conflicting):
        return ReviewKind.IDENTITY_CONFLICT
    return ReviewKind.MONEY_CONFLICT


def merge_enrollments(office: Enrollment, incoming: Enrollment,
                      base: Enrollment | None) -> MergeResult:
    """Merges ``incoming`` into the office's record of the same person by the merge table.

    ``base`` is the office revision the incoming edit started from (None when the laptop made
    its record without knowing the office's: a second enrollment of one person).
    """
    taken: dict[str, Any] = {}
    conflicting: list[str] = []
    # the office had its own record, or was changed since the revision the edit started from
    office_moved = base is None or any(not same_value(name, getattr(office, name),
                                                      getattr(base, name))
                                       for name in MERGED_FIELDS)
    for name in MERGED_FIELDS:
        mine, theirs = getattr(office, name), getattr(incoming, name)
        if same_value(name, mine, theirs):
            continue  # the same value, or written two ways: the office's spelling stays
        if base is None:
            if _empty(theirs):
                continue  # an empty value never erases
            original_empty, both_changed = True, not _empty(mine)
        else:
            original = getattr(base, name)
            if same_value(name, theirs, original):
                continue  # changed at the office only: kept
            original_empty, both_changed = _empty(original), not same_value(name, mine,
                                                                            original)
        group = GROUP_OF[name]
        if group is FieldGroup.IDENTITY and not (_empty(mine) and original_empty):
            conflicting.append(name)  # who the person is: never a machine's choice
        elif group is FieldGroup.MONEY and both_changed:
            conflicting.append(name)
        else:
            taken[name] = theirs
    replaced = {name: (getattr(office, name), value) for name, value in taken.items()
                if not _empty(getattr(office, name))}
    proposal = office.with_changes(**taken)
    if conflicting:
        disputed = tuple(conflicting)
        return MergeResult(MergeOutcome.CONFLICT, office, {}, disputed, review_kind(disputed),
                           proposal)
    outcome = MergeOutcome.MERGED if office_moved else MergeOutcome.ACCEPTED
    return MergeResult(outcome, proposal, replaced, proposal=proposal)


class StaleDecision(Exception):
    """A decision about ``field`` was made on the office's version the item was raised on,
    but the office changed that field since (to ``newer``): it must be looked at again."""

    def __init__(self, field: str, newer: Any) -> None:
        super().__init__(f"{field} changed at the office since the item was raised: {newer!r}")
        self.field = field
        self.newer = newer


def settle(raised_on: Enrollment, current: Enrollment, proposal: Enrollment,
           incoming: Enrollment, choice: Mapping[str, Side]) -> Enrollment:
    """The record a decision makes, applied three-way against ``raised_on`` (the office's
    version the item was raised on): a disputed field takes the chosen side; every other
    field the office changed since keeps its newer value (later in the office's order); the
    rest takes the ``proposal`` (the machine-mergeable changes of the incoming record, so
    "keep office" still keeps the laptop's new phone). Raises StaleDecision when a disputed
    field changed at the office since the item was raised."""
    for name in choice:
        if not same_value(name, getattr(current, name), getattr(raised_on, name)):
            raise StaleDecision(name, getattr(current, name))
    values: dict[str, Any] = {}
    for name in MERGED_FIELDS:
        if name in choice:
            side = choice[name]
            values[name] = getattr(incoming if side is Side.INCOMING else current, name)
        elif not same_value(name, getattr(current, name), getattr(raised_on, name)):
            values[name] = getattr(current, name)
        else:
            values[name] = getattr(proposal, name)
    return Enrollment(**values)
