"""``import`` and ``export`` from the terminal."""

import json
from pathlib import Path

from openpyxl import Workbook, load_workbook


def test_export_then_import_on_another_laptop(cli, officer, enroll, make_record, data_dir,
                                              tmp_path: Path) -> None:
    enroll([make_record()])
    path = tmp_path / "rekap.xlsx"
    run = cli("export", str(path), "--status", "ready", "--json")
    assert run.code == 0 and run.json() == {"file": str(path), "rows": 1}
    assert load_workbook(path).sheetnames == ["Pendaftaran", "Rekap", "Rekap Petugas"]
    other = ["--data-dir", str(tmp_path / "other")]
    assert cli(*other, "officer", "set", "--name", "I Made Oka", "--id", "DSN-9").code == 0
    run = cli(*other, "import", str(path), "--json")
    assert run.code == 0, run
    assert run.json()["drafts"] == 1 and run.json()["result"].endswith("rekap-hasil.xlsx")
    again = cli(*other, "import", str(path))
    assert again.code == 0 and "1 sudah ada" in again.out


def test_a_refused_row_gives_exit_1_and_bad_files_one_line(cli, officer, one_line_error,
                                                           tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(["NIK", "Nama"])
    book.active.append([5171041203700010, "I Wayan Rusak"])
    path = tmp_path / "angka.xlsx"
    book.save(path)
    run = cli("import", str(path), "--lang", "en")
    assert run.code == 1 and "1 refused" in run.out
    text = tmp_path / "daftar.xlsx"
    text.write_text("NIK,Nama\n", encoding="utf-8")
    assert "bukan berkas Excel" in one_line_error(cli("import", str(text)), 1)
    assert ".xlsx" in one_line_error(cli("export", str(tmp_path / "x.csv")), 1)
    assert one_line_error(cli("import", str(tmp_path / "none.xlsx")), 1)
    mapping = tmp_path / "kolom.toml"
    mapping.write_text('[columns]\n"Nama" = "nama"\n', encoding="utf-8")
    assert "nama" in one_line_error(cli("import", str(path), "--mapping", str(mapping)), 1)
    assert json.loads(cli("--json", "list").out)["total"] == 0


def test_office_export_from_the_terminal(cli, live_office, tmp_path: Path) -> None:
    office_db = live_office.engine.url.render_as_string(hide_password=False)
    path = tmp_path / "kantor.xlsx"
    run = cli("office", "export", str(path), "--db", office_db, "--json")
    assert run.code == 0 and run.json() == {"file": str(path), "records": 0, "conflicts": 0}
    assert load_workbook(path).sheetnames == ["Pendaftaran", "Konflik", "Cakupan", "Rekap",
                                              "Rekap Petugas"]


def test_office_check_list_from_the_terminal(cli, live_office, tmp_path: Path) -> None:
    office_db = live_office.engine.url.render_as_string(hide_password=False)
    book = Workbook()
    book.active.append(["No. KTP", "Nama"])
    book.active.append(["5171045708850023", "Ni Luh Ayu"])
    path = tmp_path / "krama.xlsx"
    book.save(path)
    run = cli("office", "check-list", str(path), "--db", office_db, "--json")
    assert run.code == 0 and run.json()["to_enroll"] == 1
    assert (tmp_path / "krama-hasil.xlsx").exists()
    text = tmp_path / "bukan.xlsx"
    text.write_text("x", encoding="utf-8")
    assert cli("office", "check-list", str(text), "--db", office_db).code == 1
