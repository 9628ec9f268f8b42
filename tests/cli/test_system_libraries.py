"""Starting the desktop application on Linux without a library Qt's X11 platform needs: the
program names the packages to install and exits, instead of Qt's abort."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app import system_libraries
from desktop_app.system_libraries import (
    MISSING_LIBRARIES_EXIT,
    PACKAGES,
    MissingLibrary,
    display_roots,
    elf_links,
    missing_libraries,
    missing_libraries_message,
    qt_folder,
    xcb_will_be_used,
)

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="Qt's xcb platform exists on Linux only")
QT = qt_folder()
PLUGIN = QT / "plugins" / "platforms" / "libqxcb.so" if QT else None


def refusing(*absent: str):
    """A system loader that lacks ``absent`` and has everything else."""
    return lambda name: name if name in absent else None


@pytest.fixture
def x11(monkeypatch: pytest.MonkeyPatch) -> None:
    """An X11 session: a display, and Qt left to choose its platform."""
    monkeypatch.setenv("DISPLAY", ":99")
    for name in ("QT_QPA_PLATFORM", "QT_QPA_PLATFORM_PLUGIN_PATH", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)


@linux_only
def test_a_missing_library_is_named_with_its_package_and_qt_never_starts(
        cli, x11, monkeypatch: pytest.MonkeyPatch) -> None:
    import desktop_app.ui.application

    monkeypatch.setattr(system_libraries, "system_loader_refusal",
                        refusing("libxcb-icccm.so.4", "libxcb-keysyms.so.1"))
    monkeypatch.setattr(desktop_app.ui.application, "run_application",
                        lambda **_: pytest.fail("Qt was started without its libraries"))
    run = cli()
    assert run.code == MISSING_LIBRARIES_EXIT != 0
    assert run.out == ""
    indonesian, english = run.err.split("\n\n")
    assert indonesian.startswith("Banjar Enroll tidak dapat membuka jendelanya")
    assert english.startswith("Banjar Enroll cannot open its window")
    for text in (indonesian, english):
        assert "  libxcb-icccm.so.4 (libxcb-icccm4)\n" in text
        assert "  libxcb-keysyms.so.1 (libxcb-keysyms1)\n" in text
        assert text.rstrip().endswith("  sudo apt-get install libxcb-icccm4 libxcb-keysyms1")
    assert "Traceback" not in run.err


@linux_only
def test_the_message_speaks_the_language_asked_for(cli, x11, monkeypatch) -> None:
    monkeypatch.setattr(system_libraries, "system_loader_refusal", refusing("libxcb-xkb.so.1"))
    run = cli("--lang", "en")
    assert run.code == MISSING_LIBRARIES_EXIT
    assert run.err.splitlines() == [
        "Banjar Enroll cannot open its window: these system libraries, which Qt needs for the "
        "X11 display, are not installed:",
        "  libxcb-xkb.so.1 (libxcb-xkb1)",
        "Install their packages with this command, then start Banjar Enroll again:",
        "  sudo apt-get install libxcb-xkb1"]


@linux_only
def test_what_a_present_library_itself_lacks_is_what_is_reported() -> None:
    # The loader refuses libxcb-image because libxcb-util, which it needs, is missing.
    refusal = {"libxcb-image.so.0": "libxcb-util.so.1", "libxcb-util.so.1": "libxcb-util.so.1"}
    missing = missing_libraries(display_roots(QT, {}), refusal=refusal.get)
    assert missing == [MissingLibrary("libxcb-util.so.1", "libqxcb.so")]


def test_a_library_with_no_known_package_says_how_to_find_it() -> None:
    text = missing_libraries_message([MissingLibrary("libfoo.so.3", "libqxcb.so")], "id")
    assert "apt-get" not in text
    assert text.splitlines()[-1] == (
        "Paket yang memuat libfoo.so.3 dapat dicari dengan: apt-file search libfoo.so.3")


@linux_only
def test_everything_present_means_no_message(cli, x11, monkeypatch) -> None:
    import desktop_app.ui.application

    monkeypatch.setattr(system_libraries, "system_loader_refusal", refusing())
    monkeypatch.setattr(desktop_app.ui.application, "run_application", lambda **_: 0)
    run = cli()
    assert (run.code, run.err) == (0, "")


@pytest.mark.parametrize(("environ", "used"), [
    ({"DISPLAY": ":0"}, True),
    ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, True),
    ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, False),
    ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "wayland;xcb"}, False),
    ({}, False),  # no display: Qt says so itself
])
def test_the_check_runs_only_when_qt_will_use_x11(environ, used, tmp_path) -> None:
    assert xcb_will_be_used(environ, tmp_path) is (used and sys.platform.startswith("linux"))


@linux_only
def test_a_wayland_session_with_the_wayland_plugin_does_not_need_x11(tmp_path) -> None:
    session = {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}
    assert xcb_will_be_used(session, tmp_path)  # no Wayland plugin (as in the built folder)
    (tmp_path / "plugins" / "platforms").mkdir(parents=True)
    (tmp_path / "plugins" / "platforms" / "libqwayland.so").touch()
    assert not xcb_will_be_used(session, tmp_path)


@linux_only
@pytest.mark.skipif(shutil.which("readelf") is None, reason="readelf (binutils) not installed")
def test_the_plugin_is_read_as_readelf_reads_it() -> None:
    shown = subprocess.run(["readelf", "-d", str(PLUGIN)], capture_output=True, text=True,
                           check=True).stdout
    needed = [line.split("[", 1)[1].rstrip("]") for line in shown.splitlines()
              if "(NEEDED)" in line]
    links = elf_links(PLUGIN)
    assert list(links.needed) == needed
    assert "libxcb-icccm.so.4" in links.needed
    assert links.search_path == ("$ORIGIN/../../lib",)


@linux_only
@pytest.mark.skipif(shutil.which("ldd") is None, reason="ldd not installed")
def test_on_this_machine_the_check_agrees_with_ldd() -> None:
    roots = display_roots(QT, {})
    not_found = set()
    for root in roots:
        shown = subprocess.run(["ldd", str(root)], capture_output=True, text=True,
                               check=True).stdout
        not_found |= {line.split()[0] for line in shown.splitlines() if "not found" in line}
    assert {m.file_name for m in missing_libraries(roots)} == not_found


@linux_only
def test_in_the_built_folder_qt_is_found_under_the_bundle_and_carried_libraries_count(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The PyInstaller folder keeps PySide6/Qt/ under sys._MEIPASS and carries X11 extension
    libraries beside it; a carried library is not asked of the system."""
    bundle = tmp_path / "_internal"
    platforms = bundle / "PySide6" / "Qt" / "plugins" / "platforms"
    platforms.mkdir(parents=True)
    shutil.copy(PLUGIN, platforms / "libqxcb.so")
    (bundle / "PySide6" / "Qt" / "lib").symlink_to(QT / "lib")
    # The carried copy only has to be an ELF file that needs nothing missing.
    shutil.copy(QT / "lib" / "libQt6Core.so.6", bundle / "libxcb-icccm.so.4")
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    monkeypatch.setattr(system_libraries, "system_loader_refusal",
                        refusing("libxcb-icccm.so.4", "libxcb-keysyms.so.1"))
    assert qt_folder() == bundle / "PySide6" / "Qt"
    missing = system_libraries.missing_display_libraries(
        {"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"})
    assert missing == [MissingLibrary("libxcb-keysyms.so.1", "libqxcb.so")]


@linux_only
def test_the_readme_names_every_package_the_window_needs() -> None:
    asked: list[str] = []

    def record(name: str) -> None:
        asked.append(name)

    missing_libraries(display_roots(QT, {}), refusal=record)
    needed = {PACKAGES[name] for name in asked if name in PACKAGES}
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    [line] = [line for line in readme.splitlines()
              if line.startswith("sudo apt-get install python3-venv")]
    listed = set(line.split()[3:])
    # apt itself depends on these, so every Debian and Ubuntu system has them
    always_there = {"libstdc++6", "libgcc-s1", "zlib1g"}
    assert needed - always_there <= listed
    assert {"libxcb-icccm4", "libxcb-keysyms1"} <= needed


@linux_only
def test_a_plugin_the_check_cannot_read_leaves_the_decision_to_qt(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    platforms = tmp_path / "PySide6" / "Qt" / "plugins" / "platforms"
    platforms.mkdir(parents=True)
    (platforms / "libqxcb.so").write_bytes(b"\x7fELF" + b"\0" * 12)  # cut short
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert system_libraries.missing_display_libraries(
        {"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}) == []
