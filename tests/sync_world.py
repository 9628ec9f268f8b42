"""Laptops and an office for the sync's model-based and kill-loop tests: one real uvicorn on
127.0.0.1 for the whole session that serves each example's own office, copies of a registered
office and laptops made once, transports that lose answers or cut the line after k batches
(and log what reached the office), and the office's and a laptop's state read as plain data.
"""

import atexit
import json
import shutil
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from live_office import ServedApp
from sqlalchemy import Engine, text

from desktop_app.domain.sync_messages import from_wire, signed_parts

BATCHES_PATH = "/api/v1/batches"


class SwitchedOffice:
    """uvicorn serving whichever office app ``use`` was last given: a fresh office per example
    without starting a server each time (the laptops keep one server address)."""

    def __init__(self) -> None:
        self.app: Callable | None = None

        async def current(scope, receive, send) -> None:
            await self.app(scope, receive, send)

        self.served = ServedApp(current)
        self.url = self.served.url

    def use(self, engine: Engine) -> None:
        from desktop_app.office.service import create_app

        self.app = create_app(engine)

    def stop(self) -> None:
        self.served.stop()


@dataclass
class Delivered:
    """One record revision that reached the office in a batch it answered."""

    device_id: uuid.UUID
    enrollment_id: uuid.UUID
    revision: int
    record: dict[str, Any]  # the wire record (domain field names)


def delivered_records(signed: dict[str, Any]) -> list[Delivered]:
    """The record revisions of one signed batch, as sent."""
    batch, _ = signed_parts(signed)
    device = uuid.UUID(batch["device_id"])
    return [Delivered(device, uuid.UUID(item["enrollment_id"]), int(item["revision"]),
                      item["record"])
            for item in batch.get("records") or []]


class Line(httpx.HTTPTransport):
    """The network between one laptop and the office for one sync run: it can lose every
    answer to a batch after the office committed it (``lose_answers``), or go down for good
    after ``cut_after`` batches were answered. Every batch the office answered is logged."""

    def __init__(self, log: list[Delivered], *, lose_answers: bool = False,
                 cut_after: int | None = None) -> None:
        super().__init__(verify=False)  # plain HTTP on 127.0.0.1: no certificates to load
        self.log, self.lose_answers, self.cut_after = log, lose_answers, cut_after
        self.answered = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.cut_after is not None and self.answered >= self.cut_after:
            raise httpx.ConnectError("line cut", request=request)
        response = super().handle_request(request)
        if request.url.path == BATCHES_PATH:
            response.read()
            if response.status_code == 200:
                self.answered += 1
                self.log.extend(delivered_records(from_wire(request.content)))
            if self.lose_answers:
                raise httpx.ReadError("answer lost", request=request)
        return response


def temporary_folder(prefix: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


# -- the office's state, read as plain data -------------------------------------------------

def has_column(engine: Engine, table: str, column: str) -> bool:
    with engine.connect() as connection:
        return any(row[1] == column for row in connection.exec_driver_sql(
            f"PRAGMA table_info({table})"))


def office_rows(engine: Engine, query: str, **params: Any) -> list[dict[str, Any]]:
    with engine.connect() as connection:
        return [dict(row._mapping) for row in connection.execute(text(query), params)]


def live_records(engine: Engine) -> list[dict[str, Any]]:
    """The office's live canonical records (all of them on an office without tombstones)."""
    live = " WHERE state = 'live'" if has_column(engine, "canonical_record", "state") else ""
    return office_rows(engine, f"SELECT id, nik, record, revision FROM canonical_record{live}")


def office_snapshot(engine: Engine) -> dict[str, Any]:
    """Everything a replayed batch must leave as it was: records, versions, review items."""
    return {"records": office_rows(engine, "SELECT * FROM canonical_record ORDER BY id"),
            "versions": office_rows(engine, "SELECT canonical_id, revision, seq, record, action"
                                            " FROM record_version ORDER BY id"),
            "items": office_rows(engine, "SELECT * FROM conflict ORDER BY id"),
            "links": office_rows(engine, "SELECT * FROM client_link ORDER BY device_id, "
                                         "enrollment_id")}


@dataclass
class OfficeKeeps:
    """Where a sent value may live at the office: record JSONs by client link."""

    versions: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # canonical id
    items: dict[tuple[str, str], list[dict[str, Any]]] = field(default_factory=dict)
    links: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    merged_into: dict[str, str] = field(default_factory=dict)


def _key(value: Any) -> str:
    return uuid.UUID(str(value)).hex


def office_keeps(engine: Engine) -> OfficeKeeps:
    keeps = OfficeKeeps()
    for row in office_rows(engine, "SELECT canonical_id, record FROM record_version"):
        keeps.versions.setdefault(_key(row["canonical_id"]), []).append(
            from_wire(row["record"]))
    for row in office_rows(engine, "SELECT device_id, enrollment_id, incoming_record "
                                   "FROM conflict"):
        keeps.items.setdefault((_key(row["device_id"]), _key(row["enrollment_id"])), []).append(
            from_wire(row["incoming_record"]))
    for row in office_rows(engine, "SELECT * FROM client_link"):
        keeps.links[(_key(row["device_id"]), _key(row["enrollment_id"]))] = row
    if has_column(engine, "canonical_record", "merged_into"):
        for row in office_rows(engine, "SELECT id, merged_into FROM canonical_record "
                                       "WHERE merged_into IS NOT NULL"):
            keeps.merged_into[_key(row["id"])] = _key(row["merged_into"])
    return keeps


def misplaced_values(keeps: OfficeKeeps, sent: Delivered) -> list[str]:
    """The fields of a sent revision whose value is in neither the office's record, its
    history, nor a review item of that record (an empty list when all are kept). A revision
    the office refused or failed on (its own outcome, sent again or fixed) keeps nothing."""
    link = keeps.links.get((sent.device_id.hex, sent.enrollment_id.hex))
    if link is None:
        return sorted(sent.record)
    answer = from_wire(link["last_answer"]) if link["last_answer"] else {}
    if link["last_revision"] == sent.revision and answer.get("outcome") in ("rejected",
                                                                           "error"):
        return []
    places = list(keeps.items.get((sent.device_id.hex, sent.enrollment_id.hex), []))
    canonical = _key(link["canonical_id"]) if link["canonical_id"] else None
    seen = set()
    while canonical and canonical not in seen:  # the record, or the one it was merged into
        seen.add(canonical)
        places.extend(keeps.versions.get(canonical, []))
        canonical = keeps.merged_into.get(canonical)
    for other, target in keeps.merged_into.items():  # a record merged into this one
        if target in seen:
            places.extend(keeps.versions.get(other, []))
    return sorted(name for name, value in sent.record.items()
                  if not any(_kept_as(name, place.get(name), value) for place in places))


def consent_answer(consent: Any) -> dict[str, Any]:
    """Consent as both sides must agree on it: given or not, on which text. Who recorded it,
    and when, is provenance: a person enrolled twice consented twice, the merge table compares
    consent by its answer and text (README, DESIGN.md), and the office keeps the first."""
    consent = consent or {}
    return {"given": consent.get("given"), "text_version": consent.get("text_version")}


def _kept_as(name: str, kept: Any, sent: Any) -> bool:
    if name == "consent":
        return consent_answer(kept) == consent_answer(sent)
    return kept == sent


def json_of(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))
