"""The sync's promise under interleavings, explored by a model-based test (hypothesis).

Three laptops (real SQLite files) and one office (a real SQLite file, served by uvicorn on
127.0.0.1, reached by the real ``sync_now`` over HTTP) go through any order of: enrolling a new
person, enrolling a person another laptop has (same NIK, other data, no base), editing contact,
money and identity fields, correcting a NIK (to a new one or onto one the office holds),
keeping a draft, syncing, a sync whose answers are lost after the office committed, a sync cut
after k batches, a USB sync by batch and reply files, replaying old reply and batch files, and
resolving any review item with any choice.

After every step: one live canonical record per NIK; every value a laptop sent is in the
office's record, its history or a review item; no unsent local change disappears; replays
change nothing. At the end (drafts finished, items resolved, every laptop synced twice):
nothing pending on any laptop, and each laptop's copy equals the office's.

``make test`` runs a bounded exploration; ``make soak`` (SYNC_MODEL_PROFILE=soak) a long one.
"""

import contextlib
import os
import shutil
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import hypothesis.strategies as st
import pytest
from builders import many_people
from conftest import ON
from hypothesis import HealthCheck, settings
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from sqlmodel import Session, select
from sync_world import (
    Delivered,
    Line,
    SwitchedOffice,
    consent_answer,
    delivered_records,
    live_records,
    misplaced_values,
    office_keeps,
    office_snapshot,
    temporary_folder,
)

from desktop_app.domain.enrollment import (
    Consent,
    Enrollment,
    EnrollmentStatus,
    enrollment_to_json,
)
from desktop_app.domain.months import YearMonth
from desktop_app.domain.sync_messages import BATCH_FILE, from_wire, read_sync_file, wire_bytes
from desktop_app.office import conflicts as review
from desktop_app.office.batch_files import import_batch_file
from desktop_app.office.database import open_office_database
from desktop_app.office.devices import add_device
from desktop_app.store import models
from desktop_app.store.database import open_database
from desktop_app.store.enrollments import DuplicateNik, EnrollmentRefused, EnrollmentStore
from desktop_app.store.officers import current_officer, sign_in_officer
from desktop_app.store.records import record_from_row
from desktop_app.store.registration import registration
from desktop_app.sync.client import OfficeClient, SyncFailure
from desktop_app.sync.run import export_batch_file, import_reply_file, setup_device, sync_now

# these tests open laptops of their own and sync them (see the root conftest)
pytestmark = pytest.mark.usefixtures("shipped_reference_data")

LAPTOPS = 3
PEOPLE = 10  # the NIKs the laptops enroll, correct and collide on
BATCH = 2  # small batches: cuts and lost answers fall between them
PROFILES = {
    # the same examples at every run of ``make test``: a failure there is reproducible
    "bounded": settings(max_examples=60, stateful_step_count=20, deadline=None, database=None,
                        derandomize=True,
                        suppress_health_check=list(HealthCheck)),
    "soak": settings(max_examples=400, stateful_step_count=40, deadline=None, database=None,
                     suppress_health_check=list(HealthCheck)),
}
PROFILE = os.environ.get("SYNC_MODEL_PROFILE", "bounded")
TEMPLATE = Enrollment(
    full_name="Ni Made Sari Dewi", birth_place="Denpasar", address="Jl. Kamboja No. 5",
    desa_code="5171041004", banjar="Banjar Kaja", phone="+6281234567890",
    occupation="pedagang", monthly_income=2_500_000, payment_months=3,
    first_month=YearMonth.of(ON), consent=Consent(given=True, text_version="2026-01"))
PERSONS = many_people(TEMPLATE, PEOPLE)
CONTACT = {"phone": ("+6281111111111", "+6282222222222", "+6283333333333"),
           "address": ("Jl. Gatot Subroto 1", "Jl. Teuku Umar 9", "Jl. Hayam Wuruk 3"),
           "banjar": ("Banjar Kelod", "Banjar Tengah")}
MONEY = {"payment_months": (1, 3, 12), "monthly_income": (1_500_000, 4_000_000)}
IDENTITY = {"full_name": ("Ni Made Sari", "Ni Made Sariani"),
            "birth_place": ("Badung", "Gianyar")}
