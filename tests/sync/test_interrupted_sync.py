"""A sync cut at any point loses nothing and duplicates nothing when it runs again: the laptop
process killed between batches, and an answer lost after the office committed (asked for
again with the same batch, in the same run or the next)."""

import json
import os
import signal
import subprocess
import sys
import time
from datetime import date

import httpx
import pytest
from builders import many_people
from sqlmodel import Session, func, select

from desktop_app.domain.enrollment import EnrollmentStatus
from desktop_app.office.models import CanonicalRecord, ReceivedBatch, RecordVersion
from desktop_app.store.enrollments import EnrollmentStore
from desktop_app.store.officers import current_officer
from desktop_app.store.registration import registration
from desktop_app.store.search import EnrollmentQuery, count_enrollments
from desktop_app.store.travelling_batches import travelling_batches
from desktop_app.sync.client import OfficeClient, OfficeUnreachable
from desktop_app.sync.run import sync_now

ENROLLED_ON = date(2026, 5, 20)


def office_count(office, table) -> int:
    with Session(office) as session:
        return session.exec(select(func.count()).select_from(table)).one()


def laptop_with(make_laptop, valid_record, name: str, people: int):
    engine = make_laptop(name)
    EnrollmentStore(engine).add_many(many_people(valid_record, people),
                                     officer_id=current_officer(engine).id, on=ENROLLED_ON)
    ready = count_enrollments(engine, EnrollmentQuery(status=EnrollmentStatus.READY))
    return engine, ready


def test_a_laptop_killed_mid_sync_loses_and_doubles_nothing(make_laptop, live_office,
                                                           valid_record, tmp_path) -> None:
    engine, ready = laptop_with(make_laptop, valid_record, "sari", 2000)
    command = [sys.executable, "-m", "desktop_app", "--data-dir", str(tmp_path / "sari"),
               "sync", "--batch-size", "20"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env={**os.environ, "PYTHONPATH": os.getcwd()})
    deadline = time.monotonic() + 60
    while office_count(live_office.engine, ReceivedBatch) < 5:
        assert process.poll() is None, process.stderr.read()
        assert time.monotonic() < deadline
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait()
    waiting = count_enrollments(engine, EnrollmentQuery(status=EnrollmentStatus.READY))
    assert 0 < waiting < ready  # cut in the middle
    counts = sync_now(engine)
    assert count_enrollments(engine, EnrollmentQuery(status=EnrollmentStatus.READY)) == 0
    assert count_enrollments(engine, EnrollmentQuery(status=EnrollmentStatus.SYNCED)) == ready
    assert office_count(live_office.engine, CanonicalRecord) == ready
    assert office_count(live_office.engine, RecordVersion) == ready  # each applied once
    assert counts.accepted <= waiting + 20  # what the office already had was answered again


class LosesFirstAnswers(httpx.HTTPTransport):
    """Delivers the request, then drops the office's answer: the commit happened, the laptop
    never heard of it (a cable pulled at the worst moment)."""

    def __init__(self, drops: int) -> None:
        super().__init__()
        self.drops = drops

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        if request.url.path.endswith("/batches") and self.drops:
            self.drops -= 1
            response.read()
            raise httpx.ReadError("connection dropped", request=request)
        return response


def test_an_answer_lost_after_the_office_committed_is_asked_for_again(
        make_laptop, live_office, valid_record) -> None:
    engine, ready = laptop_with(make_laptop, valid_record, "sari", 120)
    setup = registration(engine)
    client = OfficeClient(live_office.url, setup.device_token,
                          transport=LosesFirstAnswers(drops=2), pause=0.01)
    counts = sync_now(engine, batch_size=50, client=client)
    assert counts.accepted == ready
    assert office_count(live_office.engine, RecordVersion) == ready
    assert count_enrollments(engine, EnrollmentQuery(status=EnrollmentStatus.SYNCED)) == ready


class LosesEveryAnswer(httpx.HTTPTransport):
    """Delivers each batch and drops every answer (the office commits, the laptop never
    hears), noting the batch ids that reached the office."""

    def __init__(self) -> None:
        super().__init__()
        self.batch_ids: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        if request.url.path.endswith("/batches"):
            self.batch_ids.append(json.loads(request.content)["batch"]["batch_id"])
            response.read()
            raise httpx.ReadError("connection dropped", request=request)
        return response


class Notes(httpx.HTTPTransport):
    """Passes everything through, noting the batches sent and their answers."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[bytes] = []
        self.answers: list[dict] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        if request.url.path.endswith("/batches"):
            self.sent.append(request.content)
            self.answers.append(json.loads(response.read()))
        return response


def test_a_push_whose_answers_were_all_lost_is_sent_again_with_the_same_batch_id(
        make_laptop, live_office, valid_record) -> None:
    engine, ready = laptop_with(make_laptop, valid_record, "sari", 30)
    token = registration(engine).device_token
    cut = LosesEveryAnswer()
    with pytest.raises(OfficeUnreachable):
        sync_now(engine, batch_size=50, client=OfficeClient(live_office.url, token,
                                                            transport=cut, pause=0.001))
    assert office_count(live_office.engine, RecordVersion) == ready  # the office committed
    first_id = cut.batch_ids[0]
    assert set(cut.batch_ids) == {first_id}  # its own retries were the same batch
    notes = Notes()
    counts = sync_now(engine, batch_size=50,
                      client=OfficeClient(live_office.url, token, transport=notes))
    sent = [json.loads(body) for body in notes.sent]
    assert [s["batch"]["batch_id"] for s in sent] == [first_id]  # the same batch, once
    assert notes.answers[0]["batch_id"] == first_id
    assert counts.accepted == ready  # the answers the office gave the first time
    assert office_count(live_office.engine, RecordVersion) == ready  # nothing twice
    assert office_count(live_office.engine, ReceivedBatch) == 1
    assert count_enrollments(engine, EnrollmentQuery(status=EnrollmentStatus.SYNCED)) == ready
    assert travelling_batches(engine) == []
