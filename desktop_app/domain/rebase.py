"""The laptop's rebase: unsent local work carried over onto a newer office version.

When the office's version of a record arrives (an answer ``merged``, or a pulled revision)
while the laptop holds changes the office has not seen (a pending edit, a draft, a record the
office rejected), the laptop neither keeps its stale values nor drops its work: it merges
three-way, against ``base``, the office version its local edit started from.

- a field changed on one side only takes that side's value;
- a field both sides changed to the same value (names compared as the merge rules compare
  identity) stays as it is;
- a field both sides changed differently is a ``Clash``: the laptop's value stays (an unsent
  change never disappears) and the officer is shown both. For a contact or work field the
  laptop's value simply goes next, after the office's, as the merge table says (the later in
  office order wins; the office keeps the other in its history). For an identity, money or
  consent field the merge table asks a person: the clash ``holds`` the record until the
  officer saves it again, having seen both values, so a push never overwrites the office's
  value without anyone choosing.

Values compare as the merge table compares them (``merge.same_value``: names without case or
spaces, consent by its answer and text, programmes as a set); who recorded consent on this
laptop, and when, stays the laptop's (the store keeps it).
"""

from dataclasses import dataclass
from typing import Any

from desktop_app.domain.enrollment import Enrollment
from desktop_app.domain.merge import CONTACT_FIELDS, MERGED_FIELDS, same_value


@dataclass(frozen=True)
class Clash:
    """One field both sides changed differently: its value on this laptop (kept) and at the
    office. ``holds``: the field needs a person, so the record waits for its officer."""

    field: str
    laptop: Any
    office: Any
    holds: bool


@dataclass(frozen=True)
class Rebased:
    record: Enrollment  # the office's version with the laptop's own changes on top
    clashes: tuple[Clash, ...] = ()

    @property
    def holds(self) -> bool:
        return any(c.holds for c in self.clashes)


def nik_after_rebase(base: Enrollment | None, local_nik: str, office_nik: str) -> str:
    """The NIK the row holds once the office's version is taken under it: the laptop's own
    unsent change of it stays (as ``rebase`` keeps it), else the office's. ``base`` is None
    when nothing of the laptop's waits."""
    return local_nik if base is not None and local_nik != base.nik else office_nik


def rebase(base: Enrollment, local: Enrollment, office: Enrollment) -> Rebased:
    """``local`` (edited from ``base``) carried over onto ``office`` (also from ``base``)."""
    taken: dict[str, Any] = {}
    clashes: list[Clash] = []
    for name in MERGED_FIELDS:
        mine, theirs, original = (getattr(local, name), getattr(office, name),
                                  getattr(base, name))
        if same_value(name, mine, original):
            continue  # not changed here: the office's value (changed there or not) stands
        taken[name] = mine
        if same_value(name, theirs, original) or same_value(name, theirs, mine):
            continue  # changed here only, or to the same value on both sides
        clashes.append(Clash(name, mine, theirs, holds=name not in CONTACT_FIELDS))
    return Rebased(office.with_changes(**taken), tuple(clashes))