EDITS = {"contact": CONTACT, "money": MONEY, "identity": IDENTITY}


@dataclass
class Laptop:
    number: int
    folder: Path
    engine: Any = None
    device_id: uuid.UUID | None = None
    replies: list[Path] = field(default_factory=list)  # reply files taken back, oldest first
    batch_files: list[Path] = field(default_factory=list)

    @property
    def store(self) -> EnrollmentStore:
        return EnrollmentStore(self.engine)

    @property
    def officer(self) -> uuid.UUID:
        return current_officer(self.engine).id


class World:
    """Made once a session: the server, and a registered office and laptops to copy."""

    _made: "World | None" = None

    def __init__(self) -> None:
        self.office_server = SwitchedOffice()
        self.template = temporary_folder("sync-model-template-")
        office = open_office_database(self.office_url(self.template))
        self.office_server.use(office)
        for number in range(LAPTOPS):
            engine = open_database(self.template / f"laptop{number}")
            sign_in_officer(engine, name=f"Petugas {number}", officer_code=f"P{number}",
                            pin="1234")
            setup_device(engine, server_url=self.office_server.url,
                         code=add_device(office, officer_name=f"Petugas {number}"))
            engine.dispose()
        office.dispose()
        self.steps = self.examples = 0
        self.started = time.monotonic()

    @staticmethod
    def office_url(folder: Path) -> str:
        return f"sqlite:///{folder / 'office.sqlite3'}"

    @classmethod
    def get(cls) -> "World":
        if cls._made is None:
            cls._made = cls()
        return cls._made


def _row(laptop: Laptop, enrollment_id: uuid.UUID) -> models.Enrollment | None:
    with Session(laptop.engine) as session:
        return session.get(models.Enrollment, enrollment_id)


def _rows(laptop: Laptop) -> list[models.Enrollment]:
    with Session(laptop.engine) as session:
        return list(session.exec(select(models.Enrollment)))


def _laptop_snapshot(laptop: Laptop) -> list[tuple]:
    """A laptop's records as a replay must leave them (its last-sync time aside)."""
    return sorted((str(r.id), r.nik, str(r.status), r.revision, r.synced_revision,
                   r.office_revision, str(r.office_id), getattr(r, "clash", None),
                   repr(enrollment_to_json(record_from_row(r)))) for r in _rows(laptop))


TOMBSTONES = ("merged", "withdrawn")  # a laptop's copy merged into another, or withdrawn


def _waiting(row: models.Enrollment) -> bool:
    if str(row.status) in TOMBSTONES:
        return False
    return (row.status in (EnrollmentStatus.DRAFT, EnrollmentStatus.CONFLICT,
                           EnrollmentStatus.REJECTED)
            or row.synced_revision < row.revision or getattr(row, "clash_holds", False))


def _consent_given(record: dict[str, Any]) -> None:
    record["consent"] = consent_answer(record.get("consent"))


