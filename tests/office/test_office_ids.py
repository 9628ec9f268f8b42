"""The office's own ids (issue 14, defect 1): a laptop's enrollment id is a link, never the
primary key of a canonical record, so a record pulled by another laptop and sent back with a
corrected NIK can never collide with the record it came from. Run on SQLite and PostgreSQL."""

import uuid
from datetime import date

from builders import build_nik
from office_intake import outgoing, pull_all, push, register
from sqlmodel import Session, select

from desktop_app.domain.sync_messages import ReviewKind
from desktop_app.office.models import CanonicalRecord, ClientLink


def test_a_new_record_gets_the_offices_own_id_and_the_enrollment_becomes_a_link(
        office, valid_record) -> None:
    sari = register(office, "Ni Ketut Sari")
    item = outgoing(valid_record)
    [answer] = push(office, sari, item)
    office_id = uuid.UUID(answer["office_id"])
    assert answer["outcome"] == "accepted" and office_id != item.enrollment_id
    with Session(office) as session:
        link = session.get(ClientLink, (sari.id, item.enrollment_id))
        assert link.canonical_id == office_id
        assert session.get(CanonicalRecord, item.enrollment_id) is None


def test_a_pulled_record_sent_back_with_a_corrected_nik_never_collides_and_its_batch_syncs(
        office, valid_record) -> None:
    """Laptop W pulls what laptop S enrolled (its copy carries the office's id), corrects the
    NIK and syncs with a new person in the same batch: before, the office made a second row
    under the pulled id, an IntegrityError answered as a false 503 for ever."""
    sari, wayan = register(office, "Ni Ketut Sari"), register(office, "I Wayan Sudi")
    push(office, sari, outgoing(valid_record))
    [pulled] = pull_all(office, wayan)[0].records
    corrected = valid_record.with_changes(nik=build_nik("517104", date(1985, 8, 17), "P", 24))
    newcomer = valid_record.with_changes(nik=build_nik("517104", date(1990, 3, 4), "P", 7),
                                         full_name="Ni Luh Ayu", birth_date=date(1990, 3, 4))
    sent_back = outgoing(corrected, enrollment_id=pulled.office_id, revision=2,
                         base=pulled.revision)
    answers = push(office, wayan, sent_back, outgoing(newcomer))
    assert [a["outcome"] for a in answers] == ["conflict", "accepted"]
    assert answers[0]["review_kind"] == ReviewKind.NIK_CORRECTION
    assert answers[0]["office_id"] == str(pulled.office_id)  # the record it is, linked
    with Session(office) as session:
        niks = sorted(r.nik for r in session.exec(select(CanonicalRecord)))
    assert niks == sorted([valid_record.nik, newcomer.nik])  # the NIK waits for review
    # the laptop is not stuck: its next pull runs and brings the review item
    reviews = [r for page in pull_all(office, wayan) for r in page.reviews]
    assert [r.kind for r in reviews] == [ReviewKind.NIK_CORRECTION]
