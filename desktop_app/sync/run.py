"""A sync run: push what waits in batches, then pull what changed at the office.

Each batch's answers are stored before the next batch is sent, and each pulled page with its
cursor, so a run cut at any point (laptop killed, cable pulled, office restarted) loses
nothing and duplicates nothing when it runs again: the office answers a batch or a record
revision it has already seen with the answer it gave before.

Without a network the same batches travel in a file (``export_batch_file``), and the office's
reply file is taken back with ``import_reply_file``.
"""

import uuid
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from desktop_app import __version__
from desktop_app.atomic_files import write_bytes_whole
from desktop_app.domain.messages import Text
from desktop_app.domain.reference_data import install_bundle, installed_version
from desktop_app.domain.signatures import public_key_text, signed_batch
from desktop_app.domain.sync_messages import (
    BATCH_FILE,
    DEFAULT_BATCH_SIZE,
    MAX_BATCH_RECORDS,
    REPLY_FILE,
    Batch,
    PullPage,
    SyncFileError,
    answer_from_json,
    batch_from_json,
    batch_to_json,
    read_sync_file,
    wire_bytes,
)
from desktop_app.store.database import reference_folder
from desktop_app.store.officers import current_officer
from desktop_app.store.pulled_records import apply_pulled
from desktop_app.store.receipts import mark_reported, unreported_receipts
from desktop_app.store.registration import mark_synced, registration, save_registration
from desktop_app.store.sync_records import SyncCounts, apply_answers, pending_records
from desktop_app.store.travelling_batches import (
    forget_travelling,
    keep_travelling,
    travelling_batches,
)
from desktop_app.sync.client import OfficeClient, OfficeRefused, SyncFailure
from desktop_app.sync.keys import laptop_key
from desktop_app.sync.oversize import TOO_LARGE, push_in_halves, within_bounds
from desktop_app.sync.summary import SyncSummary
from desktop_app.work_state import SyncProgress, SyncStage, WorkState

REBUILT_ON = frozenset({413, 422})  # a batch the office refuses whole: built anew next time


class SyncNotSetUp(SyncFailure):
    """This laptop has no office token yet: ``setup --server URL --code CODE`` first."""

    def __init__(self) -> None:
        super().__init__(Text(
            "Laptop ini belum terdaftar di kantor. Masukkan alamat server kantor dan kode "
            "pendaftaran di Berkas > Pengaturan (atau jalankan `banjar-enroll setup --server "
            "URL --code KODE`).",
            "This laptop is not registered with the office yet. Enter the office server and "
            "the registration code in File > Settings (or run `banjar-enroll setup --server "
            "URL --code CODE`)."))


CANCELLED = Text("Sinkronisasi dibatalkan. Tidak ada yang hilang: yang sudah terkirim tetap "
                 "tercatat, sisanya dikirim pada sinkronisasi berikutnya.",
                 "Sync cancelled. Nothing is lost: what was sent stays recorded, the rest "
                 "goes at the next sync.")


def failure_text(failure: BaseException) -> tuple[Text, str]:
    """What a failed sync or registration tells the officer, and its technical detail line:
    the office's answer (``SyncFailure``), a batch or reply file that cannot be read, or
    anything else that stopped the run on this laptop (its writes are transactions: what
    was done stays done, the rest still waits)."""
    if isinstance(failure, SyncFailure):
        return failure.text, failure.detail
    if isinstance(failure, SyncFileError):
        return Text("File sinkronisasi ini tidak dapat dipakai. Tidak ada yang berubah di "
                    "laptop ini.", "This sync file cannot be used. Nothing changed on this "
                    "laptop."), str(failure)
    return Text("Sinkronisasi berhenti karena kesalahan di laptop ini. Tidak ada yang hilang: "
                "yang sudah terkirim tetap tercatat, sisanya tetap menunggu.",
                "The sync stopped because of an error on this laptop. Nothing is lost: what "
                "was sent stays recorded, the rest keeps waiting."), (
        f"{failure.__class__.__name__}: {failure}")


