"""The pull side of the wire contract: every shape reads back what it wrote, a page from an
older office still reads, and a page that is not one is refused naming the part."""

import uuid
from datetime import UTC, date, datetime

import pytest

from desktop_app.domain.enrollment import enrollment_to_json
from desktop_app.domain.sync_messages import (
    OfficeVersion,
    PulledRecord,
    PullFormatError,
    PullPage,
    ReferenceBundle,
    ReviewDecision,
    ReviewKind,
    ReviewNotice,
    ReviewStatus,
    Side,
    Tombstone,
    TombstoneState,
    from_wire,
    wire_bytes,
)


def a_page(record) -> PullPage:
    kept, gone = uuid.uuid4(), uuid.uuid4()
    notice = ReviewNotice(
        review_id=uuid.uuid4(), kind=ReviewKind.SAME_PERSON, status=ReviewStatus.RESOLVED,
        nik=record.nik, office_id=kept, device_id=uuid.uuid4(), enrollment_id=uuid.uuid4(),
        revision=3, fields=("nik",), office_record=record,
        incoming_record=record.with_changes(phone="+6281311112222"),
        created_at=datetime(2026, 11, 23, 2, 0, tzinfo=UTC), office_revision=2,
        base_record=record, other_office_id=gone,
        decision=ReviewDecision({"phone": Side.INCOMING}, 3, same_person=True),
        resolved_by="Ibu Wayan", resolved_at=datetime(2026, 11, 24, 1, 0, tzinfo=UTC),
        current=OfficeVersion(kept, 3, record), seq=41)
    return PullPage(
        cursor=42, more=True,
        records=(PulledRecord(kept, 3, 40, record, yours=True, enrolled_on=date(2026, 11, 20)),),
        tombstones=(Tombstone(gone, TombstoneState.MERGED_INTO, 2, 39, "5171010101010001",
                              merged_into=kept),),
        reviews=(notice,),
        reference=ReferenceBundle("v1", {"banjar.toml": "x = 1\n"}))


def test_a_pull_page_reads_back_as_it_was_written_through_the_wire(valid_record) -> None:
    page = a_page(valid_record)
    assert PullPage.from_json(from_wire(wire_bytes(page.to_json()))) == page


def test_a_page_from_an_older_office_still_reads(valid_record) -> None:
    """No tombstones list, no kind, no base, no enrollment day: identity conflicts only."""
    office_id = uuid.uuid4()
    old = {"cursor": 7, "more": False, "reference": None,
           "records": [{"office_id": str(office_id), "revision": 2, "seq": 7, "yours": False,
                        "record": enrollment_to_json(valid_record)}],
           "conflicts": [{"conflict_id": str(uuid.uuid4()), "nik": valid_record.nik,
                          "office_id": str(office_id), "device_id": str(uuid.uuid4()),
                          "enrollment_id": str(uuid.uuid4()), "revision": 1,
                          "fields": ["full_name"], "status": "open",
                          "office_record": enrollment_to_json(valid_record),
                          "incoming_record": enrollment_to_json(valid_record),
                          "resolution": {"fields": {"full_name": "office"}, "revision": 2},
                          "resolved_by": "", "resolved_at": None,
                          "created_at": "2026-11-23T02:00:00+00:00", "current": None}]}
    page = PullPage.from_json(old)
    assert page.records[0].enrolled_on is None and page.tombstones == ()
    review = page.reviews[0]
    assert review.kind is ReviewKind.IDENTITY_CONFLICT and review.base_record is None
    assert review.decision == ReviewDecision({"full_name": Side.OFFICE}, 2, None)


def test_a_page_that_is_not_one_is_refused_naming_the_part(valid_record) -> None:
    good = a_page(valid_record).to_json()
    with pytest.raises(PullFormatError, match="records must be a list"):
        PullPage.from_json({**good, "records": {}})
    tombstone = {**good["tombstones"][0], "merged_into": None}
    with pytest.raises(PullFormatError, match="must name the record it joined"):
        PullPage.from_json({**good, "tombstones": [tombstone]})
    with pytest.raises(PullFormatError, match="office_id is not a UUID"):
        PullPage.from_json({**good, "records": [{**good["records"][0], "office_id": "x"}]})
