"""The office sync service (FastAPI): device registration, batch push, change pull.

Every endpoint except health needs a device token (``Authorization: Bearer ...``), and a batch
must carry its device's signature, so a laptop can never act as another. Bad requests get a
4xx with a message naming what is wrong and never a partial write; an unreachable database
gets 503 so the laptop keeps its records pending and tries again later.

The service keeps no state outside the database: run it with several uvicorn workers, or
several instances behind a proxy, on one PostgreSQL database.
"""

import os
import uuid
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from desktop_app import __version__
from desktop_app.assets import use_reference_folder
from desktop_app.domain.reference_data import forget_loaded_reference
from desktop_app.domain.sync_messages import (
    batch_from_json,
    from_wire,
    signed_parts,
    wire_bytes,
)
from desktop_app.office.changes import changes_since
from desktop_app.office.database import (
    DATABASE_URL_VARIABLE,
    REFERENCE_VARIABLE,
    SYNC_LOG_VARIABLE,
    is_transient,
    open_office_database,
)
from desktop_app.office.devices import (
    BadSignature,
    DeviceInfo,
    RegistrationRefused,
    Unauthorized,
    authenticate,
    note_pull,
    register_device,
    verify_signature,
)
from desktop_app.office.intake import BatchRefused, batch_digest, receive_batch
from desktop_app.office.sync_log import (
    configure_sync_log,
    log_event,
    log_incident,
    new_incident,
)

MAX_BODY_BYTES = 64 * 1024 * 1024  # a 5,000-record batch is about 10 MB
LARGEST_CURSOR = 2**63 - 1  # a cursor is a 64-bit sequence number; beyond it is no cursor
JSON_OBJECT = {"application/json": {"schema": {"type": "object"}}}
# one line of text without control characters: what reaches the database is printable (and
# PostgreSQL cannot store NUL at all)
_PRINTABLE = r"^[^\x00-\x1f\x7f-\x9f]*$"


class Registration(BaseModel):
    code: Annotated[str, Field(max_length=64, pattern=_PRINTABLE)]  # ABCD-EFGH-JKLM
    device_id: uuid.UUID
    public_key: Annotated[str, Field(max_length=64, pattern=_PRINTABLE)]  # 32 bytes, base64
    app_version: Annotated[str, Field(max_length=32, pattern=_PRINTABLE)] = ""


class Refusal(BaseModel):
    """Why the office did not do what was asked (English, for the log and the laptop's
    technical detail line; the laptop tells the officer in their language)."""

    detail: str


class Failure(Refusal):
    """The office's own failure, logged under ``incident`` (quote it to the office)."""

    incident: str


def _said(description: str) -> dict[str, Any]:
    return {"description": description, "model": Refusal}


# the statuses every route may answer besides its own, as they really occur
_UNAVAILABLE = {503: _said("the office database is unavailable: nothing was written; try "
                           "later (Retry-After)"),
                500: {"description": "the office failed: the body names the incident it "
                                     "logged (detail, incident)",
                      "model": Failure}}
_DEVICE_ONLY = {401: _said("no device token, or an unknown or revoked one"), **_UNAVAILABLE}


class Registered(BaseModel):
    device_id: uuid.UUID
    token: str
    officer: str
    area: str


