"""A sync run: push what waits in batches, then pull what changed at the office.

Each batch's answers are stored before the next batch is sent, and each pulled page with its
cursor, so a run cut at any point (laptop killed, cable pulled, office restarted) loses
nothing and duplicates nothing when it runs again: the office answers a batch or a record
revision it has already seen with the answer it gave before.

Without a network the same batches travel in a file (``export_batch_file``), and the office's
reply file is taken back with ``import_reply_file``.
"""

import os
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from desktop_app import __version__
from desktop_app.domain.messages import Text
from desktop_app.domain.reference_data import install_bundle, installed_version
from desktop_app.domain.sync_messages import (
    BATCH_FILE,
    DEFAULT_BATCH_SIZE,
    MAX_BATCH_RECORDS,
    REPLY_FILE,
    Batch,
    SyncFileError,
    answer_from_json,
    batch_to_json,
    read_sync_file,
    wire_bytes,
)
from desktop_app.store.database import reference_folder
from desktop_app.store.device import (
    current_officer,
    mark_synced,
    registration,
    save_registration,
)
from desktop_app.store.receipts import mark_reported, unreported_receipts
from desktop_app.store.sync_records import (
    SyncCounts,
    apply_answers,
    apply_pulled,
    pending_records,
)
from desktop_app.sync.client import OfficeClient, SyncFailure
from desktop_app.sync.keys import laptop_key, public_key_text, signed_batch
from desktop_app.sync.summary import SyncSummary

Progress = Callable[[str, int], None]  # stage ("push" or "pull"), records done so far
# (pulled: the new or changed ones, the figure the summary gives at the end)


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


def _batches(engine: Engine, batch_size: int) -> Iterator[tuple[int, dict[str, Any]]]:
    """Signed batches of what waits, each built after the previous one's answers were kept."""
    if not 1 <= batch_size <= MAX_BATCH_RECORDS:
        raise ValueError(f"the batch size must be between 1 and {MAX_BATCH_RECORDS}")
    key = laptop_key(engine)
    device_id = registration(engine).device_id
    receipts = tuple(unreported_receipts(engine, limit=MAX_BATCH_RECORDS))  # the first batch's
    cursor = 0
    while True:
        records, cursor = pending_records(engine, after_rowid=cursor, limit=batch_size)
        if not records and not receipts:
            return
        batch = Batch(uuid.uuid4(), device_id, __version__, tuple(records), receipts)
        receipts = ()
        yield len(records), signed_batch(key, batch_to_json(batch))


def _keep_answers(engine: Engine, answer: dict[str, Any]) -> SyncCounts:
    officer = current_officer(engine)
    counts = apply_answers(engine, [answer_from_json(r) for r in answer["results"]], officer.id)
    mark_reported(engine, answer.get("receipts") or [])  # the office vouches for them now
    return counts


def sync_now(engine: Engine, *, server_url: str | None = None,
             batch_size: int = DEFAULT_BATCH_SIZE, progress: Progress | None = None,
             client: OfficeClient | None = None) -> SyncSummary:
    """Push then pull, and the run's summary; raises OfficeUnreachable or OfficeRefused (what
    was done stays done)."""
    setup = registration(engine)
    url = server_url or setup.server_url
    if not url or not setup.device_token:
        raise SyncNotSetUp()
    own = client or OfficeClient(url, setup.device_token)
    counts = SyncCounts()
    try:
        _push(engine, own, batch_size, counts, progress)
        cursor = registration(engine).pull_cursor
        while True:
            page = own.pull(cursor, batch_size, installed_version(reference_folder(engine)))
            _take_page(engine, page, counts)
            cursor = page["cursor"]
            if progress:
                progress("pull", counts.pulled)
            if not page["more"]:
                break
    finally:
        if client is None:
            own.close()
    mark_synced(engine)
    return SyncSummary.of(counts)


def _push(engine: Engine, client: OfficeClient, batch_size: int, counts: SyncCounts,
          progress: Progress | None) -> None:
    """Sends the batches one after another, each while the laptop reads the next and keeps
    the previous one's answers: the office and the laptop work at the same time, and the
    answers are still kept in order, one batch at a time."""
    done = 0
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="push") as sender:
        travelling: tuple[int, Future[dict[str, Any]]] | None = None
        for size, signed in _batches(engine, batch_size):
            sent = (size, sender.submit(client.push, signed))
            if travelling is not None:
                done += _keep_travelled(engine, travelling, counts)
                if progress:
                    progress("push", done)
            travelling = sent
        if travelling is not None:
            done += _keep_travelled(engine, travelling, counts)
            if progress:
                progress("push", done)


def _keep_travelled(engine: Engine, travelling: tuple[int, "Future[dict[str, Any]]"],
                    counts: SyncCounts) -> int:
    size, answer = travelling
    counts.add(_keep_answers(engine, answer.result()))
    return size


def _take_page(engine: Engine, page: dict[str, Any], counts: SyncCounts) -> None:
    """Stores a pulled page; newer reference data is installed once it reads back valid."""
    counts.add(apply_pulled(engine, page, current_officer(engine).id))
    bundle = page.get("reference")
    if bundle:
        try:
            install_bundle(reference_folder(engine), bundle["files"], bundle["version"])
        except (KeyError, TypeError, ValueError) as bad:  # keep the working copy
            counts.problems.append({"id": "", "nik": "", "full_name": "reference data",
                                    "outcome": "rejected", "conflicting": [], "reasons": [{
                                        "field": "reference", "message": {
                                            "id": f"data referensi dari kantor rusak: {bad}",
                                            "en": f"the office's reference data is "
                                                  f"damaged: {bad}"}}]})


def _write_atomically(path: Path, data: dict[str, Any]) -> None:
    partial = path.with_name(path.name + ".partial")
    with partial.open("wb") as file:
        file.write(wire_bytes(data))
        file.flush()
        os.fsync(file.fileno())
    partial.replace(path)


def export_batch_file(engine: Engine, path: Path, *,
                      batch_size: int = DEFAULT_BATCH_SIZE) -> int:
    """Writes every waiting record as signed batches to ``path``; returns how many.

    Nothing changes on the laptop: the records stay pending until the reply is imported, so a
    lost stick costs nothing, and a second export carries them again (the office answers what
    it already took with its earlier answer)."""
    setup = registration(engine)
    batches, count = [], 0
    for size, signed in _batches(engine, batch_size):
        batches.append(signed)
        count += size
    _write_atomically(path, {"kind": BATCH_FILE, "device_id": str(setup.device_id),
                             "app_version": __version__, "pull_cursor": setup.pull_cursor,
                             "reference_version": installed_version(reference_folder(engine)),
                             "batches": batches})
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
