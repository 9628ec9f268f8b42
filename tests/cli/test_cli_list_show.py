"""``banjar-enroll list [--search] [--status] [--limit]`` and ``show ID|NIK``."""

import contextlib
import io
import json
import uuid
from datetime import date

import pytest

from desktop_app.cli.main import main

ITEM_KEYS = {"id", "nik", "full_name", "birth_date", "desa_code", "banjar", "occupation",
             "status", "updated_at", "near_spelling"}


@pytest.fixture(scope="module")
def laptop(tmp_path_factory, make_person, make_nik, enroll_day):
    """Five enrollments on one laptop, made once for this module's read-only tests: four ready
    and one draft. Returns the data folder, the officer and name -> {id, nik}."""
    folder = tmp_path_factory.mktemp("laptop")
    directory = folder / "data"

    def call(*args: str) -> dict:
        output = io.StringIO()
        with contextlib.redirect_stdout(output):
            code = main(["--data-dir", str(directory), "--json", *args])
        assert code == 0, output.getvalue()
        return json.loads(output.getvalue())

    officer = call("officer", "set", "--name", "I Made Suardana", "--id", "DSN-0042")
    people = [
        make_person("Ni Luh Putu Ayu", "517104", date(1985, 8, 17), "P", 23),
        make_person("I Wayan Bágus", "517104", date(1979, 1, 5), "L", 7),
        make_person("Made Sutrisna", "517103", date(1970, 3, 3), "L", 2),
        make_person("Komang Ayu Lestari", "517101", date(1990, 12, 31), "P", 4),
    ]
    draft = {"nik": make_nik("517102", date(1966, 6, 1), "L", 9), "full_name": "Ketut Luhur"}
    (folder / "people.json").write_text(json.dumps(people), encoding="utf-8")
    (folder / "draft.json").write_text(json.dumps(draft), encoding="utf-8")
    results = call("enroll", "--json", str(folder / "people.json"), "--date", enroll_day)
    drafted = call("enroll", "--json", str(folder / "draft.json"), "--date", enroll_day,
                   "--draft")
    names = [p["full_name"] for p in people] + [draft["full_name"]]
    records = {name: {"id": r["id"], "nik": r["nik"]}
               for name, r in zip(names, results["results"] + drafted["results"], strict=True)}
    return {"data_dir": directory, "officer": officer, **records}


@pytest.fixture
def data_dir(laptop):
    """Every test of this module reads the one laptop made above (nothing here writes)."""
    return laptop["data_dir"]


def names(run) -> list[str]:
    assert run.code == 0, run
    return [item["full_name"] for item in run.json()["items"]]


def test_list_all_json_shape(cli, laptop):
    run = cli("--json", "list")
    assert run.code == 0, run
    data = run.json()
    assert set(data) == {"total", "offset", "items"}
    assert (data["total"], data["offset"]) == (5, 0)
    assert len(data["items"]) == 5
    assert all(set(item) == ITEM_KEYS for item in data["items"])
    by_nik = {item["nik"]: item for item in data["items"]}
    ayu = by_nik[laptop["Ni Luh Putu Ayu"]["nik"]]
    assert ayu["id"] == laptop["Ni Luh Putu Ayu"]["id"]
    assert (ayu["birth_date"], ayu["desa_code"], ayu["banjar"], ayu["occupation"],
            ayu["status"]) == ("1985-08-17", "5171041004", "Banjar Kaja", "pedagang", "ready")
    assert by_nik[laptop["Ketut Luhur"]["nik"]]["status"] == "draft"


def test_list_json_after_the_command(cli, laptop):
    assert cli("list", "--json").json() == cli("--json", "list").json()


@pytest.mark.parametrize(("typed", "expected"), [
    ("LUH pu", {"Ni Luh Putu Ayu"}),
    ("luh", {"Ni Luh Putu Ayu", "Ketut Luhur"}),
    ("ayu", {"Ni Luh Putu Ayu", "Komang Ayu Lestari"}),
    ("AYU kom", {"Komang Ayu Lestari"}),
    ("bagus", {"I Wayan Bágus"}),  # stored with an accent, typed without
    ("BÂGUS wa", {"I Wayan Bágus"}),
    ("pütu", {"Ni Luh Putu Ayu"}),  # typed with an accent, stored without
    ("sutris", {"Made Sutrisna"}),
    ("trisna", set()),  # word prefixes, not substrings
    ("uh", set()),
    ("ayu xyz", set()),  # every word must match
], ids=lambda v: v if isinstance(v, str) else None)
def test_search_by_name_word_prefix_ignores_case_and_accents(cli, laptop, typed, expected):
    run = cli("--json", "list", "--search", typed)
    assert set(names(run)) == expected
    assert run.json()["total"] == len(expected)


