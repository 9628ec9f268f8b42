"""Batch files from a USB stick: the same signed batches a laptop would push, applied exactly
as over HTTP, and a reply file with the answers and the laptop's pull.

The file names its device; each batch must carry that device's signature, so a file altered
on the way (or made by an unregistered or revoked laptop) is refused whole, before anything is
written. Importing the same file again gives the same reply and changes nothing.
"""

import uuid
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from desktop_app.domain.messages import BilingualError, Text
from desktop_app.domain.sync_messages import (
    BATCH_FILE,
    REPLY_FILE,
    BatchFormatError,
    SyncFileError,
    batch_from_json,
    from_wire,
    read_sync_file,
    signed_parts,
)
from desktop_app.office.changes import changes_since
from desktop_app.office.devices import BadSignature, find_device, verify_signature
from desktop_app.office.intake import batch_digest, receive_batch


class BatchFileRefused(BilingualError):
    """The file cannot be applied; ``text`` says why in both languages (the message is the
    English one). Nothing was written."""


def import_batch_file(engine: Engine, path: Path, *, today: date,
                      reference: Path | None = None) -> dict[str, Any]:
    """Applies every batch of the file and returns the reply for the laptop (with the
    office's reference data from ``reference`` when the laptop's is older)."""
    try:
        data = read_sync_file(path, BATCH_FILE)
        device_id = uuid.UUID(str(data.get("device_id")))
        cursor = int(data.get("pull_cursor") or 0)
        envelopes = [signed_parts(item) for item in data.get("batches") or []]
        batches = [batch_from_json(batch_json) for batch_json, _ in envelopes]
    except SyncFileError as bad:
        raise BatchFileRefused(Text(str(bad), str(bad))) from None  # its message names the file
    except BatchFormatError as bad:
        raise BatchFileRefused(Text(f"{path} rusak: {bad.text.id}",
                                    f"{path} is damaged: {bad}")) from None
    except (ValueError, TypeError) as bad:
        raise BatchFileRefused(Text(f"{path} rusak: {bad}", f"{path} is damaged: {bad}")) from None
    device = find_device(engine, device_id)
    if device is None or device.revoked_at is not None:
        raise BatchFileRefused(Text(f"laptop {device_id} tidak terdaftar atau aksesnya dicabut",
                                    f"the laptop {device_id} is not registered or was revoked"))
    for (batch_json, signature), batch in zip(envelopes, batches, strict=True):
        if batch.device_id != device.id:
            raise BatchFileRefused(Text(f"batch {batch.batch_id} dibuat oleh laptop lain",
                                        f"batch {batch.batch_id} was made by another laptop"))
        try:
            verify_signature(device, batch_json, signature)
        except BadSignature as refused:
            raise BatchFileRefused(Text(
                f"batch {batch.batch_id}: tanda tangan batch tidak cocok: batch diubah atau "
                "tidak dibuat oleh laptop ini",
                f"batch {batch.batch_id}: {refused}")) from None
    answers = [from_wire(receive_batch(engine, device, batch, batch_digest(batch_json),
                                       today=today))
               for (batch_json, _), batch in zip(envelopes, batches, strict=True)]
    pages = []
    while True:
        page = changes_since(engine, device, cursor,
                             reference_version=str(data.get("reference_version") or ""),
                             reference=reference)
        pages.append(page.to_json())
        cursor = page.cursor
        if not page.more:
            break
    return {"kind": REPLY_FILE, "device_id": str(device.id), "answers": answers,
            "changes": pages}