class SyncModel(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.world = World.get()
        self.world.examples += 1
        self.folder = temporary_folder("sync-model-")
        for name in [f"laptop{n}" for n in range(LAPTOPS)] + ["office.sqlite3"]:
            source = self.world.template / name
            if source.is_dir():
                shutil.copytree(source, self.folder / name)
            else:
                shutil.copy2(source, self.folder / name)
        self.office = open_office_database(World.office_url(self.folder))
        self.world.office_server.use(self.office)
        self.laptops = []
        for number in range(LAPTOPS):
            laptop = Laptop(number, self.folder / f"laptop{number}")
            laptop.engine = open_database(laptop.folder)
            laptop.device_id = registration(laptop.engine).device_id
            self.laptops.append(laptop)
        self.delivered: list[Delivered] = []
        # (laptop, enrollment id) -> field -> (value typed, the revision it was saved as)
        self.unsent: dict[tuple[int, uuid.UUID], dict[str, tuple[Any, int]]] = {}
        self.drafts: dict[tuple[int, uuid.UUID], Enrollment] = {}  # what finishes each draft
        self.files = 0

    # -- helpers ----------------------------------------------------------------------------

    def _records(self, laptop: Laptop) -> list[models.Enrollment]:
        return sorted(_rows(laptop), key=lambda r: (r.created_at, str(r.id)))

    def _pick(self, laptop: Laptop, index: int) -> models.Enrollment | None:
        rows = self._records(laptop)
        return rows[index % len(rows)] if rows else None

    def _client(self, laptop: Laptop, **line: Any) -> OfficeClient:
        return OfficeClient(self.world.office_server.url, registration(laptop.engine).device_token,
                            transport=Line(self.delivered, **line), pause=0.001)

    def _sync(self, laptop: Laptop, **line: Any) -> None:
        client = self._client(laptop, **line)
        try:
            sync_now(laptop.engine, batch_size=BATCH, client=client)
        except SyncFailure:
            assert line, "a sync on a sound line failed"
        finally:
            client.close()

    def _save(self, laptop: Laptop, row: models.Enrollment, record: Enrollment, *,
              draft: bool = False) -> None:
        try:
            saved = laptop.store.update(row.id, record, officer_id=laptop.officer,
                                        expected_revision=row.revision, allow_draft=draft)
        except (DuplicateNik, EnrollmentRefused):  # the form says why; nothing is saved
            return
        if saved.revision == row.revision:
            return  # nothing changed
        before = enrollment_to_json(record_from_row(row))
        after = enrollment_to_json(saved.record)
        kept = self.unsent.setdefault((laptop.number, row.id), {})
        for name, value in after.items():
            if value != before[name]:
                kept[name] = (value, saved.revision)

    # -- rules the current code keeps ---------------------------------------------------------

    @rule(laptop=st.integers(0, LAPTOPS - 1), person=st.integers(0, PEOPLE - 1))
    def enroll(self, laptop: int, person: int) -> None:
        """A new person, or one another laptop (or the office) already has: same NIK, this
        laptop's own data, no base."""
        machine = self.laptops[laptop]
        record = PERSONS[person].with_changes(address=f"Jl. Laptop {laptop}",
                                              payment_months=(1, 3, 6)[laptop % 3])
        with contextlib.suppress(DuplicateNik):  # held here: the form would open that record
            machine.store.create(record, officer_id=machine.officer, on=ON)

    @rule(laptop=st.integers(0, LAPTOPS - 1), index=st.integers(0, 50),
          kind=st.sampled_from(sorted(EDITS)), choice=st.integers(0, 10))
    def edit(self, laptop: int, index: int, kind: str, choice: int) -> None:
        machine = self.laptops[laptop]
        row = self._pick(machine, index)
        if row is None or row.status == EnrollmentStatus.DRAFT:
            return
        name = sorted(EDITS[kind])[choice % len(EDITS[kind])]
        values = EDITS[kind][name]
        value = values[choice % len(values)]
        self._save(machine, row, record_from_row(row).with_changes(**{name: value}))

    @rule(laptop=st.integers(0, LAPTOPS - 1), index=st.integers(0, 50))
    def keep_draft(self, laptop: int, index: int) -> None:
        """The officer reopens a record, blanks its address and keeps it as a draft."""
        machine = self.laptops[laptop]
        row = self._pick(machine, index)
        if row is None or row.status == EnrollmentStatus.DRAFT:
            return
        record = record_from_row(row)
        self.drafts[(laptop, row.id)] = record
        self._save(machine, row, record.with_changes(address=""), draft=True)

    @rule(laptop=st.integers(0, LAPTOPS - 1), index=st.integers(0, 50))
    def finish_draft(self, laptop: int, index: int) -> None:
        machine = self.laptops[laptop]
        drafts = [r for r in self._records(machine) if r.status == EnrollmentStatus.DRAFT]
        if drafts:
            self._finish(machine, drafts[index % len(drafts)])

    def _finish(self, machine: Laptop, row: models.Enrollment) -> None:
        record = record_from_row(row)
        self._save(machine, row, record.with_changes(
            address=self.drafts.get((machine.number, row.id), TEMPLATE).address or "Jl. Baru"))

    @rule(laptop=st.integers(0, LAPTOPS - 1))
    def sync(self, laptop: int) -> None:
        self._sync(self.laptops[laptop])

    @rule(laptop=st.integers(0, LAPTOPS - 1))
    def sync_answers_lost(self, laptop: int) -> None:
        """The office commits every batch; the laptop never hears back."""
        self._sync(self.laptops[laptop], lose_answers=True)

    @rule(laptop=st.integers(0, LAPTOPS - 1), batches=st.integers(0, 3))
    def sync_cut(self, laptop: int, batches: int) -> None:
        """The line goes down after ``batches`` answered batches (before the pull, or in it)."""
        self._sync(self.laptops[laptop], cut_after=batches)

    @rule(laptop=st.integers(0, LAPTOPS - 1))
    def usb_sync(self, laptop: int) -> None:
        """A batch file to the office on a stick, and its reply file back."""
        machine = self.laptops[laptop]
        self.files += 1
        batch_file = self.folder / f"batch{self.files}.json"
        reply_file = self.folder / f"reply{self.files}.json"
        export_batch_file(machine.engine, batch_file, batch_size=BATCH)
        reply = import_batch_file(self.office, batch_file, today=ON)
        for signed in read_sync_file(batch_file, BATCH_FILE)["batches"]:
            self.delivered.extend(delivered_records(signed))
        reply_file.write_bytes(wire_bytes(reply))
        import_reply_file(machine.engine, reply_file)
        machine.batch_files.append(batch_file)
        machine.replies.append(reply_file)

    @precondition(lambda self: any(m.replies for m in self.laptops))
    @rule(laptop=st.integers(0, LAPTOPS - 1), index=st.integers(0, 20))
    def replay_reply_file(self, laptop: int, index: int) -> None:
        """An old reply file taken back again changes nothing on the laptop."""
        machine = self.laptops[laptop]
        if not machine.replies:
            return
        before = _laptop_snapshot(machine)
        import_reply_file(machine.engine, machine.replies[index % len(machine.replies)])
        assert _laptop_snapshot(machine) == before

    @precondition(lambda self: any(m.batch_files for m in self.laptops))
    @rule(laptop=st.integers(0, LAPTOPS - 1), index=st.integers(0, 20))
    def replay_batch_file(self, laptop: int, index: int) -> None:
        """An old batch file applied again at the office changes nothing there."""
        machine = self.laptops[laptop]
        if not machine.batch_files:
            return
        before = office_snapshot(self.office)
        import_batch_file(self.office, machine.batch_files[index % len(machine.batch_files)],
                          today=ON)
        assert office_snapshot(self.office) == before

    @rule(index=st.integers(0, 20), keep=st.sampled_from(["office", "incoming", "mixed"]),
          same=st.booleans())
    def resolve(self, index: int, keep: str, same: bool) -> None:
        """A supervisor decides an open review item, any way (a same-person item either
        way too)."""
        items = review.list_conflicts(self.office)
        if items:
            self._decide(items[index % len(items)], keep, same)

    @rule(laptop=st.integers(0, LAPTOPS - 1), index=st.integers(0, 50),
          person=st.integers(0, PEOPLE - 1))
    def correct_nik(self, laptop: int, index: int, person: int) -> None:
        """The officer corrects a record's NIK: to a new one, or onto one the office (or
        another laptop) holds (defects 1, 6, 8)."""
        machine = self.laptops[laptop]
        row = self._pick(machine, index)
        if row is None or row.status == EnrollmentStatus.DRAFT:
            return
        self._save(machine, row, record_from_row(row).with_changes(
            nik=PERSONS[person].nik, birth_date=None, sex=None))  # both read from the NIK

    def _decide(self, item: dict[str, Any], keep: str, same: bool = True) -> bool:
        disputed = sorted(item.get("fields") or [])
        choice: dict[str, Any] = {"keep": keep, "fields": {}}
        if keep == "mixed":
            choice = {"keep": None, "fields": {name: ("office", "incoming")[n % 2]
                                               for n, name in enumerate(disputed)}}
        item_id = uuid.UUID(item.get("conflict_id") or item["id"])
        if item.get("kind") == "same_person":
            choice["same_person"] = same
        try:
            review.resolve_conflict(self.office, item_id, resolved_by="Supervisor", today=ON,
                                    **choice)
        except review.ResolutionRefused:
            return False  # shown again with the newer data: decided later
        return True

    # -- invariants ---------------------------------------------------------------------------

    @invariant()
    def count_step(self) -> None:
        self.world.steps += 1

    @invariant()
    def one_live_record_per_nik(self) -> None:
        niks = [r["nik"] for r in live_records(self.office)]
        assert len(niks) == len(set(niks)), sorted(n for n in niks if niks.count(n) > 1)

    @invariant()
    def every_sent_value_is_kept(self) -> None:
        keeps = office_keeps(self.office)
        for sent in self.delivered:
            missing = misplaced_values(keeps, sent)
            assert not missing, (f"laptop {sent.device_id} record {sent.enrollment_id} "
                                 f"revision {sent.revision}: {missing} not at the office")

    @invariant()
    def no_unsent_change_disappears(self) -> None:
        for (number, enrollment_id), fields in list(self.unsent.items()):
            row = _row(self.laptops[number], enrollment_id)
            assert row is not None, f"laptop {number} lost record {enrollment_id}"
            now = enrollment_to_json(record_from_row(row))
            for name, (value, revision) in list(fields.items()):
                if self._sent(self.laptops[number], enrollment_id, revision):
                    del fields[name]
                    continue
                assert now[name] == value, (f"laptop {number} record {enrollment_id}: unsent "
                                            f"{name}={value!r} became {now[name]!r}")

    def _sent(self, laptop: Laptop, enrollment_id: uuid.UUID, revision: int) -> bool:
        return any(d.device_id == laptop.device_id and d.enrollment_id == enrollment_id
                   and d.revision >= revision for d in self.delivered)

    # -- quiescence ---------------------------------------------------------------------------

    def teardown(self) -> None:
        try:
            self._quiesce()
        finally:
            for laptop in self.laptops:
                laptop.engine.dispose()
            self.office.dispose()

    def _quiesce(self) -> None:
        for laptop in self.laptops:
            for row in self._records(laptop):
                if row.status == EnrollmentStatus.DRAFT:
                    self._finish(laptop, row)
        for _round in range(10):  # a chain of corrected NIKs can take a few rounds
            items = review.list_conflicts(self.office)
            for item in items:
                self._decide(item, "incoming")
            for laptop in self.laptops:
                for row in self._records(laptop):
                    if getattr(row, "clash", None):  # the officer saves what the form shows
                        self._save(laptop, row, record_from_row(row))
            for _twice in range(2):
                for laptop in self.laptops:
                    self._sync(laptop)
            if not items and not review.list_conflicts(self.office):
                break  # every laptop synced twice with nothing left to decide
        assert review.list_conflicts(self.office) == []
        office = {r["nik"]: from_wire(r["record"]) for r in live_records(self.office)}
        for laptop in self.laptops:
            rows = [r for r in self._records(laptop) if str(r.status) not in TOMBSTONES]
            waiting = [(r.nik, str(r.status)) for r in rows if _waiting(r)]
            assert waiting == [], f"laptop {laptop.number} still has {waiting}"
            copy = {r.nik: enrollment_to_json(record_from_row(r)) for r in rows}
            for record in (*copy.values(), *office.values()):
                _consent_given(record)
            assert sorted(copy) == sorted(office), (
                f"laptop {laptop.number}: only here {sorted(set(copy) - set(office))}, only at "
                f"the office {sorted(set(office) - set(copy))}; statuses "
                f"{sorted((r.nik, str(r.status)) for r in rows if r.nik not in office)}")
            for nik, record in copy.items():
                differ = sorted(k for k in record if record[k] != office[nik].get(k))
                assert not differ, (f"laptop {laptop.number} {nik}: "
                                    + "; ".join(f"{k} {record[k]!r} here, {office[nik].get(k)!r}"
                                                f" at the office" for k in differ))


SyncModel.TestCase.settings = PROFILES[PROFILE]
TestSyncModel = SyncModel.TestCase


def teardown_module() -> None:
    world = World._made
    if world is not None:
        print(f"\nsync model ({PROFILE}): {world.examples} examples, "
              f"{world.steps - world.examples} steps, "
              f"{time.monotonic() - world.started:.0f} s", file=sys.stderr)
        world.office_server.stop()

