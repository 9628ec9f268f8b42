"""`office conflicts` and `office resolve` for typed review items (issue 14): the listing
names each item's kind, both versions and the base; a same-person item is decided with
--same-person or --different-people; every decision names who made it."""

from datetime import date

from builders import build_nik
from office_intake import outgoing, push, register


def _same_person_item(office, valid_record):
    sari, wayan = register(office, "Ni Ketut Sari"), register(office, "I Wayan Sudi")
    known = valid_record.with_changes(nik=build_nik("517104", date(1985, 8, 17), "P", 24))
    push(office, wayan, outgoing(known))
    typo = outgoing(valid_record)
    push(office, sari, typo)
    push(office, sari, outgoing(known, enrollment_id=typo.enrollment_id, revision=2, base=1))
    return known


def test_a_same_person_item_is_listed_with_its_kind_and_decided_from_the_terminal(
        cli, office, valid_record) -> None:
    url = office.url.render_as_string(hide_password=False)
    known = _same_person_item(office, valid_record)
    listed = cli("office", "conflicts", "--db", url)
    assert "satu orang di dua data" in listed.out.splitlines()[0]
    assert "dikoreksi ke NIK data" in listed.out
    [item] = cli("office", "conflicts", "--db", url, "--json").json()["items"]
    assert item["kind"] == "same_person" and item["base_record"]["nik"] == valid_record.nik
    assert item["incoming_record"]["nik"] == known.nik == item["office_record"]["nik"]
    both = cli("office", "resolve", item["conflict_id"][:8], "--same-person",
               "--different-people", "--db", url)
    assert both.code == 2 and "not allowed with" in both.err
    plain = cli("office", "resolve", item["conflict_id"][:8], "--keep", "office", "--db", url)
    assert plain.code == 1 and "--same-person atau --different-people" in plain.err
    done = cli("office", "resolve", item["conflict_id"][:8], "--same-person", "--by",
               "Ibu Wayan", "--db", url, "--json")
    assert done.code == 0, done.err
    decided = done.json()
    assert decided["resolved_by"] == "Ibu Wayan" and decided["resolution"]["same_person"]
    listing = cli("office", "list", "--db", url, "--json").json()
    assert [r["nik"] for r in listing["items"]] == [known.nik]


def test_different_people_is_a_decision_too(cli, office, valid_record) -> None:
    url = office.url.render_as_string(hide_password=False)
    _same_person_item(office, valid_record)
    [item] = cli("office", "conflicts", "--db", url, "--json").json()["items"]
    done = cli("office", "resolve", item["conflict_id"], "--different-people", "--db", url)
    assert done.code == 0 and "diputuskan oleh" in done.out
    assert len(cli("office", "list", "--db", url, "--json").json()["items"]) == 2
