"""The NIK merge rules: what merges, what conflicts, and that nothing is silently dropped."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.enrollment import Beneficiary
from desktop_app.domain.merge import (
    IDENTITY_FIELDS,
    MERGED_FIELDS,
    MergeOutcome,
    merge_enrollments,
)

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
    edited = valid_record.with_changes(phone="+6281311112222", full_name="Ni Made Sari Dewi P.")
    result = merge_enrollments(valid_record, edited, base=valid_record)
    assert result.outcome is MergeOutcome.ACCEPTED
    assert result.record == edited
    assert result.replaced == {"phone": (valid_record.phone, "+6281311112222"),
                               "full_name": ("Ni Made Sari Dewi", "Ni Made Sari Dewi P.")}


def test_fields_changed_on_one_side_only_merge(valid_record) -> None:
    office = valid_record.with_changes(phone="+6281311112222")
    incoming = valid_record.with_changes(occupation="nelayan", birth_place="Badung")
    result = merge_enrollments(office, incoming, base=valid_record)
    assert result.outcome is MergeOutcome.MERGED
    assert (result.record.phone, result.record.occupation, result.record.birth_place) == (
        "+6281311112222", "nelayan", "Badung")


def test_a_work_field_changed_on_both_sides_takes_the_incoming_and_keeps_the_old(
        valid_record) -> None:
    office = valid_record.with_changes(monthly_income=1_800_000)
    incoming = valid_record.with_changes(monthly_income=3_200_000)
    result = merge_enrollments(office, incoming, base=valid_record)
    assert result.outcome is MergeOutcome.MERGED
    assert result.record.monthly_income == 3_200_000
    assert result.replaced == {"monthly_income": (1_800_000, 3_200_000)}


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


def test_the_nik_is_the_key_not_a_merged_field() -> None:
    assert "nik" not in MERGED_FIELDS
    assert set(IDENTITY_FIELDS) <= set(MERGED_FIELDS)


field_names = st.sampled_from(sorted(CHANGES))


@given(office_fields=st.sets(field_names), incoming_fields=st.sets(field_names))
def test_nothing_is_dropped_and_identity_is_never_decided_by_a_machine(
        valid_record, office_fields, incoming_fields) -> None:
    office = valid_record.with_changes(**{f: CHANGES[f][0] for f in office_fields})
    incoming = valid_record.with_changes(**{f: CHANGES[f][1] for f in incoming_fields})
    result = merge_enrollments(office, incoming, base=valid_record)
    both = office_fields & incoming_fields
    identity_clash = sorted(both & set(IDENTITY_FIELDS))
    if identity_clash:
        assert result.outcome is MergeOutcome.CONFLICT
        assert sorted(result.conflicting) == identity_clash
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
