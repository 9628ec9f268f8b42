"""This laptop's identity and its officers: the device id, and who is working on it now."""

import uuid

from sqlalchemy import Engine
from sqlmodel import Session, select

from desktop_app.store.models import Officer, SyncState


class NoOfficerError(Exception):
    """Enrollments are always made by a known officer; none has signed in on this laptop."""


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


def sign_in_officer(engine: Engine, *, name: str, officer_code: str) -> Officer:
    """Makes ``officer_code`` the current officer, registering (or renaming) the officer."""
    name, officer_code = " ".join(name.split()), officer_code.strip()
    if not name or not officer_code:
        raise ValueError("officer name and officer ID are both required")
    with Session(engine, expire_on_commit=False) as session:
        officer = session.exec(select(Officer).where(Officer.officer_code == officer_code)).first()
        if officer is None:
            officer = Officer(name=name, officer_code=officer_code)
            session.add(officer)
        else:
            officer.name = name
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
