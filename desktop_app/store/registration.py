"""This laptop and its office: the server's address, the registration sync needs (token,
signing key, pull cursor), and the sync status the status bar tells."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine
from sqlmodel import Session, col, func, select

from desktop_app.sql_types import utc_now
from desktop_app.sqlite_engine import write_session
from desktop_app.store.device import sync_state
from desktop_app.store.models import Enrollment


def is_server_address(url: str) -> bool:
    """An office server address as the client needs it: ``http://`` or ``https://``."""
    return url.strip().startswith(("http://", "https://"))


def set_server_url(engine: Engine, url: str | None) -> None:
    """The office server's address; empty or None means this laptop works offline only."""
    with write_session(engine) as session:
        sync_state(session).server_url = (url or "").strip() or None
        session.commit()


def server_url(engine: Engine) -> str | None:
    """The office server's address alone: one row, cheap enough for the UI thread."""
    with Session(engine) as session:
        url = sync_state(session).server_url
        session.commit()
        return url


@dataclass(frozen=True)
class SyncStatus:
    """What the status bar tells: records waiting, last successful sync, the office server."""

    pending: int
    last_sync_at: datetime | None
    server_url: str | None


def sync_status(engine: Engine) -> SyncStatus:
    with Session(engine) as session:
        state = sync_state(session)
        pending = session.exec(select(func.count()).select_from(Enrollment).where(
            Enrollment.status == "ready",
            col(Enrollment.synced_revision) < col(Enrollment.revision))).one()
        session.commit()
        return SyncStatus(pending, state.last_sync_at, state.server_url)


@dataclass(frozen=True)
class Registration:
    """What sync needs: the office's address, this laptop's token and signing key."""

    device_id: uuid.UUID
    server_url: str | None
    device_token: str | None
    signing_key: str | None
    pull_cursor: int


def registration(engine: Engine) -> Registration:
    with Session(engine) as session:
        state = sync_state(session)
        session.commit()
        return Registration(state.device_id, state.server_url, state.device_token,
                            state.signing_key, state.pull_cursor)


def keep_signing_key(engine: Engine, make: Callable[[], str]) -> str:
    """This laptop's signing key, made with ``make`` the first time (and kept for good)."""
    with write_session(engine) as session:
        state = sync_state(session)
        if state.signing_key is None:
            state.signing_key = make()
            session.add(state)
            session.commit()
        return state.signing_key


def save_registration(engine: Engine, *, server_url: str, token: str, area_code: str) -> None:
    with write_session(engine) as session:
        state = sync_state(session)
        state.server_url, state.device_token, state.area_code = server_url, token, area_code
        session.add(state)
        session.commit()


def mark_synced(engine: Engine) -> None:
    """A sync ran to its end: the status bar's "last successful sync"."""
    with write_session(engine) as session:
        state = sync_state(session)
        state.last_sync_at = utc_now()
        session.add(state)
        session.commit()
