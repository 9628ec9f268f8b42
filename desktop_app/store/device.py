"""This laptop's identity and its officers: the device id, who works on it, its office server."""

import hashlib
import hmac
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine
from sqlmodel import Session, col, func, select

from desktop_app.sql_types import utc_now
from desktop_app.sqlite_engine import write_session
from desktop_app.store.models import Enrollment, Officer, SyncState

PIN_LENGTHS = range(4, 9)
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


class NoOfficerError(Exception):
    """Enrollments are always made by a known officer; none has signed in on this laptop."""


@dataclass(frozen=True)
class SignedInOfficer:
    """Who works on this laptop, as the windows show and stamp it: never the PIN's hash, which
    stays in the store (a widget holds this for the whole session)."""

    id: uuid.UUID
    name: str
    officer_code: str

    @classmethod
    def of(cls, officer: Officer) -> "SignedInOfficer":
        return cls(officer.id, officer.name, officer.officer_code)


def sync_state(session: Session) -> SyncState:
    """The single sync-state row, made on first use with a new random device id."""
    state = session.get(SyncState, 1)
    if state is None:
        state = SyncState(id=1)
        session.add(state)
        session.flush()
    return state


def device_id(engine: Engine) -> uuid.UUID:
    with Session(engine, expire_on_commit=False) as session:
        state = sync_state(session)
        session.commit()
        return state.device_id


def pin_problem(pin: str) -> str | None:
    """Why a PIN cannot be used (in Indonesian and English), or None when it can."""
    if not (pin.isascii() and pin.isdigit() and len(pin) in PIN_LENGTHS):
        return "PIN harus 4 sampai 8 angka. / The PIN must be 4 to 8 digits."
    return None


def hash_pin(pin: str) -> str:
    """``scrypt$salt$digest``: the PIN itself is never stored."""
    salt = os.urandom(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, **_SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def pin_matches(pin: str, stored: str | None) -> bool:
    if not stored:
        return False
    _, salt, digest = stored.split("$")
    candidate = hashlib.scrypt(pin.encode(), salt=bytes.fromhex(salt), **_SCRYPT)
    return hmac.compare_digest(candidate.hex(), digest)


def sign_in_officer(engine: Engine, *, name: str, officer_code: str,
                    pin: str | None = None) -> Officer:
    """Makes ``officer_code`` the current officer, registering (or renaming) the officer.

    A PIN, when given, replaces the officer's PIN (kept only as a hash).
    """
    if pin is not None and pin_problem(pin):
        raise ValueError(pin_problem(pin))
    name, officer_code = " ".join(name.split()), officer_code.strip()
    if not name or not officer_code:
        raise ValueError("officer name and officer ID are both required")
    with write_session(engine) as session:
        officer = session.exec(select(Officer).where(Officer.officer_code == officer_code)).first()
        if officer is None:
            officer = Officer(name=name, officer_code=officer_code)
            session.add(officer)
        else:
            officer.name = name
        if pin is not None:
            officer.pin_hash = hash_pin(pin)
        session.flush()
        sync_state(session).current_officer_id = officer.id
        session.commit()
        session.refresh(officer)
        return officer


def current_officer(engine: Engine) -> Officer:
    with Session(engine, expire_on_commit=False) as session:
        state = sync_state(session)
        officer_id = state.current_officer_id
        officer = session.get(Officer, officer_id) if officer_id else None
        session.commit()
    if officer is None:
        raise NoOfficerError
    return officer


def signed_in_officer(engine: Engine) -> SignedInOfficer:
    """The current officer as a frozen value (raises NoOfficerError when none signed in)."""
    return SignedInOfficer.of(current_officer(engine))


def sign_in(engine: Engine, *, name: str, officer_code: str,
            pin: str | None = None) -> SignedInOfficer:
    """``sign_in_officer`` for the windows: the officer as a frozen value."""
    return SignedInOfficer.of(sign_in_officer(engine, name=name, officer_code=officer_code,
                                              pin=pin))


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
