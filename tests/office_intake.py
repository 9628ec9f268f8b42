"""Driving the office's intake directly (no HTTP): laptops registered at the office, their
batches applied, and their pulls read as typed pages."""

import uuid
from datetime import date

from desktop_app.domain.sync_messages import (
    Batch,
    OutgoingRecord,
    PullPage,
    batch_to_json,
    from_wire,
)
from desktop_app.office.changes import changes_since
from desktop_app.office.devices import DeviceInfo, add_device, register_device
from desktop_app.office.intake import batch_digest, receive_batch

TODAY = date(2026, 11, 23)
PUBLIC_KEY = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="


def register(office, officer: str, area: str = "") -> DeviceInfo:
    code = add_device(office, officer_name=officer, area_code=area)
    _, device = register_device(office, code=code, device_id=uuid.uuid4(),
                                public_key=PUBLIC_KEY, app_version="test")
    return device


def push(office, device: DeviceInfo, *records: OutgoingRecord, today: date = TODAY
         ) -> list[dict]:
    batch = Batch(uuid.uuid4(), device.id, "test", records)
    return from_wire(receive_batch(office, device, batch, batch_digest(batch_to_json(batch)),
                                   today=today))["results"]


def outgoing(record, *, enrollment_id=None, revision=1, base=None,
             enrolled_on="2026-11-20") -> OutgoingRecord:
    return OutgoingRecord(enrollment_id or uuid.uuid4(), revision, base, record, "X",
                          enrolled_on)


def pull_all(office, device: DeviceInfo, since: int = 0) -> list[PullPage]:
    pages = []
    while True:
        page = changes_since(office, device, since)
        pages.append(page)
        since = page.cursor
        if not page.more:
            return pages