def create_app(engine: Engine, reference: Path | None = None) -> FastAPI:
    """The service on ``engine``; ``reference`` is the folder of the office's maintained
    reference data (banjar list, contribution rates), else the shipped copies are sent."""
    app = FastAPI(title="Banjar Enroll office", version=__version__,
                  description="Sync service for Banjar Enroll laptops: push batches of "
                              "enrollments, pull the office's canonical records.")

    if reference is not None:
        # the office validates with the reference data it serves, not its shipped copies
        use_reference_folder(reference)
        forget_loaded_reference()

    @app.exception_handler(DBAPIError)
    def database_unavailable(request: Request, failure: DBAPIError) -> JSONResponse:
        if not is_transient(failure):
            return office_failed(request, failure)
        return JSONResponse(status_code=503, headers={"Retry-After": "30"}, content={
            "detail": "the office database is unavailable; keep the records and try later"})

    @app.exception_handler(Exception)
    def office_failed(request: Request, failure: Exception) -> JSONResponse:
        # the office's own failure, not the network's: logged under an incident id the
        # laptop shows its officer, so IT staff find this line
        incident = new_incident()
        log_event("failure", path=request.url.path, incident=incident,
                  failure=type(failure).__name__)
        log_incident(incident, failure)
        return JSONResponse(status_code=500, content={
            "detail": "the office failed on this request; quote the incident to the office",
            "incident": incident})

    def device(authorization: Annotated[str, Header()] = "") -> DeviceInfo:
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise HTTPException(401, "a device token is required (Authorization: Bearer ...)")
        try:
            return authenticate(engine, token.strip())
        except Unauthorized as refused:
            raise HTTPException(401, str(refused)) from None

    @app.get("/api/v1/health", responses=_UNAVAILABLE)
    def health() -> dict[str, str]:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return {"status": "ok", "version": __version__}

    @app.post("/api/v1/devices/register", status_code=201, responses={
        400: _said("the code is unknown, used or expired, the laptop is already registered, "
                   "or the public key is not an Ed25519 key"), **_UNAVAILABLE})
    def register(registration: Registration) -> Registered:
        try:
            token, info = register_device(
                engine, code=registration.code, device_id=registration.device_id,
                public_key=registration.public_key, app_version=registration.app_version)
        except RegistrationRefused as refused:
            raise HTTPException(400, str(refused)) from None
        return Registered(device_id=info.id, token=token, officer=info.officer_name,
                          area=info.area_code)

    # the push and the pull answer with JSON made by orjson, not through a response model:
    # at 500 records a page, validating and encoding the answer again cost more than
    # applying it
    @app.post("/api/v1/batches", response_class=Response,
              responses={200: {"description": "one answer per record", "content": JSON_OBJECT},
                         400: _said("the batch cannot be read, or its signature does not "
                                    "match: nothing was written"),
                         409: _said("the batch id was used for another batch, or the batch "
                                    "is another device's"),
                         413: _said(f"the body is larger than {MAX_BODY_BYTES // 2**20} MB: "
                                    "send smaller batches"),
                         **_DEVICE_ONLY},
              openapi_extra={"requestBody": {"required": True, "content": {
        "application/json": {"schema": {"type": "object", "required": ["batch", "signature"],
                                        "properties": {"batch": {"type": "object"},
                                                       "signature": {"type": "string"}}}}}}})
    async def push(request: Request,
                   sender: Annotated[DeviceInfo, Depends(device)]) -> Response:
        body = await _read_body(request)
        try:
            batch_json, signature = signed_parts(from_wire(body))
            batch = batch_from_json(batch_json)
        except ValueError as bad:  # BatchFormatError, broken JSON or broken UTF-8
            raise HTTPException(400, f"unreadable batch: {bad}") from None
        try:
            verify_signature(sender, batch_json, signature)
        except BadSignature as refused:
            raise HTTPException(400, str(refused)) from None
        try:
            answer = await run_in_threadpool(receive_batch, engine, sender, batch,
                                             batch_digest(batch_json), today=date.today())
        except BatchRefused as refused:
            raise HTTPException(409, str(refused)) from None
        return Response(answer, media_type="application/json")

    @app.get("/api/v1/changes", response_class=Response, responses={
        200: {"description": "a page of changes after the cursor", "content": JSON_OBJECT},
        **_DEVICE_ONLY})
    def pull(sender: Annotated[DeviceInfo, Depends(device)],
             since: Annotated[int, Query(ge=0, le=LARGEST_CURSOR)] = 0,
             limit: Annotated[int, Query(ge=1, le=5000)] = 500,
             known: Annotated[str | None, Query(alias="reference", max_length=64)] = None,
             ) -> Response:
        note_pull(engine, sender)
        return Response(wire_bytes(changes_since(engine, sender, since, limit,
                                                 reference_version=known,
                                                 reference=reference).to_json()),
                        media_type="application/json")

    return app


async def _read_body(request: Request) -> bytes:
    """The request body, refused with 413 beyond MAX_BODY_BYTES (read in chunks, so an
    oversized upload is cut off rather than held in memory)."""
    declared = request.headers.get("content-length")
    if declared and declared.isascii() and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise HTTPException(413, f"a batch may be at most {MAX_BODY_BYTES // 2**20} MB: "
                                 "send smaller batches")
    chunks, size = [], 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > MAX_BODY_BYTES:
                raise HTTPException(413,
                                    f"a batch may be at most {MAX_BODY_BYTES // 2**20} MB")
            chunks.append(chunk)
    except ClientDisconnect:
        # the laptop hung up before its batch arrived (killed, cable pulled): nothing is
        # written and it sends the batch again; not the office's failure, so one plain log
        # line and no incident for IT staff to look up. The answer reaches no one.
        log_event("hung_up", path=request.url.path, received=size)
        raise HTTPException(400, "the batch was cut off before its end") from None
    return b"".join(chunks)


def app_from_environment() -> FastAPI:
    """The uvicorn factory for worker processes: the database URL comes in the environment."""
    folder = os.environ.get(REFERENCE_VARIABLE)
    log_file = os.environ.get(SYNC_LOG_VARIABLE)
    configure_sync_log(Path(log_file) if log_file else None)
    return create_app(open_office_database(os.environ.get(DATABASE_URL_VARIABLE) or None),
                      Path(folder) if folder else None)