def setup_device(engine: Engine, *, server_url: str, code: str,
                 client: OfficeClient | None = None) -> dict[str, Any]:
    """Registers this laptop with the office (a one-time code) and keeps the device token."""
    key = laptop_key(engine)
    own = client or OfficeClient(server_url)
    try:
        answer = own.register(code=code, device_id=registration(engine).device_id,
                              public_key=public_key_text(key), app_version=__version__)
    finally:
        if client is None:
            own.close()
    save_registration(engine, server_url=server_url, token=answer["token"],
                      area_code=answer.get("area") or "")
    return answer


def _batches(engine: Engine, batch_size: int,
             counts: SyncCounts) -> Iterator[tuple[int, dict[str, Any]]]:
    """Signed batches of what waits: first those still travelling from an earlier run, as
    they were (same id, same bytes), then new ones of the records they do not carry, each
    kept as travelling before it leaves. A record the office would refuse for its size is
    marked rejected instead of being sent (``sync/oversize``, counted in ``counts``)."""
    if not 1 <= batch_size <= MAX_BATCH_RECORDS:
        raise ValueError(f"the batch size must be between 1 and {MAX_BATCH_RECORDS}")
    earlier = travelling_batches(engine)
    carried: set[tuple[uuid.UUID, int]] = set()
    for batch in earlier:
        carried |= batch.records
        yield batch.record_count, batch.signed
    key = laptop_key(engine)
    device_id = registration(engine).device_id
    # reported by the first new batch (an earlier one may have carried some: the office
    # keeps each receipt once, however often reported)
    receipts = tuple(unreported_receipts(engine, limit=MAX_BATCH_RECORDS))
    cursor = 0
    while True:
        records, cursor = pending_records(engine, after_rowid=cursor, limit=batch_size)
        if not records and not receipts:
            return
        records = [r for r in records if (r.enrollment_id, r.revision) not in carried]
        records, refused = within_bounds(engine, records)
        counts.add(refused)
        if not records and not receipts:
            continue
        batch = Batch(uuid.uuid4(), device_id, __version__, tuple(records), receipts)
        receipts = ()
        signed = signed_batch(key, batch_to_json(batch))
        keep_travelling(engine, signed, len(records))
        yield len(records), signed


def _keep_answers(engine: Engine, answer: dict[str, Any]) -> SyncCounts:
    officer = current_officer(engine)
    batch_id = uuid.UUID(answer["batch_id"]) if answer.get("batch_id") else None
    counts = apply_answers(engine, [answer_from_json(r) for r in answer["results"]],
                           officer.id, batch_id)
    mark_reported(engine, answer.get("receipts") or [])  # the office vouches for them now
    return counts


def sync_now(engine: Engine, *, server_url: str | None = None,
             batch_size: int = DEFAULT_BATCH_SIZE, state: WorkState | None = None,
             client: OfficeClient | None = None) -> SyncSummary:
    """Push then pull, and the run's summary; raises OfficeUnreachable or OfficeRefused (what
    was done stays done). ``state`` gets the progress (``SyncProgress``: records sent, then
    pulled, the new or changed ones) and may cancel the run (``Cancelled``): between two
    batches, two pages, or in a retry pause. A batch made but not yet answered stays
    travelling, so the next sync sends it again and nothing is lost."""
    state = state or WorkState()
    setup = registration(engine)
    url = server_url or setup.server_url
    if not url or not setup.device_token:
        raise SyncNotSetUp()
    own = client or OfficeClient(url, setup.device_token, state=state)
    counts = SyncCounts()
    try:
        _push(engine, own, batch_size, counts, state)
        cursor = registration(engine).pull_cursor
        while True:
            state.check()
            page = _take_page(engine, own.pull(cursor, batch_size,
                                               installed_version(reference_folder(engine))),
                              counts)
            cursor = max(cursor, page.cursor)
            state.report(SyncProgress(SyncStage.PULL, counts.pulled))
            if not page.more:
                break
    finally:
        if client is None:
            own.close()
    mark_synced(engine)
    return SyncSummary.of(counts)


