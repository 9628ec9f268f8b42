"""What a laptop and the office say to each other: a batch of records, and the answer per record.

The same JSON travels over HTTP and in a batch file on a USB stick. A batch is signed over its
canonical bytes (``canonical_bytes``: sorted keys, no spaces, UTF-8), so the office can tell
which laptop made a file and that nobody altered it. The wire's JSON is read and written with
orjson (``wire_bytes``, ``from_wire``): at 500 records a batch, the standard library's JSON
took a sixth of the office's time. Reading a batch checks its envelope only;
each record is read with ``enrollment_from_json`` so one bad record is rejected with reasons
while the others go on. The pull side (pages, tombstones, review notices) is typed in
``sync_pull`` and re-exported here, so both directions are read from one module.
"""

import base64
import binascii
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import orjson

from desktop_app.domain.enrollment import Enrollment, enrollment_from_json, enrollment_to_json
from desktop_app.domain.merge import MergeOutcome
from desktop_app.domain.messages import BilingualError, FieldIssue, Text
from desktop_app.domain.sync_pull import (
    OfficeVersion,
    PulledRecord,
    PullFormatError,
    PullPage,
    ReferenceBundle,
    ReviewDecision,
    ReviewKind,
    ReviewNotice,
    ReviewStatus,
    Side,
    Tombstone,
    TombstoneState,
)
from desktop_app.domain.text_bounds import refused_character, without_refused_characters

__all__ = [  # the pull side, re-exported (see sync_pull)
    "OfficeVersion", "PullFormatError", "PullPage", "PulledRecord", "ReferenceBundle",
    "ReviewDecision", "ReviewKind", "ReviewNotice", "ReviewStatus", "Side", "Tombstone",
    "TombstoneState",
]

PROTOCOL = 1
BATCH_FILE = "banjar-enroll batch"  # the "kind" of a batch file on a USB stick
REPLY_FILE = "banjar-enroll reply"  # and of the office's reply file
MAX_FILE_BYTES = 512 * 1024 * 1024
DEFAULT_BATCH_SIZE = 500
MAX_BATCH_RECORDS = 5000


class BatchFormatError(BilingualError, ValueError):
    """The batch envelope cannot be read; ``text`` says what is wrong (the message is the
    English, for the log and the 4xx answer)."""


class SyncFileError(ValueError):
    """A batch or reply file that cannot be read as one; the message says why."""


def read_sync_file(path: Path, kind: str) -> dict[str, Any]:
    """A batch or reply file as JSON, refused with a clear message when it is not one."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise SyncFileError(f"{path} is larger than {MAX_FILE_BYTES // 2**20} MB")
        data = from_wire(path.read_bytes())
    except OSError as failure:
        raise SyncFileError(f"{path} cannot be read ({failure.strerror})") from None
    except ValueError:
        raise SyncFileError(f"{path} is not a {kind} file (not JSON, or cut short)") from None
    if not isinstance(data, dict) or data.get("kind") != kind:
        raise SyncFileError(f"{path} is not a {kind} file")
    return data


@dataclass(frozen=True)
class VisitPlace:
    """The visit a record was made at: its day and place (``visit`` in a pushed record)."""

    day: date
    desa_code: str
    banjar: str

    def to_json(self) -> dict[str, str]:
        return {"date": self.day.isoformat(), "desa_code": self.desa_code,
                "banjar": self.banjar}

    @classmethod
    def from_json(cls, data: Any) -> "VisitPlace | None":
        """The visit as sent; None when absent or unreadable (it is informative only, so it
        never costs the record its answer)."""
        if not isinstance(data, dict):
            return None
        try:
            day = date.fromisoformat(str(data.get("date")))
        except ValueError:
            return None
        return cls(day, without_refused_characters(str(data.get("desa_code") or ""))[:16],
                   without_refused_characters(str(data.get("banjar") or ""))[:100])


@dataclass(frozen=True)
class OutgoingRecord:
    """One laptop record as pushed: its own id and revision, and the office revision its
    changes started from (None when the office has never answered for it)."""

    enrollment_id: uuid.UUID
    revision: int
    base_revision: int | None
    record: Enrollment
    officer_code: str
    # the day the record was made (ISO date), as the laptop stored it: the office validates
    # the record on that day (``enrollment_day``), not on the day it arrives
    enrolled_on: str
    raw: dict[str, Any] | None = None  # the record's JSON as received, for a rejection
    # Optional on the wire (an older laptop sends neither): who enrolled the person, as the
    # laptop knows them, and the visit where, so the office can reconcile people and cash
    # per officer and per visit. Informative only: they never change a merge.
    officer_name: str = ""
    visit: VisitPlace | None = None

    @property
    def enrollment_day(self) -> date | None:
        """``enrolled_on`` as a date; None when absent or unreadable (an older laptop)."""
        try:
            return date.fromisoformat(self.enrolled_on) if self.enrolled_on else None
        except ValueError:
            return None


@dataclass(frozen=True)
class PrintedReceipt:
    """A receipt the laptop printed, reported so the office can vouch for its number."""

    number: str
    copy_number: int
    code: str  # the signed QR text (receipt_code)


@dataclass(frozen=True)
class Batch:
    batch_id: uuid.UUID
    device_id: uuid.UUID
    app_version: str
    records: tuple[OutgoingRecord, ...]
    receipts: tuple[PrintedReceipt, ...] = ()


@dataclass(frozen=True)
class RecordAnswer:
    """The office's answer for one record."""

    enrollment_id: uuid.UUID
    revision: int  # the laptop revision this answers
    outcome: MergeOutcome
    office_id: uuid.UUID | None = None  # the canonical record of the NIK
    office_revision: int | None = None
    # the canonical record after a merge; for a conflict, the office's record of the NIK, so
    # the laptop can show whom the office holds (name, birth date) while the person is still
    # there (optional: an answer without it still reads)
    record: Enrollment | None = None
    reasons: tuple[FieldIssue, ...] = ()  # why it was rejected
    conflict_id: uuid.UUID | None = None  # the review item, when the record waits for one
    conflicting: tuple[str, ...] = ()
    # the kind of that review item (optional: an older office raised identity conflicts only)
    review_kind: ReviewKind | None = None
    # outcome ``error``: the office failed on this record and logged it under this id; the
    # officer quotes it to the office (the record stays pending and is sent again)
    incident: str | None = None


