"""``receipt`` on the laptop and ``office verify-receipt`` at the office."""

import json
from pathlib import Path

import pytest
from pdf_tools import pdf_words

pytestmark = pytest.mark.usefixtures("qapp")  # one QApplication for the whole test process


@pytest.fixture
def office_db(live_office) -> str:
    return live_office.engine.url.render_as_string(hide_password=False)


@pytest.fixture
def laptop(cli, office_db, live_office):
    """A registered laptop with an officer (through the commands)."""
    assert cli("officer", "set", "--name", "Ni Ketut Sari", "--id", "DSN-002").code == 0
    code = cli("office", "add-device", "--officer", "Ni Ketut Sari", "--db", office_db,
               "--json").json()["code"]
    assert cli("setup", "--server", live_office.url, "--code", code).code == 0
    return cli


def test_a_receipt_is_written_and_verified_at_the_office(laptop, office_db, make_record,
                                                         enroll_day, tmp_path: Path) -> None:
    cli = laptop
    person = make_record()
    cli("enroll", "--json", "-", "--date", enroll_day, stdin=json.dumps(person))
    pdf = tmp_path / "sari.pdf"
    run = cli("receipt", person["nik"], "--pdf", str(pdf), "--paper", "58mm", "--json")
    assert run.code == 0, run
    printed = run.json()
    assert printed["pages"] == 1 and printed["receipts"][0]["copy"] == 0
    assert "Ni Made Sari Dewi" in pdf_words(pdf)
    code = printed["receipts"][0]["code"]

    number = printed["receipts"][0]["number"]
    before = cli("office", "verify-receipt", code, "--db", office_db, "--json")
    assert before.code == 0 and before.json()["verdict"] == "genuine"
    assert before.json()["office_record"] is None  # not synced yet
    only_number = cli("office", "verify-receipt", number.lower(), "--db", office_db, "--json")
    assert only_number.code == 1 and only_number.json()["verdict"] == "unverified"
    assert only_number.json()["officer"] == "Ni Ketut Sari"  # a number fits this laptop

    assert cli("sync").code == 0  # the record, and the receipt with its signed code
    after = cli("office", "verify-receipt", code, "--db", office_db, "--lang", "en")
    assert after.code == 0 and "GENUINE" in after.out and "the receipt matches it" in after.out
    in_indonesian = cli("office", "verify-receipt", code, "--db", office_db)
    assert in_indonesian.out.startswith("ASLI: ditandatangani oleh laptop Ni Ketut Sari")
    assert "tanda terima cocok dengan data itu" in in_indonesian.out
    by_number = cli("office", "verify-receipt", number, "--db", office_db, "--json")
    assert by_number.code == 0 and by_number.json()["verdict"] == "genuine"
    assert by_number.json()["prints"] == 1 and by_number.json()["matches_office_record"]
    reprint = cli("--json", "receipt", person["nik"], "--pdf", str(tmp_path / "copy.pdf"))
    assert reprint.json()["receipts"][0]["copy"] == 1
    assert cli("sync").code == 0  # nothing else waits: a batch of the receipt alone
    again = cli("office", "verify-receipt", number, "--db", office_db, "--json").json()
    assert again["prints"] == 2
    from desktop_app.store.database import open_database
    from desktop_app.store.receipts import unreported_receipts

    engine = open_database(tmp_path / "data")
    try:
        assert unreported_receipts(engine, limit=10) == []  # acknowledged: not sent again
    finally:
        engine.dispose()

    forged = code.replace(number, number[:-6] + "9999-" + number[-1])
    run = cli("office", "verify-receipt", forged, "--db", office_db, "--json")
    assert run.code == 1 and run.json()["verdict"] == "forged"
    made_up = number[:-6] + "0002-" + number[-1]  # a number of this laptop never printed
    from desktop_app.domain.receipt_number import check_character

    made_up = made_up[:-1] + check_character(made_up[:-2])
    guessed = cli("office", "verify-receipt", made_up, "--db", office_db, "--json")
    assert guessed.code == 1 and guessed.json()["verdict"] == "unverified"


