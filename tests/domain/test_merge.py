"""The NIK merge rules: what merges, what conflicts, and that nothing is silently dropped."""

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.enrollment import Beneficiary
from desktop_app.domain.merge import (
    CONTACT_FIELDS,
    GROUP_OF,
    IDENTITY_FIELDS,
    MERGED_FIELDS,
    MONEY_FIELDS,
    FieldGroup,
    MergeOutcome,
    StaleDecision,
    merge_enrollments,
    settle,
)
from desktop_app.domain.sync_pull import ReviewKind, Side

CHANGES = {
    "full_name": ["Ni Made Sari", "Ni Luh Sari Dewi"],
    "birth_place": ["Badung", "Tabanan"],
    "birth_date": [date(1985, 8, 18), date(1986, 1, 2)],
    "phone": ["+6281311112222", "+6285733334444"],
    "address": ["Jl. Nangka 1", "Jl. Gatot Subroto 9"],
    "banjar": ["Banjar Tonja", "Banjar Kedaton"],
    "occupation": ["petani", "nelayan"],
    "monthly_income": [1_800_000, 3_200_000],
    "beneficiary": [Beneficiary("I Made Dewa", "suami", ""), Beneficiary("Putu", "anak", "")],
}


def test_an_edit_of_the_latest_revision_is_accepted_as_is(valid_record) -> None:
    edited = valid_record.with_changes(phone="+6281311112222", monthly_income=3_100_000,
                                       full_name="NI MADE SARI-DEWI")
    result = merge_enrollments(valid_record, edited, base=valid_record)
    assert result.outcome is MergeOutcome.ACCEPTED
    assert result.record == edited.with_changes(full_name="Ni Made Sari Dewi")  # same name
    assert result.replaced == {"phone": (valid_record.phone, "+6281311112222"),
                               "monthly_income": (valid_record.monthly_income, 3_100_000)}


def test_fields_changed_on_one_side_only_merge(valid_record) -> None:
    office = valid_record.with_changes(phone="+6281311112222")
    incoming = valid_record.with_changes(occupation="nelayan", payment_months=6)
    result = merge_enrollments(office, incoming, base=valid_record)
    assert result.outcome is MergeOutcome.MERGED
    assert (result.record.phone, result.record.occupation, result.record.payment_months) == (
        "+6281311112222", "nelayan", 6)


def test_a_contact_field_changed_on_both_sides_takes_the_incoming_and_keeps_the_old(
        valid_record) -> None:
    office = valid_record.with_changes(address="Jl. Nangka 1")
    incoming = valid_record.with_changes(address="Jl. Gatot Subroto 9")
    result = merge_enrollments(office, incoming, base=valid_record)
    assert result.outcome is MergeOutcome.MERGED
    assert result.record.address == "Jl. Gatot Subroto 9"
    assert result.replaced == {"address": ("Jl. Nangka 1", "Jl. Gatot Subroto 9")}


def test_a_money_field_changed_on_both_sides_goes_to_review(valid_record) -> None:
    office = valid_record.with_changes(monthly_income=1_800_000)
    incoming = valid_record.with_changes(monthly_income=3_200_000, phone="+6281311112222")
    result = merge_enrollments(office, incoming, base=valid_record)
    assert result.outcome is MergeOutcome.CONFLICT
    assert result.review_kind is ReviewKind.MONEY_CONFLICT
    assert result.conflicting == ("monthly_income",) and result.record == office
    assert result.proposal.phone == "+6281311112222"  # what a decision builds on


def test_an_identity_change_on_one_side_goes_to_review(valid_record) -> None:
    incoming = valid_record.with_changes(birth_place="Badung")
    result = merge_enrollments(valid_record, incoming, base=valid_record)
    assert result.outcome is MergeOutcome.CONFLICT
    assert result.review_kind is ReviewKind.IDENTITY_CONFLICT
    assert result.conflicting == ("birth_place",)


def test_a_nik_change_goes_to_review_as_a_nik_correction(valid_record) -> None:
    incoming = valid_record.with_changes(nik=valid_record.nik[:-1] + "9")
    result = merge_enrollments(valid_record, incoming, base=valid_record)
    assert result.outcome is MergeOutcome.CONFLICT
    assert result.review_kind is ReviewKind.NIK_CORRECTION and result.conflicting == ("nik",)


def test_an_identity_field_changed_differently_on_both_sides_conflicts(valid_record) -> None:
    office = valid_record.with_changes(full_name="Ni Made Sari", phone="+6281311112222")
    incoming = valid_record.with_changes(full_name="Ni Luh Sari Dewi")
    result = merge_enrollments(office, incoming, base=valid_record)
    assert result.outcome is MergeOutcome.CONFLICT
    assert result.conflicting == ("full_name",)
    assert result.record == office  # the office's copy stays as it was


