"""The office's tables: devices, one canonical record per NIK with its versions, conflicts
waiting for review, and the batches already answered.

They live in their own SQLAlchemy registry, apart from the laptop's tables. Ordering never
uses a laptop's clock: every change gets the next number of the office's own sequence
(``office_state.last_seq``), which is also the laptops' pull cursor.
"""

import uuid
from datetime import date, datetime

from sqlalchemy import Column, Index, Text, UniqueConstraint, text
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from desktop_app.sql_types import UTCDateTime, utc_now

office_registry = registry()


class OfficeTable(SQLModel, registry=office_registry):
    """Base of the office's tables (its own metadata, its own migrations)."""


def _timestamp(nullable: bool = False) -> Column:
    return Column(UTCDateTime(), nullable=nullable)


def _json() -> Column:
    return Column(Text(), nullable=False)


class OfficeState(OfficeTable, table=True):
    """A single row: the last number of the office's change sequence."""

    __tablename__ = "office_state"
    id: int = Field(default=1, primary_key=True)
    last_seq: int = 0


class RegistrationCode(OfficeTable, table=True):
    """A one-time code a laptop exchanges for its device token (only its hash is kept)."""

    __tablename__ = "registration_code"
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    code_hash: str = Field(unique=True)
    officer_name: str
    area_code: str = ""  # kecamatan code whose records the laptop pulls; "" for all
    created_at: datetime = Field(default_factory=utc_now, sa_column=_timestamp())
    expires_at: datetime = Field(sa_column=_timestamp())
    used_at: datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
    device_id: uuid.UUID | None = None


class Device(OfficeTable, table=True):
    """A registered laptop: its officer, its signing key, and a hash of its token."""

    id: uuid.UUID = Field(primary_key=True)  # the laptop's own device id
    officer_name: str
    area_code: str = ""
    token_hash: str = Field(unique=True)
    public_key: str  # Ed25519, raw 32 bytes in base64: checks its batch files and receipts
    app_version: str = ""
    registered_at: datetime = Field(default_factory=utc_now, sa_column=_timestamp())
    revoked_at: datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
    last_sync_at: datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))


LIVE = "live"  # a canonical record's state while it is a person's one record


class CanonicalRecord(OfficeTable, table=True):
    """The office's one record of a person (NIK), at its latest revision.

    Its id is the office's own (migration 0004): a laptop's enrollment id is only a link
    (``ClientLink``). A record is never deleted: merged into another record of the same
    person, or withdrawn, it becomes a tombstone (``state``) that keeps its last NIK; a NIK
    is unique among live records.
    """

    __tablename__ = "canonical_record"
    __table_args__ = (Index("ix_canonical_area_seq", "kecamatan_code", "seq"),
                      Index("ux_canonical_live_nik", "nik", unique=True,
                            sqlite_where=text("state = 'live'"),
                            postgresql_where=text("state = 'live'")))
    id: uuid.UUID = Field(primary_key=True)
    nik: str = Field(max_length=16)
    state: str = LIVE  # live, merged_into, withdrawn (TombstoneState)
    merged_into: uuid.UUID | None = None  # the record that stays, for merged_into
    full_name: str
    desa_code: str = ""
    kecamatan_code: str = ""  # the first 6 digits of the desa code: what laptops pull by
    record: str = Field(sa_column=_json())  # the record's JSON (domain field names)
    revision: int = 1
    seq: int = Field(index=True)  # the office's sequence number of the latest change
    created_at: datetime = Field(default_factory=utc_now, sa_column=_timestamp())
    updated_at: datetime = Field(default_factory=utc_now, sa_column=_timestamp())
    # who enrolled the person and where, as the laptop that first sent the record said
    # (migration 0003): the office reconciles people and cash per officer and per visit
    device_id: uuid.UUID | None = None
    officer_code: str = ""  # the officer's own ID (NIP or agent number)
    officer_name: str = ""  # as the laptop names its officer, else as registered
    enrolled_on: date | None = None  # the laptop's day of enrollment
    visit_date: date | None = None
    visit_desa_code: str = ""
    visit_banjar: str = ""


