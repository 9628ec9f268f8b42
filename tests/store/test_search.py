"""Search by NIK prefix and by name (case- and accent-insensitive word prefixes, then near
spellings), with paging."""

from datetime import date

import pytest

from desktop_app.domain.enrollment import Consent, EnrollmentStatus
from desktop_app.store.name_index import name_match_expression
from desktop_app.store.search import EnrollmentQuery, count_enrollments, search_enrollments

ON = date(2026, 5, 20)
NAMES = ["Ni Luh Putu Ayu", "I Made Sutarja", "I Ketut Suardana", "Ni Komang Adé Sriani",
         "I Wayan Sutarja", "Ni Made Sari Dewi"]


@pytest.fixture
def people(store, officer, valid_record, make_nik):
    """Six people enrolled in order; the last two are drafts."""
    from desktop_app.domain.nik import Sex

    stored = []
    for n, name in enumerate(NAMES):
        sex = Sex.FEMALE if name.startswith("Ni ") else Sex.MALE
        birth = date(1970 + n, 1 + n, 10 + n)
        record = valid_record.with_changes(
            nik=make_nik("517101" if n < 3 else "517104", birth, sex, n + 1), full_name=name,
            birth_date=birth, sex=sex, consent=Consent(n < 4, "2026-01"))
        stored.append(store.create(record, officer_id=officer.id, on=ON, allow_draft=True))
    return stored


def names(engine, query: EnrollmentQuery, **paging) -> list[str]:
    return [row.full_name for row in search_enrollments(engine, query, **paging)]


def test_name_words_match_as_prefixes_in_any_case_and_without_accents(engine, people) -> None:
    assert names(engine, EnrollmentQuery("LUH pu")) == ["Ni Luh Putu Ayu"]
    assert names(engine, EnrollmentQuery("ade")) == ["Ni Komang Adé Sriani"]
    assert names(engine, EnrollmentQuery("Adé")) == ["Ni Komang Adé Sriani"]
    assert names(engine, EnrollmentQuery("sutar")) == ["I Wayan Sutarja", "I Made Sutarja"]
    assert names(engine, EnrollmentQuery("made s")) == ["Ni Made Sari Dewi", "I Made Sutarja"]
    assert names(engine, EnrollmentQuery("tarja")) == []  # a prefix of a word, not a substring


def test_a_query_of_digits_is_a_nik_prefix_in_nik_order(engine, people) -> None:
    found = search_enrollments(engine, EnrollmentQuery("5171 01"))
    assert [row.nik[:6] for row in found] == ["517101"] * 3
    assert [row.nik for row in found] == sorted(row.nik for row in found)
    whole = people[4].record.nik
    assert [row.id for row in search_enrollments(engine, EnrollmentQuery(whole))] == [
        people[4].id]
    assert search_enrollments(engine, EnrollmentQuery("5171019")) == []


def test_filters_combine_with_search_and_counts_agree(engine, people) -> None:
    drafts = EnrollmentQuery(status=EnrollmentStatus.DRAFT)
    assert names(engine, drafts) == ["Ni Made Sari Dewi", "I Wayan Sutarja"]
    assert count_enrollments(engine, drafts) == 2
    made_ready = EnrollmentQuery("made", status=EnrollmentStatus.READY)
    assert names(engine, made_ready) == ["I Made Sutarja"]
    assert count_enrollments(engine, made_ready) == 1
    assert count_enrollments(engine, EnrollmentQuery("made")) == 2
    assert count_enrollments(engine, EnrollmentQuery("5171 04")) == 3
    assert count_enrollments(engine, EnrollmentQuery()) == 6
    assert names(engine, EnrollmentQuery(banjar="Banjar Kaja")) == list(reversed(NAMES))
    assert names(engine, EnrollmentQuery(banjar="Banjar Tengah")) == []