def _push(engine: Engine, client: OfficeClient, batch_size: int, counts: SyncCounts,
          state: WorkState) -> None:
    """Sends the batches one after another, each while the laptop reads the next and keeps
    the previous one's answers: the office and the laptop work at the same time, and the
    answers are still kept in order, one batch at a time."""
    done = 0
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="push") as sender:
        travelling: tuple[int, dict[str, Any], Future[dict[str, Any]]] | None = None
        for size, signed in _batches(engine, batch_size, counts):
            if state.cancelled:  # this batch is kept travelling: the next sync sends it
                if travelling is not None:
                    _keep_travelled(engine, client, travelling, counts)
                state.check()
            sent = (size, signed, sender.submit(client.push, signed))
            if travelling is not None:
                done += _keep_travelled(engine, client, travelling, counts)
                state.report(SyncProgress(SyncStage.PUSH, done))
            travelling = sent
        if travelling is not None:
            done += _keep_travelled(engine, client, travelling, counts)
            state.report(SyncProgress(SyncStage.PUSH, done))


def _keep_travelled(engine: Engine, client: OfficeClient,
                    travelling: tuple[int, dict[str, Any], "Future[dict[str, Any]]"],
                    counts: SyncCounts) -> int:
    size, signed, answer = travelling
    try:
        result = answer.result()
    except OfficeRefused as refused:
        if refused.status in REBUILT_ON:  # the batch itself cannot go: its records will
            forget_travelling(engine, uuid.UUID(signed["batch"]["batch_id"]))  # in new ones
        if refused.status != TOO_LARGE or not size:
            raise
        # too large: sent again now in halves, until a record too large alone is rejected
        counts.add(push_in_halves(engine, batch_from_json(signed["batch"]),
                                  lambda part: _send_now(engine, client, part)))
        return size
    counts.add(_keep_answers(engine, result))
    return size


def _send_now(engine: Engine, client: OfficeClient, batch: Batch) -> SyncCounts:
    """Signs, keeps as travelling, sends and keeps the answers of one batch."""
    signed = signed_batch(laptop_key(engine), batch_to_json(batch))
    keep_travelling(engine, signed, len(batch.records))
    try:
        answer = client.push(signed)
    except OfficeRefused as refused:
        if refused.status in REBUILT_ON:
            forget_travelling(engine, batch.batch_id)
        raise
    return _keep_answers(engine, answer)


def _take_page(engine: Engine, data: dict[str, Any], counts: SyncCounts) -> PullPage:
    """Stores a pulled page; newer reference data is installed once it reads back valid."""
    page = PullPage.from_json(data)
    counts.add(apply_pulled(engine, page, current_officer(engine).id))
    bundle = page.reference
    if bundle:
        try:
            install_bundle(reference_folder(engine), dict(bundle.files), bundle.version)
        except (KeyError, TypeError, ValueError) as bad:  # keep the working copy
            counts.problems.append({"id": "", "nik": "", "full_name": "reference data",
                                    "outcome": "rejected", "conflicting": [], "reasons": [{
                                        "field": "reference", "message": {
                                            "id": f"data referensi dari kantor rusak: {bad}",
                                            "en": f"the office's reference data is "
                                                  f"damaged: {bad}"}}]})
    return page


def export_batch_file(engine: Engine, path: Path, *,
                      batch_size: int = DEFAULT_BATCH_SIZE) -> int:
    """Writes every waiting record as signed batches to ``path``; returns how many.

    The records stay pending until the reply is imported, so a lost stick costs nothing: the
    batches are kept as travelling, and the next export or push carries them again as they
    were (the office answers a batch it already took with its earlier answers)."""
    setup = registration(engine)
    batches, count = [], 0
    for size, signed in _batches(engine, batch_size, SyncCounts()):
        batches.append(signed)
        count += size
    write_bytes_whole(path, wire_bytes({
        "kind": BATCH_FILE, "device_id": str(setup.device_id), "app_version": __version__,
        "pull_cursor": setup.pull_cursor,
        "reference_version": installed_version(reference_folder(engine)),
        "batches": batches}))
    return count


def import_reply_file(engine: Engine, path: Path) -> SyncSummary:
    """Takes back the office's reply to a batch file: answers first, then the pulled pages."""
    data = read_sync_file(path, REPLY_FILE)
    if data.get("device_id") != str(registration(engine).device_id):
        raise SyncFileError(f"{path} is the reply for another laptop")
    counts = SyncCounts()
    for answer in data.get("answers") or []:
        counts.add(_keep_answers(engine, answer))
    for page in data.get("changes") or []:
        _take_page(engine, page, counts)
    mark_synced(engine)
    return SyncSummary.of(counts)