@pytest.mark.parametrize("typed", ["517104", "5171 04", "5171-04", "5171.04"])
def test_search_by_nik_prefix(cli, laptop, typed):
    run = cli("--json", "list", "--search", typed)
    expected = sorted([laptop["Ni Luh Putu Ayu"]["nik"], laptop["I Wayan Bágus"]["nik"]])
    assert [item["nik"] for item in run.json()["items"]] == expected  # NIK order
    assert run.json()["total"] == 2


def test_search_by_whole_nik(cli, laptop):
    nik = laptop["Made Sutrisna"]["nik"]
    assert names(cli("--json", "list", "--search", nik)) == ["Made Sutrisna"]
    assert cli("--json", "list", "--search", nik + "1").json()["total"] == 0


@pytest.mark.parametrize(("status", "expected"), [
    ("draft", {"Ketut Luhur"}),
    ("ready", {"Ni Luh Putu Ayu", "I Wayan Bágus", "Made Sutrisna", "Komang Ayu Lestari"}),
    ("synced", set()),
])
def test_status_filter(cli, laptop, status, expected):
    run = cli("--json", "list", "--status", status)
    assert set(names(run)) == expected
    assert run.json()["total"] == len(expected)


def test_status_filter_with_search(cli, laptop):
    assert names(cli("--json", "list", "--search", "luh", "--status", "draft")) == ["Ketut Luhur"]
    assert names(cli("--json", "list", "--search", "luh", "--status", "ready")) == [
        "Ni Luh Putu Ayu"]
    run = cli("--json", "list", "--search", "5171", "--status", "draft")
    assert names(run) == ["Ketut Luhur"]
    assert run.json()["total"] == 1


def test_limit_and_offset(cli, laptop):
    everything = cli("--json", "list").json()["items"]
    first = cli("--json", "list", "--limit", "2").json()
    assert first["total"] == 5
    assert first["items"] == everything[:2]
    rest = cli("--json", "list", "--limit", "10", "--offset", "2").json()
    assert (rest["total"], rest["offset"]) == (5, 2)
    assert rest["items"] == everything[2:]
    limited_search = cli("--json", "list", "--search", "ayu", "--limit", "1").json()
    assert (limited_search["total"], len(limited_search["items"])) == (2, 1)


def test_list_text(cli, laptop):
    run = cli("list", "--limit", "2")
    assert run.code == 0, run
    lines = run.out.splitlines()
    assert len(lines) == 3
    assert lines[-1] == "2 dari 5 data"
    items = cli("--json", "list", "--limit", "2").json()["items"]
    for line, item in zip(lines, items, strict=False):
        assert line.startswith(item["nik"])
        assert line.rstrip().endswith(item["id"])
        assert item["full_name"] in line
    english = cli("--lang", "en", "list", "--search", "luh pu")
    assert english.out.splitlines()[-1] == "1 of 1 records"
    assert "Ni Luh Putu Ayu" in english.out


def test_search_finds_near_spellings_after_exact_matches_and_marks_them(cli, laptop):
    # "Sutrisno" is how a Javanese speaker writes Sutrisna; "Bagoes" the old spelling of Bagus
    run = cli("--json", "list", "--search", "sutrisno")
    assert [(item["full_name"], item["near_spelling"]) for item in run.json()["items"]] == [
        ("Made Sutrisna", True)]
    assert run.json()["total"] == 1
    assert names(cli("--json", "list", "--search", "i wayan bagoes")) == ["I Wayan Bágus"]
    assert names(cli("--json", "list", "--search", "ktut")) == ["Ketut Luhur"]
    exact = cli("--json", "list", "--search", "sutrisna").json()["items"]
    assert [item["near_spelling"] for item in exact] == [False]

    text = cli("list", "--search", "Sutrisno")
    assert text.code == 0, text
    [line, count, legend] = text.out.splitlines()
    assert "≈ Made Sutrisna" in line
    assert (count, legend) == ("1 dari 1 data", "≈ ejaan nama yang mirip dengan yang dicari")
    english = cli("--lang", "en", "list", "--search", "sutrisno").out.splitlines()
    assert english[-1] == "≈ a near spelling of the name searched for"
    assert "≈" not in cli("list", "--search", "sutrisna").out