def test_pages_walk_newest_first_without_gaps_or_repeats(engine, people) -> None:
    pages = [names(engine, EnrollmentQuery(), limit=4, offset=offset) for offset in (0, 4, 8)]
    assert pages == [list(reversed(NAMES))[:4], list(reversed(NAMES))[4:], []]


def test_the_name_index_follows_edits(store, engine, officer, people) -> None:
    ayu = people[0]
    store.update(ayu.id, ayu.record.with_changes(full_name="Ni Luh Putu Ayu Lestari"),
                 officer_id=officer.id, expected_revision=1)
    assert names(engine, EnrollmentQuery("lestari")) == ["Ni Luh Putu Ayu Lestari"]
    store.update(ayu.id, store.get(ayu.id).record.with_changes(full_name="Ni Luh Sekar"),
                 officer_id=officer.id, expected_revision=2)
    assert names(engine, EnrollmentQuery("lestari")) == []
    assert names(engine, EnrollmentQuery("putu")) == []
    assert names(engine, EnrollmentQuery("sekar")) == ["Ni Luh Sekar"]


@pytest.mark.parametrize("typed", ['"', "*", "AND", "OR sut", "NOT", "a(b", "^made", "made:"])
def test_search_syntax_typed_by_a_person_is_text_not_fts_syntax(engine, people, typed) -> None:
    search_enrollments(engine, EnrollmentQuery(typed))  # must not raise
    count_enrollments(engine, EnrollmentQuery(typed))


def test_name_match_expression_quotes_each_word_as_a_prefix() -> None:
    assert name_match_expression("  Made  SUT ") == '"made"* AND "sut"*'
    assert name_match_expression('a"b') == '"a"* AND "b"*'


def _found_by_index(typed: str, full_name: str) -> bool:
    """The name index's rule restated over one name: each typed word starts a word of the
    name, or (three letters or more, or a known short form) its key is a key of the name or,
    five letters or more, starts one; "I" and "Ni" also match a name without either."""
    from desktop_app.domain.banjar import fold
    from desktop_app.domain.name_sound import (
        ABBREVIATIONS,
        PREFIXES,
        name_sounds,
        plain_letters,
        word_sounds,
    )

    words = fold(full_name).split()
    held = set(words) | set(name_sounds(full_name).split())
    for typed_word in fold(typed).split():
        letters = plain_letters(typed_word)
        if any(word.startswith(typed_word) for word in words):
            continue
        if letters in PREFIXES:
            if words[0] not in PREFIXES:
                continue
            return False
        if len(letters) < 3 and letters not in ABBREVIATIONS:
            return False
        if not any(h == key or (len(key) >= 5 and h.startswith(key))
                   for key in word_sounds(letters) for h in held):
            return False
    return True


