"""Banjar names: one banjar however it is written, free entry in one canonical spelling."""

import pytest

from desktop_app.domain.banjar import banjar_in_desa, banjar_key, canonical_banjar_name
from desktop_app.domain.validation import check_enrollment


@pytest.mark.parametrize("typed", [
    "Br. Kaja", "Banjar Kaja", "banjar kaja", "BR KAJA", "  br.   kaja ", "Br.Kaja", "Bjr. Kaja",
    "Kaja",
])
def test_ways_of_writing_a_listed_banjar_are_one_banjar(typed, valid_record, enrollment_day):
    assert banjar_key(typed) == "kaja"
    checked = check_enrollment(valid_record.with_changes(banjar=typed), on=enrollment_day)
    assert checked.issues == ()
    assert checked.record.banjar == "Banjar Kaja"


@pytest.mark.parametrize("typed", ["Br. Tegal Sari", "Banjar Tegal Sari", "banjar tegal  sari"])
def test_a_banjar_not_on_the_list_is_accepted_in_one_spelling(typed, valid_record,
                                                              enrollment_day):
    checked = check_enrollment(valid_record.with_changes(banjar=typed), on=enrollment_day)
    assert checked.issues == ()
    assert checked.record.banjar == "Banjar Tegal Sari"


def test_names_that_merely_start_like_the_prefix_keep_it():
    assert canonical_banjar_name("Brahmana") == "Banjar Brahmana"
    assert canonical_banjar_name("Banjarangkan") == "Banjar Banjarangkan"


def test_the_list_spelling_wins_for_a_listed_banjar():
    assert canonical_banjar_name("br batu  jimbar", "5171011006") == "Banjar Batu Jimbar"
    assert canonical_banjar_name("BANJAR SEMAWANG") == "Banjar Semawang"


def test_an_acronym_in_a_new_banjar_name_stays_upper_case():
    assert canonical_banjar_name("br. tegal KSU") == "Banjar Tegal KSU"


@pytest.mark.parametrize("typed", ["", "   ", "Br.", "banjar", "Bjr. "])
def test_a_prefix_alone_is_no_banjar(typed):
    assert banjar_key(typed) == ""
    assert canonical_banjar_name(typed) == ""


def test_banjar_of_one_desa():
    names = {b.name for b in banjar_in_desa("5171011003")}
    assert names == {"Banjar Kaja", "Banjar Tengah", "Banjar Gaduh"}
    assert all(b.key == banjar_key(b.name) for b in banjar_in_desa("5171011003"))
    assert banjar_in_desa("5171049999") == []
