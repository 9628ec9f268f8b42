"""The officers who work on this laptop: signing in (registering or renaming), the current
officer as the windows hold it, and PINs, kept only as scrypt hashes."""

import hashlib
import hmac
import os
import uuid
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlmodel import Session, select

from desktop_app.sqlite_engine import write_session
from desktop_app.store.device import sync_state
from desktop_app.store.models import Officer

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
