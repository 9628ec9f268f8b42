"""The merge rules that decide what happens when two enrollments name the same NIK.

Both the office (when a batch arrives) and the laptop (to explain an answer) use these rules, so
both sides agree on what a conflict is. Nothing here looks at a clock: when both sides changed a
contact or work field, the incoming change wins because the office sequences it after the change
it already holds (the office's causal order), and the replaced value goes to the history.

Identity fields (name, birth date, sex, birth place) are never settled by a machine: when they
disagree the result is a conflict and the office's record stays as it was.
"""

import re
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any

from desktop_app.domain.banjar import fold
from desktop_app.domain.enrollment import Enrollment

IDENTITY_FIELDS = ("full_name", "birth_date", "sex", "birth_place")
MERGED_FIELDS = tuple(f.name for f in fields(Enrollment) if f.name != "nik")


class MergeOutcome(StrEnum):
    """Per record, what the office answers (rejected is decided before merging)."""

    ACCEPTED = "accepted"  # new to the office, or an edit of the office's latest revision
    MERGED = "merged"  # combined with changes the office already had
    CONFLICT = "conflict"  # waits for review: a person must decide (see ``review_kind``)
    REJECTED = "rejected"  # failed validation; never reaches the merge
    ERROR = "error"  # the office failed on this record alone (see the answer's ``incident``)


@dataclass(frozen=True)
class MergeResult:
    outcome: MergeOutcome
    record: Enrollment  # what the office keeps: the merged record, or its own on a conflict
    replaced: dict[str, tuple[Any, Any]]  # field -> (office value, value taken): the history
    conflicting: tuple[str, ...] = ()  # identity fields that disagree


def identity_key(value: Any) -> Any:
    """How identity values compare: names without case, spaces or punctuation."""
    if isinstance(value, str):
        return re.sub(r"\s", "", fold(value))
    return value


def _same(name: str, left: Any, right: Any) -> bool:
    if name in IDENTITY_FIELDS:
        return identity_key(left) == identity_key(right)
    return left == right


def _empty(value: Any) -> bool:
    if value is None or value == "":
        return True
    return bool(getattr(value, "is_blank", False))


def merge_enrollments(office: Enrollment, incoming: Enrollment,
                      base: Enrollment | None) -> MergeResult:
    """Merges ``incoming`` into the office's record of the same NIK.

    ``base`` is the office revision the incoming edit started from (None when the laptop made
    its record without knowing the office's: two enrollments of one person). Without a base, a
    field filled on one side only takes that value, and an incoming empty value never erases
    what the office holds.
    """
    taken: dict[str, Any] = {}
    conflicting: list[str] = []
    # the office had its own record, or was changed since the revision the edit started from
    office_moved = base is None or any(getattr(office, name) != getattr(base, name)
                                       for name in MERGED_FIELDS)
    for name in MERGED_FIELDS:
        mine, theirs = getattr(office, name), getattr(incoming, name)
        if mine == theirs:
            continue
        if base is None:
            if _empty(theirs):
                continue
            both_changed = not _empty(mine)
        else:
            original = getattr(base, name)
            if theirs == original:  # changed at the office only (or nowhere): kept
                continue
            both_changed = mine != original
        if both_changed and _same(name, mine, theirs):
            continue  # the same value written two ways: the office's spelling stays
        if both_changed and name in IDENTITY_FIELDS:
            conflicting.append(name)
            continue
        taken[name] = theirs
    if conflicting:
        return MergeResult(MergeOutcome.CONFLICT, office, {}, tuple(conflicting))
    replaced = {name: (getattr(office, name), value) for name, value in taken.items()
                if not _empty(getattr(office, name))}
    outcome = MergeOutcome.MERGED if office_moved else MergeOutcome.ACCEPTED
    return MergeResult(outcome, office.with_changes(**taken), replaced)
