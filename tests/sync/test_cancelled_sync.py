"""A sync cancelled by the officer (issue 15, item 4): it stops between two batches, or at once
in a retry pause, and the next sync sends everything, nothing doubled. The run is a plain
function taking a ``WorkState``, so no thread is needed to test it."""

import time
from datetime import date

import httpx
import pytest
from builders import many_people
from sqlmodel import Session, func, select

from desktop_app.domain.enrollment import EnrollmentStatus
from desktop_app.office.models import CanonicalRecord
from desktop_app.store.enrollments import EnrollmentStore
from desktop_app.store.officers import current_officer
from desktop_app.store.search import EnrollmentQuery, count_enrollments
from desktop_app.store.travelling_batches import travelling_batches
from desktop_app.sync.client import OfficeClient
from desktop_app.sync.run import sync_now
from desktop_app.work_state import Cancelled, SyncProgress, SyncStage, WorkState

ENROLLED_ON = date(2026, 5, 20)


def ready(engine) -> int:
    return count_enrollments(engine, EnrollmentQuery(status=EnrollmentStatus.READY))


def test_a_sync_cancelled_after_its_first_batch_stops_and_the_next_sends_the_rest(
        make_laptop, live_office, valid_record) -> None:
    engine = make_laptop("sari")
    EnrollmentStore(engine).add_many(many_people(valid_record, 10),
                                     officer_id=current_officer(engine).id, on=ENROLLED_ON)
    seen: list[object] = []
    state = WorkState()

    def report(progress: object) -> None:
        seen.append(progress)
        state.cancel()  # the officer's click, as the first batch's answers are kept

    state.report_to(report)
    with pytest.raises(Cancelled):
        sync_now(engine, batch_size=2, state=state)
    assert seen == [SyncProgress(SyncStage.PUSH, 2)]  # typed progress, and no further
    waiting = ready(engine)
    assert 0 < waiting < 10  # stopped in the middle: the rest waits
    assert len(travelling_batches(engine)) == 1  # made, not sent: the next sync sends it
    summary = sync_now(engine, batch_size=2)
    assert ready(engine) == 0 and travelling_batches(engine) == []
    assert summary.accepted == waiting  # each record once
    with Session(live_office.engine) as session:
        assert session.exec(select(func.count()).select_from(CanonicalRecord)).one() == 10


def test_a_cancel_ends_the_clients_retry_pause_at_once() -> None:
    state = WorkState()

    def busy(request: httpx.Request) -> httpx.Response:
        state.cancel()  # cancelled while the office answers "busy": the pause must not run
        return httpx.Response(503, json={"detail": "busy"})

    started = time.monotonic()
    with OfficeClient("http://kantor.test", "t", transport=httpx.MockTransport(busy),
                      pause=30, state=state) as client, pytest.raises(Cancelled):
        client.pull(0, 10)
    assert time.monotonic() - started < 5  # not the 30 s pause
