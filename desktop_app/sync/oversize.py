"""Records the office would refuse for their size never block a laptop's sync.

A stored record that breaks the text bounds (``domain/text_bounds``: made by an older version,
before the limits, or written into the database by hand) is not sent: it is marked rejected
here, with the reasons the office would give, and waits for the officer to shorten it. A batch
the office still refuses as too large (413: an office or a proxy with a lower limit) is split
in halves until the record that is too large stands alone; that one is marked rejected, the
others go. So no record is sent again and again to the same refusal, and the records behind it
are not held back.
"""

import uuid
from collections.abc import Callable, Iterable

from sqlalchemy import Engine

from desktop_app.domain.merge import MergeOutcome
from desktop_app.domain.messages import FieldIssue, error
from desktop_app.domain.sync_messages import Batch, OutgoingRecord, RecordAnswer
from desktop_app.domain.text_bounds import record_text_issues
from desktop_app.store.officers import current_officer
from desktop_app.store.sync_records import SyncCounts, apply_answers
from desktop_app.sync.client import OfficeRefused

TOO_LARGE = 413

_NOT_SENT = error("record", "not_sent",
                  "Data ini tidak dikirim ke kantor: ada isian yang melebihi batas atau berisi "
                  "karakter terlarang. Buka data ini, perbaiki isian di bawah, lalu "
                  "sinkronkan lagi.",
                  "This record was not sent to the office: a field is longer than allowed or "
                  "holds a character that is not allowed. Open the record, correct the fields "
                  "below, then sync again.")
_REFUSED_AS_TOO_LARGE = error("record", "too_large",
                              "Kantor menolak data ini karena terlalu besar (HTTP 413). "
                              "Persingkat isian yang panjang (catatan, alamat), lalu "
                              "sinkronkan lagi.",
                              "The office refused this record as too large (HTTP 413). "
                              "Shorten its long fields (notes, address), then sync again.")


def within_bounds(engine: Engine, records: Iterable[OutgoingRecord]
                  ) -> tuple[list[OutgoingRecord], SyncCounts]:
    """The records that may be sent; the others are marked rejected, with their reasons."""
    sendable, refused = [], []
    for item in records:
        issues = record_text_issues(item.record)
        if issues:
            refused.append(_rejection(item, [_NOT_SENT, *issues]))
        else:
            sendable.append(item)
    return sendable, _keep(engine, refused)


def reject_as_too_large(engine: Engine, item: OutgoingRecord) -> SyncCounts:
    """Marks a record the office refused as too large on its own rejected."""
    return _keep(engine, [_rejection(item, [_REFUSED_AS_TOO_LARGE])])


def halves(batch: Batch) -> tuple[Batch, Batch]:
    """The batch's records in two new batches (new ids: each is a batch of its own); the
    printed receipts it reports go with the first, or alone beside a single record."""
    middle = (len(batch.records) + 1) // 2 if len(batch.records) > 1 else 0
    return (Batch(uuid.uuid4(), batch.device_id, batch.app_version, batch.records[:middle],
                  batch.receipts),
            Batch(uuid.uuid4(), batch.device_id, batch.app_version, batch.records[middle:]))


def push_in_halves(engine: Engine, batch: Batch,
                   send: Callable[[Batch], SyncCounts]) -> SyncCounts:
    """A batch the office refused as too large, sent again (``send``) in halves until the
    record that is too large stands alone: that one is marked rejected, the others go."""
    if len(batch.records) == 1 and not batch.receipts:
        return reject_as_too_large(engine, batch.records[0])
    counts = SyncCounts()
    for part in halves(batch):
        if not part.records and not part.receipts:
            continue
        try:
            counts.add(send(part))
        except OfficeRefused as refused:
            if refused.status != TOO_LARGE or not part.records:
                raise  # the receipts alone are too large: nothing left to split
            counts.add(push_in_halves(engine, part, send))
    return counts


def _rejection(item: OutgoingRecord, reasons: list[FieldIssue]) -> RecordAnswer:
    return RecordAnswer(item.enrollment_id, item.revision, MergeOutcome.REJECTED,
                        reasons=tuple(reasons))


def _keep(engine: Engine, answers: list[RecordAnswer]) -> SyncCounts:
    if not answers:
        return SyncCounts()
    return apply_answers(engine, answers, current_officer(engine).id)
