"""The pull side of the wire contract: what the office sends a laptop after its cursor.

A page (``PullPage``) carries the canonical records of the laptop's area that changed, the
records that became tombstones (merged into another person's record, or withdrawn), the
review items of the laptop's own records (raised, decided or superseded), and newer reference
data. Each shape reads and writes its own JSON, so no module reads a pull by dictionary key.

The JSON stays readable by older laptops: ``records`` and ``conflicts`` (the review items)
keep their keys and fields; tombstones travel in their own list, which an older laptop
ignores. ``sync_messages`` re-exports these names with the push side.
"""

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from desktop_app.domain.enrollment import Enrollment, enrollment_from_json, enrollment_to_json


class PullFormatError(ValueError):
    """A pull page (or part of one) that cannot be read; the message names the part."""


class ReviewKind(StrEnum):
    """What a supervisor is asked to decide."""

    IDENTITY_CONFLICT = "identity_conflict"  # name, birth date, sex or birth place differ
    MONEY_CONFLICT = "money_conflict"  # income, months, funding, programmes or consent differ
    NIK_CORRECTION = "nik_correction"  # a laptop corrected the NIK of a known record
    SAME_PERSON = "same_person"  # a NIK corrected onto a NIK another record holds


class ReviewStatus(StrEnum):
    OPEN = "open"  # waits for a supervisor
    RESOLVED = "resolved"  # decided (see the decision)
    SUPERSEDED = "superseded"  # a newer revision of the laptop's record settled it


class TombstoneState(StrEnum):
    """Why a canonical record is no longer a live record (records are never deleted)."""

    MERGED_INTO = "merged_into"  # the same person as another record, which stays
    WITHDRAWN = "withdrawn"  # taken back by the office (enrolled by mistake)


class Side(StrEnum):
    """Which version a decision keeps for a field."""

    OFFICE = "office"
    INCOMING = "incoming"


