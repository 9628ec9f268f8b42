"""The laptop's rebase against a real office on 127.0.0.1: an edit made while its batch
travelled, and a record kept as a draft, keep the laptop's work and the other laptop's
change alike (defects 2 and 5 of issue 14)."""

from datetime import date

import httpx

from desktop_app.domain.enrollment import EnrollmentStatus
from desktop_app.office.record_lookup import show_record
from desktop_app.store.enrollments import EnrollmentStore
from desktop_app.store.officers import current_officer
from desktop_app.store.registration import registration
from desktop_app.sync.client import OfficeClient
from desktop_app.sync.run import sync_now

TODAY = date.today()


def enroll(engine, record):
    return EnrollmentStore(engine).create(record, officer_id=current_officer(engine).id,
                                          on=TODAY)


def edit(engine, nik, allow_draft=False, **changes):
    store = EnrollmentStore(engine)
    stored = store.find_by_nik(nik)
    return store.update(stored.id, stored.record.with_changes(**changes),
                        officer_id=current_officer(engine).id,
                        expected_revision=stored.revision, allow_draft=allow_draft)


class EditsWhilePushing(httpx.HTTPTransport):
    """The officer saves another change while the batch is on its way to the office."""

    def __init__(self, engine, nik: str, **changes) -> None:
        super().__init__()
        self.engine, self.nik, self.changes = engine, nik, changes

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/batches") and self.changes:
            edit(self.engine, self.nik, **self.changes)
            self.changes = {}
        return super().handle_request(request)


def office_record(office, nik):
    return show_record(office, nik)["record"]


def test_an_edit_made_while_its_batch_travelled_does_not_revert_another_laptops_change(
        make_laptop, live_office, valid_record) -> None:
    sari, wayan = make_laptop("sari"), make_laptop("wayan")
    nik = valid_record.nik
    enroll(sari, valid_record)
    sync_now(sari)
    sync_now(wayan)
    edit(wayan, nik, occupation="nelayan")
    sync_now(wayan)
    edit(sari, nik, phone="+6281299990000")  # based on the office's first revision
    cutting_in = OfficeClient(live_office.url, registration(sari).device_token,
                              transport=EditsWhilePushing(sari, nik, address="Jl. Nangka 9"))
    first = sync_now(sari, client=cutting_in)
    assert first.merged == 1
    mine = EnrollmentStore(sari).find_by_nik(nik)
    assert mine.status is EnrollmentStatus.READY  # the newer edit still waits
    assert (mine.record.occupation, mine.record.phone, mine.record.address) == (
        "nelayan", "+6281299990000", "Jl. Nangka 9")
    sync_now(sari)
    at_office = office_record(live_office.engine, nik)
    assert (at_office["occupation"], at_office["phone"], at_office["address"]) == (
        "nelayan", "+6281299990000", "Jl. Nangka 9")  # wayan's change is still there
    sync_now(wayan)
    assert EnrollmentStore(wayan).find_by_nik(nik).record.address == "Jl. Nangka 9"


def test_a_record_kept_as_a_draft_is_not_replaced_by_the_pull(make_laptop, live_office,
                                                             valid_record) -> None:
    sari, wayan = make_laptop("sari"), make_laptop("wayan")
    nik = valid_record.nik
    enroll(sari, valid_record)
    sync_now(sari)
    sync_now(wayan)
    edit(wayan, nik, phone="+6281300001111")
    sync_now(wayan)
    edit(sari, nik, allow_draft=True, address="Jl. Nangka 9", occupation="")  # a draft
    sync_now(sari)
    mine = EnrollmentStore(sari).find_by_nik(nik)
    assert mine.status is EnrollmentStatus.DRAFT  # not "synced"
    assert (mine.record.address, mine.record.occupation, mine.record.phone) == (
        "Jl. Nangka 9", "", "+6281300001111")
    assert office_record(live_office.engine, nik)["address"] == valid_record.address  # unsent
