"""The local tables: officers, the device's sync state, visits, enrollments, history, receipts.

Rows made on the laptop get client-made UUIDs, never auto-increment ids, so that records from
many laptops can meet at the office without colliding. Timestamps are timezone-aware UTC.
"""

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel, col

from desktop_app.domain.enrollment import TOMBSTONES
from desktop_app.sql_types import UTCDateTime, utc_now

# rows that stand for a person: not a tombstone (SQL, for the partial NIK index and queries)
LIVE_STATUS_SQL = "status NOT IN ({})".format(", ".join(f"'{s}'" for s in TOMBSTONES))


def _timestamp(nullable: bool = False) -> Column:
    return Column(UTCDateTime(), nullable=nullable)


class Officer(SQLModel, table=True):
    """A field officer who uses this laptop. The PIN locks the app; only its hash is kept."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    name: str
    officer_code: str = Field(unique=True)  # the officer's own ID (NIP or BPJS agent number)
    pin_hash: str | None = None
    created_at: datetime = Field(default_factory=utc_now, sa_column=_timestamp())


class SyncState(SQLModel, table=True):
    """This laptop's identity and where its sync with the office stands (a single row, id 1)."""

    __tablename__ = "sync_state"

    id: int = Field(default=1, primary_key=True)
    device_id: uuid.UUID = Field(default_factory=uuid.uuid4)
    current_officer_id: uuid.UUID | None = Field(default=None, foreign_key="officer.id")
    server_url: str | None = None
    pull_cursor: int = 0  # the office's sequence number up to which changes were pulled
    device_token: str | None = None  # given by the office at registration (migration 0004)
    signing_key: str | None = None  # this laptop's Ed25519 private key, base64 (raw 32 bytes)
    area_code: str | None = None  # the kecamatan whose office records this laptop pulls
    last_sync_at: datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))


class Visit(SQLModel, table=True):
    """A banjar visit (kunjungan): where and when enrollments were made."""

    __table_args__ = (
        Index("ix_visit_place_date", "desa_code", "banjar", "visit_date"),  # migration 0006
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    desa_code: str
    banjar: str
    visit_date: date
    officer_id: uuid.UUID = Field(foreign_key="officer.id")
    created_at: datetime = Field(default_factory=utc_now, sa_column=_timestamp())
    ended_at: datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))


