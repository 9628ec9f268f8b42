"""Search by NIK prefix and by name (case- and accent-insensitive word prefixes), with paging."""

from datetime import date

import pytest

from desktop_app.domain.enrollment import Consent, EnrollmentStatus
from desktop_app.store.search import (
    EnrollmentQuery,
    count_enrollments,
    name_match_expression,
    search_enrollments,
)

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
                 officer_id=officer.id, on=ON, expected_revision=1)
    assert names(engine, EnrollmentQuery("lestari")) == ["Ni Luh Putu Ayu Lestari"]
    store.update(ayu.id, store.get(ayu.id).record.with_changes(full_name="Ni Luh Sekar"),
                 officer_id=officer.id, on=ON, expected_revision=2)
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


def test_search_agrees_with_a_plain_scan_over_many_records(store, officer, engine) -> None:
    """Over a few thousand synthetic people, every query finds exactly what a scan finds."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
    from synthetic import synthetic_enrollments

    from desktop_app.domain.banjar import fold

    records = list(synthetic_enrollments(3000, on=ON, seed=3))
    store.add_many(records, officer_id=officer.id, on=ON)
    for typed in ["made", "ni kar", "sut", "ayu", "luh s", "gede w"]:
        words = fold(typed).split()
        expected = {r.nik for r in records
                    if all(any(part.startswith(w) for part in fold(r.full_name).split())
                           for w in words)}
        found = search_enrollments(engine, EnrollmentQuery(typed), limit=5000)
        assert {row.nik for row in found} == expected, typed
        assert count_enrollments(engine, EnrollmentQuery(typed)) == len(expected)
    for prefix in ["517101", "5171040", "51710312"]:
        expected = sorted(r.nik for r in records if r.nik.startswith(prefix))
        found = search_enrollments(engine, EnrollmentQuery(prefix), limit=5000)
        assert [row.nik for row in found] == expected