def canonical_bytes(data: Any) -> bytes:
    """The one byte form of a JSON value that signatures and digests are made over."""
    return orjson.dumps(data, option=orjson.OPT_SORT_KEYS)


def wire_bytes(data: Any) -> bytes:
    """A JSON value as UTF-8 bytes: request and answer bodies, files, stored answers.
    ``orjson.Fragment`` embeds JSON text already stored, without reading it first."""
    return orjson.dumps(data)


def wire_text(data: Any) -> str:
    """A JSON value as text, for a database column."""
    return orjson.dumps(data).decode()


def from_wire(data: bytes | str) -> Any:
    """A JSON value from its bytes or text; ValueError when it is not JSON (or is cut off).
    Integers beyond 64 bits come back as floats, so no counter or amount reads as one."""
    return orjson.loads(data)


def batch_to_json(batch: Batch) -> dict[str, Any]:
    receipts = {"receipts": [{"number": r.number, "copy": r.copy_number, "code": r.code}
                             for r in batch.receipts]} if batch.receipts else {}
    return {
        **receipts,
        "protocol": PROTOCOL,
        "batch_id": str(batch.batch_id),
        "device_id": str(batch.device_id),
        "app_version": batch.app_version,
        "records": [{
            "enrollment_id": str(r.enrollment_id),
            "revision": r.revision,
            "base_revision": r.base_revision,
            "officer_code": r.officer_code,
            **({"officer_name": r.officer_name} if r.officer_name else {}),
            "enrolled_on": r.enrolled_on,
            **({"visit": r.visit.to_json()} if r.visit else {}),
            "record": enrollment_to_json(r.record),
        } for r in batch.records],
    }