class RecordVersion(OfficeTable, table=True):
    """Every revision of a canonical record: what changed, from which device or decision."""

    __tablename__ = "record_version"
    __table_args__ = (UniqueConstraint("canonical_id", "revision"),)
    id: int | None = Field(default=None, primary_key=True)
    canonical_id: uuid.UUID = Field(foreign_key="canonical_record.id")
    revision: int
    seq: int
    record: str = Field(sa_column=_json())
    changes: str = Field(sa_column=_json())  # field -> [old, new]
    action: str  # created, accepted, merged, resolved
    device_id: uuid.UUID | None = None
    officer_name: str = ""
    enrollment_id: uuid.UUID | None = None
    batch_id: uuid.UUID | None = None
    recorded_at: datetime = Field(default_factory=utc_now, sa_column=_timestamp())


class ClientLink(OfficeTable, table=True):
    """Which canonical record a laptop's enrollment became, and the last answer it got.

    A record revision sent again (in the same batch or in a new one, after a crash) gets this
    answer back instead of being applied twice.
    """

    __tablename__ = "client_link"
    __table_args__ = (Index("ix_client_link_canonical", "canonical_id", "device_id"),)
    device_id: uuid.UUID = Field(primary_key=True)
    enrollment_id: uuid.UUID = Field(primary_key=True)
    canonical_id: uuid.UUID | None = None
    last_revision: int
    last_answer: str = Field(sa_column=_json())
    # the record this link pointed at before a same-person decision redirected it: the
    # laptop's base revisions are that record's, so they no longer serve as a base
    merged_from: uuid.UUID | None = None


class Conflict(OfficeTable, table=True):
    """A review item: what a machine must not decide (``kind``: identity conflict, money
    conflict, NIK correction, same person under two records); both versions and the base
    wait here until a supervisor decides."""

    __table_args__ = (Index("ix_conflict_device_seq", "device_id", "seq"),)
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    canonical_id: uuid.UUID = Field(foreign_key="canonical_record.id")
    nik: str = Field(max_length=16, index=True)
    device_id: uuid.UUID
    enrollment_id: uuid.UUID
    revision: int  # the laptop revision that conflicted
    base_revision: int | None = None
    office_revision: int  # the office revision it was compared with
    office_record: str = Field(sa_column=_json())
    incoming_record: str = Field(sa_column=_json())
    fields: str = Field(sa_column=_json())  # the fields a person must decide
    kind: str = "identity_conflict"  # ReviewKind
    base_record: str | None = Field(default=None, sa_column=Column(Text(), nullable=True))
    # a same-person item: the record whose NIK was corrected onto this item's NIK (the item's
    # canonical_id holds that NIK)
    other_canonical_id: uuid.UUID | None = None
    status: str = "open"  # open, resolved, superseded
    resolution: str | None = Field(default=None, sa_column=Column(Text(), nullable=True))
    resolved_by: str = ""
    resolved_at: datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
    seq: int  # raised again when resolved, so the next pull brings the decision
    created_at: datetime = Field(default_factory=utc_now, sa_column=_timestamp())


class ReceivedBatch(OfficeTable, table=True):
    """A batch already applied: sent again, it gets the same answer and changes nothing."""

    __tablename__ = "received_batch"
    id: uuid.UUID = Field(primary_key=True)
    device_id: uuid.UUID
    digest: str  # SHA-256 of the batch's canonical bytes: the same id must carry the same batch
    answer: str | None = Field(default=None, sa_column=Column(Text(), nullable=True))
    record_count: int = 0
    received_at: datetime = Field(default_factory=utc_now, sa_column=_timestamp())


class IssuedReceipt(OfficeTable, table=True):
    """A receipt a laptop printed, as it reported it: the office can then vouch for a
    receipt number typed from the paper (its signed code is checked again on every look)."""

    __tablename__ = "issued_receipt"
    number: str = Field(primary_key=True)
    copy_number: int = Field(primary_key=True)
    device_id: uuid.UUID
    enrollment_id: uuid.UUID
    revision: int
    code: str = Field(sa_column=_json())
    received_at: datetime = Field(default_factory=utc_now, sa_column=_timestamp())
