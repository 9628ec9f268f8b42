"""This laptop's identity: the one sync-state row and the device id made with it.

The officers who work on the laptop are in store/officers.py; its office server, registration,
signing key and sync status in store/registration.py.
"""

import uuid

from sqlalchemy import Engine
from sqlmodel import Session

from desktop_app.store.models import SyncState


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
