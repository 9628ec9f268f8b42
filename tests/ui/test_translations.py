"""Every string the UI shows through tr() has an Indonesian translation, compiled and current;
so has every text of Qt's own dialogs that qtbase_id.ts covers."""

import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

ROOT = Path(__file__).parents[2]
TS_FILE = ROOT / "resources" / "translations" / "banjar_enroll_id.ts"
QT_TS_FILE = TS_FILE.with_name("qtbase_id.ts")  # Qt's own dialogs, kept by hand


def _tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip(f"pyside6-{name} is not installed")
    return found


def test_the_ts_file_has_every_ui_string_and_all_are_translated(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS_FILE, fresh)
    sources = sorted(str(p) for p in (ROOT / "desktop_app" / "ui").glob("*.py"))
    subprocess.run([_tool("lupdate"), *sources, "-no-obsolete", "-locations", "none",
                    "-ts", str(fresh)],
                   check=True, capture_output=True)
    messages = ElementTree.parse(fresh).getroot().iter("message")
    unfinished = [m.findtext("source") for m in messages
                  if m.find("translation").get("type") in ("unfinished", "vanished")]
    assert unfinished == [], "run `make translations` and translate these in the .ts file"


@pytest.mark.parametrize("ts_file", [TS_FILE, QT_TS_FILE], ids=lambda p: p.stem)
def test_the_compiled_qm_matches_the_ts_file(tmp_path: Path, ts_file: Path) -> None:
    compiled = tmp_path / "check.qm"
    subprocess.run([_tool("lrelease"), str(ts_file), "-qm", str(compiled)], check=True,
                   capture_output=True)
    assert compiled.read_bytes() == ts_file.with_suffix(".qm").read_bytes(), \
        "run `make translations`"


def test_every_message_of_qts_dialogs_is_translated() -> None:
    messages = list(ElementTree.parse(QT_TS_FILE).getroot().iter("message"))
    assert len(messages) > 300  # file, print, page setup, preview, buttons, menus
    assert [m.findtext("source") for m in messages
            if m.find("translation").get("type") or not m.findtext("translation")] == []