def test_two_enrollments_of_one_person_merge_when_identity_agrees(valid_record) -> None:
    office = valid_record.with_changes(birth_place="", phone="+6281311112222")
    incoming = valid_record.with_changes(full_name="NI MADE  SARI-DEWI", phone="",
                                         banjar="Banjar Tonja")
    result = merge_enrollments(office, incoming, base=None)
    assert result.outcome is MergeOutcome.MERGED
    assert result.record.full_name == "Ni Made Sari Dewi"  # the office's spelling stays
    assert result.record.birth_place == "Denpasar"  # filled from the side that had it
    assert result.record.phone == "+6281311112222"  # an empty value never erases
    assert result.record.banjar == "Banjar Tonja"
    assert result.replaced == {"banjar": ("Banjar Kaja", "Banjar Tonja")}


def test_two_enrollments_with_different_names_conflict(valid_record) -> None:
    incoming = valid_record.with_changes(full_name="Ni Ketut Sari", sex=valid_record.sex)
    result = merge_enrollments(valid_record, incoming, base=None)
    assert result.outcome is MergeOutcome.CONFLICT
    assert result.conflicting == ("full_name",)


def test_a_second_enrollment_with_other_payment_months_goes_to_review(valid_record) -> None:
    office = valid_record.with_changes(payment_months=12)
    incoming = valid_record.with_changes(payment_months=1)
    result = merge_enrollments(office, incoming, base=None)
    assert result.outcome is MergeOutcome.CONFLICT
    assert result.conflicting == ("payment_months",) and result.record.payment_months == 12


def test_consent_recorded_by_another_officer_is_the_same_consent(valid_record) -> None:
    other = valid_record.with_changes(consent=replace(valid_record.consent,
                                                      recorded_by="someone else"))
    assert merge_enrollments(valid_record, other, base=None).outcome is MergeOutcome.MERGED


def test_every_field_has_one_row_of_the_table() -> None:
    groups = (IDENTITY_FIELDS, CONTACT_FIELDS, MONEY_FIELDS)
    assert sorted(n for g in groups for n in g) == sorted(MERGED_FIELDS)
    assert "nik" in IDENTITY_FIELDS


def test_a_decision_keeps_what_the_office_changed_since_and_the_incoming_contact(
        valid_record) -> None:
    raised_on = valid_record
    incoming = valid_record.with_changes(full_name="Ni Luh Sari", phone="+6281311112222")
    proposal = merge_enrollments(raised_on, incoming, raised_on).proposal
    current = raised_on.with_changes(address="Jl. Baru 2")
    kept = settle(raised_on, current, proposal, incoming, {"full_name": Side.OFFICE})
    assert (kept.full_name, kept.phone, kept.address) == (
        valid_record.full_name, "+6281311112222", "Jl. Baru 2")
    moved = raised_on.with_changes(full_name="Ni Made Sari Dewi Utami")
    with pytest.raises(StaleDecision) as stale:
        settle(raised_on, moved, proposal, incoming, {"full_name": Side.INCOMING})
    assert stale.value.field == "full_name" and stale.value.newer == "Ni Made Sari Dewi Utami"


field_names = st.sampled_from(sorted(CHANGES))


@given(office_fields=st.sets(field_names), incoming_fields=st.sets(field_names))
def test_nothing_is_dropped_and_identity_is_never_decided_by_a_machine(
        valid_record, office_fields, incoming_fields) -> None:
    office = valid_record.with_changes(**{f: CHANGES[f][0] for f in office_fields})
    incoming = valid_record.with_changes(**{f: CHANGES[f][1] for f in incoming_fields})
    result = merge_enrollments(office, incoming, base=valid_record)
    both = office_fields & incoming_fields
    review = sorted({f for f in incoming_fields if GROUP_OF[f] is FieldGroup.IDENTITY}
                    | {f for f in both if GROUP_OF[f] is FieldGroup.MONEY})
    if review:
        assert result.outcome is MergeOutcome.CONFLICT
        assert sorted(result.conflicting) == review
        assert result.record == office
        return
    for name in CHANGES:
        value = getattr(result.record, name)
        if name in incoming_fields:
            assert value == CHANGES[name][1]  # the newer change in the office's order
        elif name in office_fields:
            assert value == CHANGES[name][0]
        else:
            assert value == getattr(valid_record, name)
    for name in both:  # every overwritten office value is handed to the history
        assert result.replaced[name] == (CHANGES[name][0], CHANGES[name][1])
    expected = MergeOutcome.MERGED if office_fields else MergeOutcome.ACCEPTED
    assert result.outcome is expected


@given(fields_=st.sets(field_names))
def test_merging_a_record_with_itself_changes_nothing(valid_record, fields_) -> None:
    record = valid_record.with_changes(**{f: CHANGES[f][0] for f in fields_})
    for base in (record, valid_record, None):
        result = merge_enrollments(record, record, base=base)
        assert result.record == record and result.replaced == {}
        assert result.outcome is not MergeOutcome.CONFLICT
