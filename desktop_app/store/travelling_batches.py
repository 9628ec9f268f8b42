"""Batches on their way to the office, kept from the moment they leave until their answers
are kept.

A push whose answer is lost (the connection cut after the office committed) or a batch file
whose reply never came back is sent again as it was: the same batch id and the same signed
bytes, so the office answers it with the answers it gave the first time (or applies it now),
and no record goes twice under two batch ids. The row goes in the same transaction as the
batch's answers (``sync_records.apply_answers``).
"""

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from desktop_app.domain.sync_messages import from_wire, wire_text
from desktop_app.sqlite_engine import write_session
from desktop_app.store import models


@dataclass(frozen=True)
class TravellingBatch:
    batch_id: uuid.UUID
    signed: dict[str, Any]  # the signed envelope, as sent
    record_count: int

    @property
    def records(self) -> set[tuple[uuid.UUID, int]]:
        """(enrollment id, revision) of each record it carries."""
        return {(uuid.UUID(r["enrollment_id"]), int(r["revision"]))
                for r in self.signed["batch"]["records"]}


def keep_travelling(engine: Engine, signed: dict[str, Any], record_count: int) -> None:
    """Keeps a signed batch about to leave (sent, or written to a batch file)."""
    batch_id = uuid.UUID(signed["batch"]["batch_id"])
    with write_session(engine) as session:
        if session.get(models.TravellingBatch, batch_id) is None:
            session.add(models.TravellingBatch(id=batch_id, signed=wire_text(signed),
                                               record_count=record_count))
            session.commit()


def travelling_batches(engine: Engine) -> list[TravellingBatch]:
    """The batches still waiting for their answers, oldest first."""
    with Session(engine) as session:
        rows = session.exec(select(models.TravellingBatch)
                            .order_by(col(models.TravellingBatch.made_at))).all()
        return [TravellingBatch(row.id, from_wire(row.signed), row.record_count)
                for row in rows]


def forget_travelling(engine: Engine, batch_id: uuid.UUID) -> None:
    """A batch the office refuses as a whole (too large, unreadable): its records are
    built into new batches at the next sync instead."""
    with write_session(engine) as session:
        row = session.get(models.TravellingBatch, batch_id)
        if row is not None:
            session.delete(row)
            session.commit()