def test_search_agrees_with_a_plain_scan_over_many_records(store, officer, engine) -> None:
    """Over a few thousand synthetic people, every query finds exactly what a scan finds:
    exact matches first, then near spellings."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
    from synthetic import synthetic_enrollments

    from desktop_app.domain.banjar import fold

    records = list(synthetic_enrollments(3000, on=ON, seed=3))
    store.add_many(records, officer_id=officer.id, on=ON)
    for typed in ["made", "ni kar", "sut", "ayu", "luh s", "gede w", "sudarmo", "ktut astowo",
                  "i md widyastuty", "ni wyn lestary", "pradniani", "boediarto"]:
        words = fold(typed).split()
        exact = {r.nik for r in records
                 if all(any(part.startswith(w) for part in fold(r.full_name).split())
                        for w in words)}
        near = {r.nik for r in records if _found_by_index(typed, r.full_name)} - exact
        found = search_enrollments(engine, EnrollmentQuery(typed), limit=5000)
        assert {row.nik for row in found[:len(exact)]} == exact, typed
        assert {row.nik for row in found[len(exact):]} == near, typed
        assert [row.near_spelling for row in found] == [False] * len(exact) + [True] * len(near)
        assert count_enrollments(engine, EnrollmentQuery(typed)) == len(exact) + len(near)
        if typed in ("sudarmo", "ktut astowo", "pradniani"):
            assert near, typed  # the misspelt searches do find near spellings
    for prefix in ["517101", "5171040", "51710312"]:
        expected = sorted(r.nik for r in records if r.nik.startswith(prefix))
        found = search_enrollments(engine, EnrollmentQuery(prefix), limit=5000)
        assert [row.nik for row in found] == expected


def enroll_names(store, officer, valid_record, make_nik, names: list[str]) -> list:
    """One ready enrollment per name, in order (the last is the newest)."""
    from desktop_app.domain.nik import Sex

    stored = []
    for n, name in enumerate(names):
        birth = date(1960 + n, 1 + n % 12, 1 + n)
        record = valid_record.with_changes(
            nik=make_nik("517103", birth, Sex.MALE, n + 1), full_name=name, birth_date=birth,
            sex=Sex.MALE)
        stored.append(store.create(record, officer_id=officer.id, on=ON))
    return stored


def found(engine, typed: str, **options) -> list[tuple[str, bool]]:
    return [(row.full_name, row.near_spelling)
            for row in search_enrollments(engine, EnrollmentQuery(typed, **options))]


def test_a_near_spelling_is_found_after_the_exact_matches_closest_first(
        store, officer, engine, valid_record, make_nik) -> None:
    enroll_names(store, officer, valid_record, make_nik, [
        "I Wayan Soedarsana", "I Made Sudarsono", "I Gede Sudarsana", "I Ketut Sudarsani",
        "I Nyoman Sutarja"])
    # the case: nothing starts with "sudarsono" but the one exact match
    assert found(engine, "Sudarsono") == [
        ("I Made Sudarsono", False), ("I Gede Sudarsana", True), ("I Wayan Soedarsana", True)]
    assert found(engine, "sudarsana") == [
        ("I Gede Sudarsana", False), ("I Made Sudarsono", True), ("I Wayan Soedarsana", True)]
    assert found(engine, "wayan sudarsono") == [("I Wayan Soedarsana", True)]
    # Sudarsani is a woman's name, not a spelling of Sudarsana
    assert ("I Ketut Sudarsani", True) not in found(engine, "sudarsana")
    assert count_enrollments(engine, EnrollmentQuery("sudarsono")) == 3


def test_spelling_variants_of_bali_find_each_other(
        store, officer, engine, valid_record, make_nik) -> None:
    enroll_names(store, officer, valid_record, make_nik, [
        "Ni Ketut Widyastuti", "I Gst. Ngr. Made Oka", "Ni Luh Wahyuni", "I Wayan Dharma Putra",
        "Ni Komang Tjandra Dewi"])
    assert found(engine, "ktut widiastuti") == [("Ni Ketut Widyastuti", True)]
    assert found(engine, "gusti ngurah made") == [("I Gst. Ngr. Made Oka", True)]
    assert found(engine, "wahyoeni") == [("Ni Luh Wahyuni", True)]
    assert found(engine, "darma putra") == [("I Wayan Dharma Putra", True)]
    assert found(engine, "candra") == [("Ni Komang Tjandra Dewi", True)]
    assert found(engine, "md oka") == [("I Gst. Ngr. Made Oka", True)]
    assert found(engine, "sudarsono") == []  # nothing near


def test_i_or_ni_typed_finds_a_name_written_without_it_but_never_the_other(
        store, officer, engine, valid_record, make_nik) -> None:
    enroll_names(store, officer, valid_record, make_nik, [
        "Made Sudarsana", "Ni Made Sudarsana", "I Made Sudarsana"])
    assert found(engine, "i made sudarsana") == [
        ("I Made Sudarsana", False), ("Made Sudarsana", True)]
    assert found(engine, "ni made sudarsana") == [
        ("Ni Made Sudarsana", False), ("Made Sudarsana", True)]


def test_pages_run_through_exact_then_near_matches_without_gaps_or_repeats(
        store, officer, engine, valid_record, make_nik) -> None:
    enroll_names(store, officer, valid_record, make_nik, [
        "I Made Sudarsana", "I Wayan Sudarsono", "I Putu Soedarsono", "I Gede Sudarsono",
        "I Ketut Sudarsana"])
    whole = found(engine, "sudarsono")
    assert [near for _, near in whole] == [False, False, True, True, True]
    for size in (1, 2, 3):
        pages = [found_page for offset in range(0, 6, size)
                 for found_page in [(row.full_name, row.near_spelling) for row in
                                    search_enrollments(engine, EnrollmentQuery("sudarsono"),
                                                       limit=size, offset=offset)]]
        assert pages == whole, size


def test_filters_and_sorting_keep_exact_matches_first(
        store, officer, engine, valid_record, make_nik) -> None:
    from desktop_app.store.search import SortKey

    people = enroll_names(store, officer, valid_record, make_nik, [
        "I Wayan Sudarsono", "I Gede Sudarsana", "I Made Sudarsono", "I Ketut Sudarsana"])
    store.update(people[3].id, people[3].record.with_changes(consent=Consent(False)),
                 officer_id=officer.id, expected_revision=1, allow_draft=True)
    assert found(engine, "sudarsono", status=EnrollmentStatus.READY) == [
        ("I Made Sudarsono", False), ("I Wayan Sudarsono", False), ("I Gede Sudarsana", True)]
    assert count_enrollments(engine, EnrollmentQuery(
        "sudarsono", status=EnrollmentStatus.READY)) == 3
    by_name = search_enrollments(engine, EnrollmentQuery("sudarsono"), sort=SortKey.NAME)
    assert [(row.full_name, row.near_spelling) for row in by_name] == [
        ("I Made Sudarsono", False), ("I Wayan Sudarsono", False),
        ("I Gede Sudarsana", True), ("I Ketut Sudarsana", True)]


def test_near_spellings_follow_name_edits(store, officer, engine, valid_record,
                                          make_nik) -> None:
    [person] = enroll_names(store, officer, valid_record, make_nik, ["I Made Sudarsana"])
    store.update(person.id, person.record.with_changes(full_name="I Made Wirawan"),
                 officer_id=officer.id, expected_revision=1)
    assert found(engine, "sudarsono") == []
    assert found(engine, "wirowan") == [("I Made Wirawan", True)]


def test_many_near_spellings_come_newest_first_and_page_without_gaps(
        store, officer, engine, valid_record, make_nik, monkeypatch) -> None:
    from desktop_app.store import search

    monkeypatch.setattr(search, "RANKED_NEAR", 3)  # more near spellings than are ranked
    people = enroll_names(store, officer, valid_record, make_nik, [
        "I Made Sudarsono", "I Wayan Sudarsana", "I Putu Soedarsana", "I Gede Sudarsana",
        "I Ketut Sudarsana", "I Nyoman Sudarsana"])
    newest_first = [("I Made Sudarsono", False)] + [
        (name, True) for name in ("I Nyoman Sudarsana", "I Ketut Sudarsana", "I Gede Sudarsana",
                                  "I Putu Soedarsana", "I Wayan Sudarsana")]
    assert found(engine, "sudarsono") == newest_first
    for size in (1, 2, 4):
        pages = [(row.full_name, row.near_spelling) for offset in range(0, 7, size)
                 for row in search_enrollments(engine, EnrollmentQuery("sudarsono"),
                                               limit=size, offset=offset)]
        assert pages == newest_first, size
    store.update(people[4].id, people[4].record.with_changes(consent=Consent(False)),
                 officer_id=officer.id, expected_revision=1, allow_draft=True)
    ready = [(row.full_name, row.near_spelling) for offset in range(0, 6, 2)
             for row in search_enrollments(engine, EnrollmentQuery(
                 "sudarsono", status=EnrollmentStatus.READY), limit=2, offset=offset)]
    assert ready == [pair for pair in newest_first if pair[0] != "I Ketut Sudarsana"]