class Enrollment(SQLModel, table=True):
    """One person's enrollment on this laptop; at most one live record per NIK (a tombstone
    keeps the NIK it last had, which may be another person's by now: migration 0009).

    The record's fields mirror ``desktop_app.domain.enrollment.Enrollment``; nested parts
    (programmes, beneficiary, consent) are flattened into columns so they can be filtered.
    """

    __table_args__ = (
        Index("ix_enrollment_status", "status"),  # status lists, newest (rowid) first
        Index("ix_enrollment_status_nik", "status", "nik"),  # NIK prefix within a status
        Index("ix_enrollment_visit", "visit_id"),
        Index("ix_enrollment_banjar", "banjar"),
        Index("ix_enrollment_full_name", "full_name"),
        Index("ix_enrollment_birth_date", "birth_date"),  # migration 0003: list order/filter
        Index("ix_enrollment_updated_at", "updated_at"),
        Index("ix_enrollment_created_at", "created_at"),
        Index("ux_enrollment_live_nik", "nik", unique=True,
              sqlite_where=text(LIVE_STATUS_SQL)),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    nik: str = Field(max_length=16)
    full_name: str
    birth_place: str = ""
    birth_date: date | None = None
    sex: str | None = Field(default=None, max_length=1)
    address: str = ""
    desa_code: str = ""
    banjar: str = ""
    phone: str = ""
    occupation: str = ""
    occupation_other: str = ""
    monthly_income: int | None = None
    programs: str = "JKK,JKM"  # comma-separated programme codes
    payment_months: int = 1
    first_month: str | None = None  # YYYY-MM
    funding_source: str = "mandiri"
    sponsor_name: str = ""
    kk_number: str = ""
    beneficiary_name: str = ""
    beneficiary_relationship: str = ""
    beneficiary_phone: str = ""
    consent_given: bool = False
    consent_text_version: str = ""
    consent_recorded_by: str = ""
    consent_recorded_at: datetime | None = Field(default=None, sa_column=_timestamp(True))
    notes: str = ""

    status: str = "draft"
    revision: int = 1  # bumped by every change; the history keeps each revision's changes
    synced_revision: int = 0  # the revision the office has acknowledged
    warnings: str = "[]"  # JSON list of the validation warnings kept with the record
    office_id: uuid.UUID | None = Field(default=None, index=True)  # the office's record
    office_revision: int | None = None  # the office revision this record's edits start from
    sync_note: str | None = None  # JSON: the office's reasons (rejected) or conflict
    # JSON: fields where the laptop's unsent value and a newer office value clashed at a
    # rebase (store.sync_records), for the officer; ``clash_holds``: one needs a person, so
    # the record waits for its officer to save it again (migration 0008)
    clash: str | None = None
    clash_holds: bool = False
    officer_id: uuid.UUID = Field(foreign_key="officer.id")
    device_id: uuid.UUID
    visit_id: uuid.UUID | None = Field(default=None, foreign_key="visit.id")
    # the day the record was made (its visit's day, else the saving day; migration 0008):
    # every later check of the record, here and at the office, is reckoned on it
    enrolled_on: date
    created_at: datetime = Field(default_factory=utc_now, sa_column=_timestamp())
    updated_at: datetime = Field(default_factory=utc_now, sa_column=_timestamp())


def live_rows() -> Any:
    """The WHERE clause of rows that stand for a person (not tombstones)."""
    return col(Enrollment.status).not_in([str(s) for s in TOMBSTONES])


class EnrollmentHistory(SQLModel, table=True):
    """Append-only history of changes after creation: who, when, old and new values.

    The creation (revision 1) is told by the enrollment row's own ``officer_id``,
    ``device_id`` and ``created_at``, which never change; its first values are the row as it
    stands with every later change undone, since each "updated" entry keeps what it replaced.
    """

    __tablename__ = "enrollment_history"
    __table_args__ = (Index("ix_history_enrollment", "enrollment_id", "revision"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    enrollment_id: uuid.UUID = Field(foreign_key="enrollment.id")
    revision: int
    action: str  # updated, printed, ...
    officer_id: uuid.UUID = Field(foreign_key="officer.id")
    device_id: uuid.UUID
    changed_at: datetime = Field(default_factory=utc_now, sa_column=_timestamp())
    changes: str = "{}"  # JSON object: field -> [old, new]


class Receipt(SQLModel, table=True):
    """A printed enrollment receipt (tanda terima); reprints are copies of the first."""

    __table_args__ = (UniqueConstraint("number", "copy_number"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    enrollment_id: uuid.UUID = Field(foreign_key="enrollment.id", index=True)
    number: str
    copy_number: int = 0  # 0 for the original, 1.. for each SALINAN
    revision: int  # the enrollment revision that was printed
    officer_id: uuid.UUID = Field(foreign_key="officer.id")
    printed_at: datetime = Field(default_factory=utc_now, sa_column=_timestamp())
    code: str = ""  # the signed QR text (receipt_code), reported to the office at the sync
    reported: bool = False  # the office has it


class TravellingBatch(SQLModel, table=True):
    """A signed batch sent (or written to a batch file) whose answers are not kept yet
    (migration 0008). The next push sends it again as it is, same id and same bytes, so the
    office answers it with the answers it gave (or gives them the first time)."""

    __tablename__ = "travelling_batch"

    id: uuid.UUID = Field(primary_key=True)  # the batch id
    signed: str  # the signed envelope's JSON
    record_count: int
    made_at: datetime = Field(default_factory=utc_now, sa_column=_timestamp())


class WaitingPull(SQLModel, table=True):
    """An office record a pull brought that this laptop cannot take yet (migration 0009):
    the NIK it carries is held here by another live record, one with work the office has not
    settled (a NIK correction under review, a record not linked yet), or a copy whose own
    change of NIK has not arrived. Kept, whole, and taken as soon as the NIK is free."""

    __tablename__ = "waiting_pull"

    office_id: uuid.UUID = Field(primary_key=True)
    revision: int  # the office revision kept (a newer page replaces it)
    pulled: str  # the pulled record's JSON (``PulledRecord``)
    waiting_since: datetime = Field(default_factory=utc_now, sa_column=_timestamp())