def test_a_visit_in_one_pdf_and_a_reprint_is_a_copy(laptop, make_person, enroll_day,
                                                    tmp_path: Path) -> None:
    from datetime import date

    cli = laptop
    visit = cli("--json", "visit", "start", "--desa", "5171041004", "--banjar", "Br. Tonja",
                "--date", enroll_day).json()["id"]
    people = [make_person("I Made Oka", "517104", date(1980, 1, 2), "L", 7),
              make_person("Ni Wayan Sekar", "517104", date(1982, 3, 4), "P", 8)]
    cli("enroll", "--json", "-", "--visit", visit, stdin=json.dumps(people))
    pdf = tmp_path / "visit.pdf"
    run = cli("receipt", "--visit", visit, "--pdf", str(pdf), "--paper", "a4")
    assert run.code == 0 and "2 tanda terima, 2 halaman" in run.out
    again = cli("--json", "receipt", people[0]["nik"], "--pdf", str(tmp_path / "again.pdf"))
    assert again.json()["receipts"][0]["copy"] == 1
    assert "SALINAN" in pdf_words(tmp_path / "again.pdf")


def test_receipt_mistakes_get_one_line(laptop, one_line_error, make_record, enroll_day,
                                       tmp_path: Path) -> None:
    cli = laptop
    assert "ID|NIK" in one_line_error(cli("receipt", "--pdf", str(tmp_path / "x.pdf")), 1)
    missing = cli("receipt", "5171045708850023", "--pdf", str(tmp_path / "none" / "x.pdf"))
    assert "folder" in one_line_error(missing, 1)
    unknown = cli("receipt", "5171045708850023", "--pdf", str(tmp_path / "x.pdf"))
    assert "5171045708850023" in one_line_error(unknown, 1)
    draft = make_record(consent={"given": False})
    cli("enroll", "--json", "-", "--draft", "--date", enroll_day, stdin=json.dumps(draft))
    refused = cli("receipt", draft["nik"], "--pdf", str(tmp_path / "draft.pdf"))
    assert "draft" in one_line_error(refused, 1)
    assert not (tmp_path / "draft.pdf").exists()
    assert one_line_error(cli("receipt", draft["nik"], "--pdf", "x.pdf", "--paper", "a3"), 2)


def test_a_receipt_printed_before_setup_verifies_once_the_laptop_registers(
        cli, office_db, live_office, make_record, enroll_day, tmp_path: Path) -> None:
    assert cli("officer", "set", "--name", "Ni Ketut Sari", "--id", "DSN-002").code == 0
    person = make_record()
    cli("enroll", "--json", "-", "--date", enroll_day, stdin=json.dumps(person))
    printed = cli("--json", "receipt", person["nik"], "--pdf", str(tmp_path / "early.pdf"))
    code = printed.json()["receipts"][0]["code"]
    unknown = cli("office", "verify-receipt", code, "--db", office_db, "--json")
    assert unknown.code == 1 and unknown.json()["verdict"] == "unverified"
    registration = cli("office", "add-device", "--officer", "Ni Ketut Sari", "--db", office_db,
                       "--json").json()["code"]
    assert cli("setup", "--server", live_office.url, "--code", registration).code == 0
    assert cli("sync").code == 0
    known = cli("office", "verify-receipt", code, "--db", office_db, "--json").json()
    assert known["verdict"] == "genuine" and known["matches_office_record"] is True


def test_a_receipt_of_an_older_revision_is_genuine_but_told_apart(laptop, office_db,
                                                                   make_record, enroll_day,
                                                                   tmp_path: Path) -> None:
    cli = laptop
    person = make_record()
    cli("enroll", "--json", "-", "--date", enroll_day, stdin=json.dumps(person))
    code = cli("--json", "receipt", person["nik"], "--pdf", str(tmp_path / "r.pdf")).json()[
        "receipts"][0]["code"]
    assert cli("sync").code == 0
    from desktop_app.domain.funding import Program
    from desktop_app.store.database import open_database
    from desktop_app.store.enrollments import EnrollmentStore
    from desktop_app.store.officers import current_officer

    engine = open_database(tmp_path / "data")
    try:
        store = EnrollmentStore(engine)
        stored = store.find_by_nik(person["nik"])
        store.update(stored.id, stored.record.with_changes(
            programs=(Program.JKK, Program.JKM, Program.JHT)),
            officer_id=current_officer(engine).id, expected_revision=stored.revision)
    finally:
        engine.dispose()
    assert cli("sync").code == 0
    answer = cli("office", "verify-receipt", code, "--db", office_db, "--json")
    assert answer.code == 0 and answer.json()["verdict"] == "genuine"
    assert answer.json()["matches_office_record"] is False
    assert "changed after this receipt was printed" in answer.json()["note"]["en"]