def _uuid(value: Any, name: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise BatchFormatError(Text(f"{name} bukan UUID", f"{name} is not a UUID")) from None


def _whole(value: Any, name: str, *, optional: bool = False) -> int | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**31:
        raise BatchFormatError(Text(f"{name} harus bilangan bulat",
                                    f"{name} must be a whole number"))
    return value


def batch_from_json(data: Any) -> Batch:
    """Reads a batch envelope; raises BatchFormatError naming what is wrong."""
    if not isinstance(data, dict):
        raise BatchFormatError(Text("batch harus objek JSON", "a batch must be a JSON object"))
    if data.get("protocol") != PROTOCOL:
        raise BatchFormatError(Text(f"protokol harus {PROTOCOL}; perbarui aplikasi",
                                    f"protocol must be {PROTOCOL}; update the application"))
    records = data.get("records")
    if not isinstance(records, list):
        raise BatchFormatError(Text("records harus daftar", "records must be a list"))
    if len(records) > MAX_BATCH_RECORDS:
        raise BatchFormatError(Text(f"satu batch paling banyak {MAX_BATCH_RECORDS} data",
                                    f"a batch holds at most {MAX_BATCH_RECORDS} records"))
    outgoing = []
    seen: set[uuid.UUID] = set()
    for index, item in enumerate(records):
        where = f"records[{index}]"
        if not isinstance(item, dict):
            raise BatchFormatError(Text(f"{where} harus objek", f"{where} must be an object"))
        enrollment_id = _uuid(item.get("enrollment_id"), f"{where}.enrollment_id")
        if enrollment_id in seen:
            raise BatchFormatError(Text(f"{where}: data {enrollment_id} muncul dua kali",
                                        f"{where}: enrollment {enrollment_id} appears twice"))
        seen.add(enrollment_id)
        raw = item.get("record")
        record, issues = enrollment_from_json(raw)
        outgoing.append(OutgoingRecord(
            enrollment_id=enrollment_id,
            revision=_whole(item.get("revision"), f"{where}.revision") or 0,
            base_revision=_whole(item.get("base_revision"), f"{where}.base_revision",
                                 optional=True),
            record=record,
            officer_code=without_refused_characters(str(item.get("officer_code") or ""))[:64],
            enrolled_on=str(item.get("enrolled_on") or "")[:10],
            raw=raw if issues else None,
            officer_name=" ".join(without_refused_characters(
                str(item.get("officer_name") or "")).split())[:100],
            visit=VisitPlace.from_json(item.get("visit")),
        ))
    app_version = str(data.get("app_version") or "")[:32]
    if refused_character(app_version) is not None:  # kept with the device: never a NUL
        raise BatchFormatError(Text("app_version harus teks biasa (tanpa karakter kendali)",
                                    "app_version must be printable text (no control characters)"))
    return Batch(batch_id=_uuid(data.get("batch_id"), "batch_id"),
                 device_id=_uuid(data.get("device_id"), "device_id"),
                 app_version=app_version,
                 records=tuple(outgoing), receipts=_receipts(data.get("receipts")))


def _receipts(data: Any) -> tuple[PrintedReceipt, ...]:
    """The printed receipts a batch reports (optional); each must read as one."""
    if data is None:
        return ()
    if not isinstance(data, list) or len(data) > MAX_BATCH_RECORDS:
        raise BatchFormatError(Text(f"receipts harus daftar, paling banyak {MAX_BATCH_RECORDS}",
                                    f"receipts must be a list of at most {MAX_BATCH_RECORDS}"))
    receipts = []
    for index, item in enumerate(data):
        where = f"receipts[{index}]"
        if not isinstance(item, dict) or not isinstance(item.get("number"), str) \
                or not isinstance(item.get("code"), str) or len(item["code"]) > 1000:
            raise BatchFormatError(Text(f"{where} harus berisi number dan code",
                                        f"{where} must have a number and a code"))
        receipts.append(PrintedReceipt(item["number"][:40],
                                       _whole(item.get("copy"), f"{where}.copy") or 0,
                                       item["code"]))
    return tuple(receipts)


def signed_parts(data: Any) -> tuple[dict[str, Any], bytes]:
    """The batch and its signature from a signed envelope ``{"batch": ..., "signature": ...}``;
    the signature is made over ``canonical_bytes(batch)``."""
    if not isinstance(data, dict) or not isinstance(data.get("batch"), dict):
        raise BatchFormatError(Text("batch bertanda tangan berisi batch dan signature",
                                    "a signed batch is an object with batch and signature"))
    try:
        signature = base64.b64decode(str(data.get("signature") or ""), validate=True)
    except (binascii.Error, ValueError):
        signature = b""
    if len(signature) != 64:
        raise BatchFormatError(Text("tanda tangan batch tidak ada atau rusak",
                                    "the batch signature is missing or malformed"))
    return data["batch"], signature


def answer_to_json(answer: RecordAnswer) -> dict[str, Any]:
    return {
        "enrollment_id": str(answer.enrollment_id),
        "revision": answer.revision,
        "outcome": str(answer.outcome),
        "office_id": str(answer.office_id) if answer.office_id else None,
        "office_revision": answer.office_revision,
        "record": enrollment_to_json(answer.record) if answer.record else None,
        "reasons": [issue.to_json() for issue in answer.reasons],
        "conflict_id": str(answer.conflict_id) if answer.conflict_id else None,
        "conflicting": list(answer.conflicting),
        "review_kind": str(answer.review_kind) if answer.review_kind else None,
        "incident": answer.incident,
    }


def answer_from_json(data: dict[str, Any]) -> RecordAnswer:
    record = enrollment_from_json(data["record"])[0] if data.get("record") else None
    return RecordAnswer(
        enrollment_id=uuid.UUID(data["enrollment_id"]),
        revision=int(data["revision"]),
        outcome=MergeOutcome(data["outcome"]),
        office_id=uuid.UUID(data["office_id"]) if data.get("office_id") else None,
        office_revision=data.get("office_revision"),
        record=record,
        reasons=tuple(FieldIssue.from_json(r) for r in data.get("reasons") or ()),
        conflict_id=uuid.UUID(data["conflict_id"]) if data.get("conflict_id") else None,
        conflicting=tuple(data.get("conflicting") or ()),
        review_kind=ReviewKind(data["review_kind"]) if data.get("review_kind") else None,
        incident=str(data["incident"]) if data.get("incident") else None,
    )