@pytest.mark.parametrize("extra", [["--limit", "0"], ["--limit", "-3"], ["--offset", "-1"]])
def test_bad_limit_or_offset_is_one_line_exit_1(cli, one_line_error, extra):
    run = cli("list", *extra)
    assert "--limit" in one_line_error(run, 1)
    assert run.out == ""


@pytest.mark.parametrize("extra", [["--limit", "ten"], ["--limit", "2.5"], ["--limit"],
                                   ["--status", "done"]])
def test_unparseable_list_options_are_usage_errors(cli, one_line_error, extra):
    run = cli("list", *extra)
    line = one_line_error(run, 2)
    assert extra[0] in line
    assert run.out == ""


def test_show_by_nik_json_with_history(cli, laptop):
    officer = laptop["officer"]
    person = laptop["Ni Luh Putu Ayu"]
    run = cli("--json", "show", person["nik"])
    assert run.code == 0, run
    data = run.json()
    assert data["id"] == person["id"]
    assert data["nik"] == person["nik"]
    assert data["full_name"] == "Ni Luh Putu Ayu"
    assert (data["status"], data["revision"], data["warnings"]) == ("ready", 1, [])
    assert (data["officer_id"], data["device_id"]) == (officer["id"], officer["device_id"])
    [created] = data["history"]
    assert (created["action"], created["revision"]) == ("created", 1)
    assert (created["officer_id"], created["device_id"]) == (officer["id"],
                                                             officer["device_id"])
    assert isinstance(created["changes"], dict)
    assert created["changed_at"] == data["created_at"]


def test_show_by_id_equals_show_by_nik(cli, laptop):
    person = laptop["I Wayan Bágus"]
    by_id = cli("show", "--json", person["id"])
    by_nik = cli("--json", "show", person["nik"])
    assert by_id.code == by_nik.code == 0
    assert by_id.json() == by_nik.json()
    spaced = person["nik"][:6] + " " + person["nik"][6:12] + "-" + person["nik"][12:]
    assert cli("--json", "show", spaced).json() == by_nik.json()
    assert cli("--json", "show", uuid.UUID(person["id"]).hex).json() == by_nik.json()


def test_show_text(cli, laptop):
    person = laptop["Ni Luh Putu Ayu"]
    run = cli("show", person["nik"])
    assert run.code == 0, run
    lines = run.out.splitlines()
    assert lines[0] == f"Ni Luh Putu Ayu — ready (revisi 1) {person['id']}"
    assert f"  NIK: {person['nik']}" in lines
    assert "  Tanggal lahir: 17-08-1985" in lines
    assert "  Nomor HP: +6281234567890" in lines
    assert "  Penghasilan per bulan (Rp): Rp2.500.000" in lines
    assert "[Riwayat]" in lines
    history = lines[lines.index("[Riwayat]") + 1:]
    assert len(history) == 1
    assert " r1 created" in history[0]
    assert run.err == ""


def test_show_text_in_english(cli, laptop):
    run = cli("--lang", "en", "show", laptop["Made Sutrisna"]["nik"])
    assert run.code == 0, run
    assert "(revision 1)" in run.out.splitlines()[0]
    assert "[History]" in run.out


def test_show_draft_text(cli, laptop):
    run = cli("show", laptop["Ketut Luhur"]["nik"])
    assert run.code == 0, run
    assert run.out.startswith("Ketut Luhur — draft (revisi 1)")


@pytest.mark.parametrize("key", ["5171045708850099", str(uuid.uuid4()), "nobody", "517104"])
def test_show_unknown_key_is_one_line_exit_1(cli, laptop, one_line_error, key):
    run = cli("show", key)
    line = one_line_error(run, 1)
    assert key in line
    assert run.out == ""
    assert "no enrollment with id or NIK" in one_line_error(cli("--lang", "en", "show", key), 1)


def test_show_needs_a_key(cli, one_line_error):
    one_line_error(cli("show"), 2)