def _printed_and_synced(cli, make_person, enroll_day, tmp_path: Path, count: int) -> list[str]:
    """``count`` people enrolled and their receipts printed and reported: their numbers."""
    from datetime import date

    names = ("I Made Oka", "I Wayan Gede", "I Nyoman Sudi")[:count]
    people = [make_person(name, "517104", date(1980, 1, 2 + i), "L", 7 + i)
              for i, name in enumerate(names)]
    cli("enroll", "--json", "-", "--date", enroll_day, stdin=json.dumps(people))
    numbers = [cli("--json", "receipt", p["nik"], "--pdf", str(tmp_path / f"{i}.pdf"))
               .json()["receipts"][0]["number"] for i, p in enumerate(people)]
    assert cli("sync").code == 0
    return numbers


def test_a_mistyped_number_is_told_with_the_number_meant(laptop, office_db, make_person,
                                                         enroll_day, tmp_path: Path) -> None:
    from desktop_app.domain.receipt_number import ALPHABET

    cli = laptop
    number = _printed_and_synced(cli, make_person, enroll_day, tmp_path, 1)[0]
    wrong_check = number[:-1] + next(c for c in ALPHABET if c != number[-1])
    run = cli("office", "verify-receipt", wrong_check, "--db", office_db, "--json")
    assert run.code == 1
    answer = run.json()
    assert answer["verdict"] == "mistyped" and answer["typed"] == wrong_check
    assert answer["candidates"][0] == {"number": number, "issued": True, "prints": 1,
                                       "officer": "Ni Ketut Sari"}
    assert all(not c["issued"] for c in answer["candidates"][1:])
    text = cli("office", "verify-receipt", wrong_check, "--db", office_db)
    assert text.code == 1 and text.out.startswith(f"SALAH KETIK: nomor {wrong_check} salah "
                                                  "ketik: karakter pemeriksa")
    assert f"  {number}  diterbitkan laptop Ni Ketut Sari, dicetak 1 kali" in text.out
    english = cli("office", "verify-receipt", wrong_check, "--db", office_db, "--lang", "en")
    assert english.out.startswith("MISTYPED: number") and number in english.out
    assert "FORGED" not in english.out and "Probably meant" in english.out

    laptop_code = number.split("-")[1]  # one wrong letter in the laptop's code
    slipped = number.replace(laptop_code, laptop_code[:2] + (
        "Z" if laptop_code[2] != "Z" else "Y") + laptop_code[3:])
    meant = cli("office", "verify-receipt", slipped, "--db", office_db, "--json").json()
    assert meant["verdict"] == "mistyped" and meant["candidates"][0]["number"] == number

    for spoken in (number.replace("-", " "), number.replace("-", "."), number.replace("-", ""),
                   " ".join(number.lower())):
        heard = cli("office", "verify-receipt", spoken, "--db", office_db, "--json")
        assert heard.code == 0 and heard.json()["verdict"] == "genuine", spoken

    parts = number.split("-")
    parts[2] = parts[2][:4]  # two digits of the day left out
    short = cli("office", "verify-receipt", "-".join(parts), "--db", office_db)
    assert short.code == 1 and short.out.startswith("SALAH KETIK: bagian ke-3")


def test_forged_only_for_a_number_the_laptop_never_issued(laptop, office_db, make_person,
                                                          enroll_day, tmp_path: Path) -> None:
    from desktop_app.domain.receipt_number import check_character

    cli = laptop
    first, second = _printed_and_synced(cli, make_person, enroll_day, tmp_path, 2)
    assert second.split("-")[3] == "0002"
    office, laptop_code, day, _, _ = first.split("-")
    other_day = f"{office}-{laptop_code}-{int(day) - 1}-0001"  # running number 1 is taken
    made_up = f"{other_day}-{check_character(other_day)}"
    run = cli("office", "verify-receipt", made_up, "--db", office_db, "--json")
    assert run.code == 1 and run.json()["verdict"] == "forged"
    assert first in run.json()["reason"]["en"]
    later = f"{office}-{laptop_code}-{day}-0003"  # not printed yet as far as the office knows
    not_yet = cli("office", "verify-receipt", f"{later}-{check_character(later)}",
                  "--db", office_db, "--json")
    assert not_yet.code == 1 and not_yet.json()["verdict"] == "unverified"
