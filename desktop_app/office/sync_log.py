"""The office's structured sync log: one JSON line per batch, per refused record and per
laptop that hung up mid-push.

A line names the device, the batch, the record (the laptop's enrollment id and revision) and
its outcome, with the reasons' field names and codes or the incident id: never a NIK, a name,
an income or any other value of a record, so the log can be handed to IT staff as it is.
``office serve`` points it at a file (``--log``) or at the standard error stream.
"""

import logging
import sys
import traceback
import uuid
from pathlib import Path
from typing import Any, TextIO

import orjson

LOGGER_NAME = "banjar_enroll.office.sync"
log = logging.getLogger(LOGGER_NAME)


def new_incident() -> str:
    """An id to quote for one failure: in the answer the laptop shows, and in the log."""
    return uuid.uuid4().hex[:12]


def log_event(event: str, **fields: Any) -> None:
    """One JSON line: ``event`` and ``fields`` (ids, counts and codes only)."""
    if log.isEnabledFor(logging.INFO):
        log.info(orjson.dumps({"event": event, **fields}, default=str).decode())


def log_incident(incident: str, failure: BaseException) -> None:
    """The code path of a failure, for IT staff: the frames and the exception's type, never
    its message (a database error's message quotes the row's values: a NIK, a name)."""
    frames = "".join(traceback.format_tb(failure.__traceback__))
    log.error("incident %s: %s\n%s", incident, type(failure).__name__, frames)


def configure_sync_log(path: Path | None, stream: TextIO | None = None) -> logging.Handler:
    """Sends the sync log to the file at ``path`` (appended), else to ``stream`` (standard
    error); returns the handler, which replaces any this function installed before."""
    handler: logging.Handler = (logging.FileHandler(path, encoding="utf-8") if path
                                else logging.StreamHandler(stream or sys.stderr))
    handler.setFormatter(logging.Formatter("%(message)s"))
    for old in [h for h in log.handlers if getattr(h, "banjar_sync_log", False)]:
        log.removeHandler(old)
        old.close()
    handler.banjar_sync_log = True  # type: ignore[attr-defined]
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return handler