def _uuid(value: Any, name: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise PullFormatError(f"{name} is not a UUID: {value!r}") from None


def _optional_uuid(value: Any, name: str) -> uuid.UUID | None:
    return None if value in (None, "") else _uuid(value, name)


def _whole(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise PullFormatError(f"{name} must be a whole number, not {value!r}")
    return value


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _moment(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _record(value: Any, name: str) -> Enrollment:
    """A record as the office holds it: the office checked it already, so only a value that
    is not a record at all is refused."""
    if not isinstance(value, dict):
        raise PullFormatError(f"{name} must be a record object")
    return enrollment_from_json(value)[0]


def _optional_record(value: Any, name: str) -> Enrollment | None:
    return None if value is None else _record(value, name)


def _object(value: Any, name: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise PullFormatError(f"{name} must be an object")
    return value


@dataclass(frozen=True)
class OfficeVersion:
    """One canonical record at one office revision (``current`` in a review notice)."""

    office_id: uuid.UUID
    revision: int
    record: Enrollment

    def to_json(self) -> dict[str, Any]:
        return {"office_id": str(self.office_id), "revision": self.revision,
                "record": enrollment_to_json(self.record)}

    @classmethod
    def from_json(cls, data: Any) -> "OfficeVersion":
        data = _object(data, "current")
        return cls(_uuid(data.get("office_id"), "current.office_id"),
                   _whole(data.get("revision"), "current.revision"),
                   _record(data.get("record"), "current.record"))


@dataclass(frozen=True)
class PulledRecord:
    """A live canonical record of the laptop's area, at the office revision ``revision``.

    ``yours``: the laptop sent a record of this person, so a change is told to its officer.
    ``enrolled_on``: the day the person was first enrolled, which every side validates on.
    """

    office_id: uuid.UUID
    revision: int
    seq: int
    record: Enrollment
    yours: bool = False
    enrolled_on: date | None = None

    def to_json(self) -> dict[str, Any]:
        return {"office_id": str(self.office_id), "revision": self.revision, "seq": self.seq,
                "yours": self.yours,
                "enrolled_on": self.enrolled_on.isoformat() if self.enrolled_on else None,
                "record": enrollment_to_json(self.record)}

    @classmethod
    def from_json(cls, data: Any) -> "PulledRecord":
        data = _object(data, "records[]")
        return cls(office_id=_uuid(data.get("office_id"), "records[].office_id"),
                   revision=_whole(data.get("revision"), "records[].revision"),
                   seq=_whole(data.get("seq") or 0, "records[].seq"),
                   record=_record(data.get("record"), "records[].record"),
                   yours=bool(data.get("yours")),
                   enrolled_on=_day(data.get("enrolled_on")))


@dataclass(frozen=True)
class Tombstone:
    """A canonical record that is no longer live. ``merged_into`` names the record that
    stays (for ``TombstoneState.MERGED_INTO``): a laptop redirects its copy there. ``nik``
    is the NIK the record last held, so a laptop finds a copy it never linked."""

    office_id: uuid.UUID
    state: TombstoneState
    revision: int
    seq: int
    nik: str
    merged_into: uuid.UUID | None = None
    yours: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"office_id": str(self.office_id), "state": str(self.state),
                "revision": self.revision, "seq": self.seq, "nik": self.nik,
                "merged_into": str(self.merged_into) if self.merged_into else None,
                "yours": self.yours}

    @classmethod
    def from_json(cls, data: Any) -> "Tombstone":
        data = _object(data, "tombstones[]")
        try:
            state = TombstoneState(data.get("state"))
        except ValueError:
            raise PullFormatError(f"tombstones[].state {data.get('state')!r} is not "
                                  "merged_into or withdrawn") from None
        merged_into = _optional_uuid(data.get("merged_into"), "tombstones[].merged_into")
        if state is TombstoneState.MERGED_INTO and merged_into is None:
            raise PullFormatError("a merged_into tombstone must name the record it joined")
        return cls(office_id=_uuid(data.get("office_id"), "tombstones[].office_id"),
                   state=state, revision=_whole(data.get("revision"), "tombstones[].revision"),
                   seq=_whole(data.get("seq") or 0, "tombstones[].seq"),
                   nik=str(data.get("nik") or ""), merged_into=merged_into,
                   yours=bool(data.get("yours")))


@dataclass(frozen=True)
class ReviewDecision:
    """What a supervisor decided: one side per disputed field, and for a same-person item
    whether the two records are one person. ``revision`` is the office revision the
    decision made (or found, when it changed nothing)."""

    fields: Mapping[str, Side] = field(default_factory=dict)
    revision: int = 0
    same_person: bool | None = None

    def to_json(self) -> dict[str, Any]:
        return {"fields": {name: str(side) for name, side in self.fields.items()},
                "revision": self.revision, "same_person": self.same_person}

    @classmethod
    def from_json(cls, data: Any) -> "ReviewDecision":
        data = _object(data, "resolution")
        chosen = data.get("fields") or {}
        if not isinstance(chosen, dict):
            raise PullFormatError("resolution.fields must be an object")
        try:
            sides = {str(name): Side(side) for name, side in chosen.items()}
        except ValueError:
            raise PullFormatError("resolution.fields must name office or incoming") from None
        same = data.get("same_person")
        return cls(sides, _whole(data.get("revision") or 0, "resolution.revision"),
                   same if isinstance(same, bool) else None)


@dataclass(frozen=True)
class ReviewNotice:
    """A review item of one laptop record, as the laptop that sent the record pulls it (and
    as ``office conflicts --json`` lists it). ``office_record`` is the office version the
    item was raised on, ``incoming_record`` the laptop's, ``base_record`` the office revision
    the laptop's edit started from (None for a second enrollment). For a same-person item,
    ``other_office_id`` is the record whose NIK was corrected onto ``office_id``'s NIK.
    ``current`` is the office's record as it is now (after the decision, once decided)."""

    review_id: uuid.UUID
    kind: ReviewKind
    status: ReviewStatus
    nik: str
    office_id: uuid.UUID
    device_id: uuid.UUID
    enrollment_id: uuid.UUID
    revision: int  # the laptop revision the item is about
    fields: tuple[str, ...]
    office_record: Enrollment | None
    incoming_record: Enrollment | None
    created_at: datetime
    office_revision: int = 0
    base_record: Enrollment | None = None
    other_office_id: uuid.UUID | None = None
    decision: ReviewDecision | None = None
    resolved_by: str = ""
    resolved_at: datetime | None = None
    current: OfficeVersion | None = None
    seq: int = 0

    def to_json(self) -> dict[str, Any]:
        def record(value: Enrollment | None) -> dict[str, Any] | None:
            return None if value is None else enrollment_to_json(value)
        return {
            "conflict_id": str(self.review_id),  # the key older laptops read
            "kind": str(self.kind),
            "status": str(self.status),
            "nik": self.nik,
            "office_id": str(self.office_id),
            "other_office_id": str(self.other_office_id) if self.other_office_id else None,
            "device_id": str(self.device_id),
            "enrollment_id": str(self.enrollment_id),
            "revision": self.revision,
            "office_revision": self.office_revision,
            "fields": list(self.fields),
            "office_record": record(self.office_record),
            "incoming_record": record(self.incoming_record),
            "base_record": record(self.base_record),
            "resolution": self.decision.to_json() if self.decision else None,
            "resolved_by": self.resolved_by,
            "resolved_at": self.resolved_at.isoformat() if self.resolved_at else None,
            "created_at": self.created_at.isoformat(),
            "current": self.current.to_json() if self.current else None,
            "seq": self.seq,
        }

    @classmethod
    def from_json(cls, data: Any) -> "ReviewNotice":
        data = _object(data, "conflicts[]")
        try:
            # an older office sent identity conflicts only, without a kind
            kind = ReviewKind(data.get("kind") or ReviewKind.IDENTITY_CONFLICT)
            status = ReviewStatus(data.get("status"))
        except ValueError:
            raise PullFormatError(f"conflicts[]: unknown kind {data.get('kind')!r} or "
                                  f"status {data.get('status')!r}") from None
        fields_ = data.get("fields") or []
        if not isinstance(fields_, list):
            raise PullFormatError("conflicts[].fields must be a list")
        created = _moment(data.get("created_at"))
        if created is None:
            raise PullFormatError("conflicts[].created_at must be a date and time")
        resolution = data.get("resolution")
        current = data.get("current")
        return cls(
            review_id=_uuid(data.get("conflict_id"), "conflicts[].conflict_id"),
            kind=kind, status=status, nik=str(data.get("nik") or ""),
            office_id=_uuid(data.get("office_id"), "conflicts[].office_id"),
            device_id=_uuid(data.get("device_id"), "conflicts[].device_id"),
            enrollment_id=_uuid(data.get("enrollment_id"), "conflicts[].enrollment_id"),
            revision=_whole(data.get("revision"), "conflicts[].revision"),
            fields=tuple(str(name) for name in fields_),
            office_record=_optional_record(data.get("office_record"), "office_record"),
            incoming_record=_optional_record(data.get("incoming_record"), "incoming_record"),
            created_at=created,
            office_revision=_whole(data.get("office_revision") or 0, "office_revision"),
            base_record=_optional_record(data.get("base_record"), "base_record"),
            other_office_id=_optional_uuid(data.get("other_office_id"), "other_office_id"),
            decision=ReviewDecision.from_json(resolution) if resolution else None,
            resolved_by=str(data.get("resolved_by") or ""),
            resolved_at=_moment(data.get("resolved_at")),
            current=OfficeVersion.from_json(current) if current else None,
            seq=_whole(data.get("seq") or 0, "conflicts[].seq"))


@dataclass(frozen=True)
class ReferenceBundle:
    """The office's reference data files (name -> text) and the version they make."""

    version: str
    files: Mapping[str, str]

    def to_json(self) -> dict[str, Any]:
        return {"version": self.version, "files": dict(self.files)}

    @classmethod
    def from_json(cls, data: Any) -> "ReferenceBundle":
        data = _object(data, "reference")
        files = data.get("files")
        if not isinstance(files, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in files.items()):
            raise PullFormatError("reference.files must map file names to their text")
        return cls(str(data.get("version") or ""), files)


@dataclass(frozen=True)
class PullPage:
    """One page of what changed at the office after the laptop's cursor. ``cursor`` is where
    the next page starts (store it with the page, in one transaction); ``more`` says whether
    another page follows. ``reviews`` travel under the JSON key ``conflicts``."""

    cursor: int
    more: bool
    records: tuple[PulledRecord, ...] = ()
    tombstones: tuple[Tombstone, ...] = ()
    reviews: tuple[ReviewNotice, ...] = ()
    reference: ReferenceBundle | None = None

    def to_json(self) -> dict[str, Any]:
        return {"cursor": self.cursor, "more": self.more,
                "records": [r.to_json() for r in self.records],
                "tombstones": [t.to_json() for t in self.tombstones],
                "conflicts": [r.to_json() for r in self.reviews],
                "reference": self.reference.to_json() if self.reference else None}

    @classmethod
    def from_json(cls, data: Any) -> "PullPage":
        data = _object(data, "a pull page")
        lists = {}
        for key in ("records", "tombstones", "conflicts"):
            value = data.get(key)
            value = [] if value is None else value
            if not isinstance(value, list):
                raise PullFormatError(f"{key} must be a list")
            lists[key] = value
        reference = data.get("reference")
        return cls(cursor=_whole(data.get("cursor") or 0, "cursor"),
                   more=bool(data.get("more")),
                   records=tuple(PulledRecord.from_json(r) for r in lists["records"]),
                   tombstones=tuple(Tombstone.from_json(t) for t in lists["tombstones"]),
                   reviews=tuple(ReviewNotice.from_json(c) for c in lists["conflicts"]),
                   reference=ReferenceBundle.from_json(reference) if reference else None)
