"""A file written through ``atomic_files`` is the new content whole, or the old one untouched."""

from datetime import date
from pathlib import Path

import pytest

from desktop_app import atomic_files
from desktop_app.atomic_files import (
    partial_path,
    replaced_whole,
    write_bytes_whole,
    write_text_whole,
)


class WriteCutShort(Exception):
    pass


def test_success_replaces_the_target_and_leaves_no_other_file(tmp_path: Path) -> None:
    target = tmp_path / "reply.json"
    target.write_text("old", encoding="utf-8")
    with replaced_whole(target) as partial:
        assert partial.parent == tmp_path and partial.name == ".reply.json.partial"
        partial.write_text("new", encoding="utf-8")
        assert target.read_text(encoding="utf-8") == "old"  # nothing replaced before the end
    assert target.read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reply.json"]


def test_a_new_target_is_created(tmp_path: Path) -> None:
    write_bytes_whole(tmp_path / "batch.json", b"{}")
    write_text_whole(tmp_path / "VERSION", "abc")
    assert (tmp_path / "batch.json").read_bytes() == b"{}"
    assert (tmp_path / "VERSION").read_text(encoding="utf-8") == "abc"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["VERSION", "batch.json"]


def test_a_failure_mid_write_keeps_the_old_file_and_removes_the_partial(
        tmp_path: Path) -> None:
    target = tmp_path / "form-draft.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(WriteCutShort), replaced_whole(target) as partial:
        with partial.open("w", encoding="utf-8") as file:
            file.write("half of the ne")
        raise WriteCutShort
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["form-draft.json"]


def test_a_failing_flush_keeps_the_old_file(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "recap.xlsx"
    target.write_bytes(b"old")

    def disk_full(_path: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic_files, "flush_file", disk_full)
    with pytest.raises(OSError, match="No space"):
        write_bytes_whole(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["recap.xlsx"]


def test_a_block_that_writes_nothing_is_a_failure(tmp_path: Path) -> None:
    target = tmp_path / "receipt.pdf"
    target.write_bytes(b"old")
    with pytest.raises(FileNotFoundError), replaced_whole(target):
        pass
    assert target.read_bytes() == b"old"


def test_a_partial_left_by_a_write_cut_short_is_not_taken_for_the_new_content(
        tmp_path: Path) -> None:
    target = tmp_path / "banjar.csv"
    partial_path(target).write_text("left by a power cut", encoding="utf-8")
    with replaced_whole(target) as partial:
        assert not partial.exists()
        with partial.open("a", encoding="utf-8") as file:
            file.write("desa_code,name\n")
    assert target.read_text(encoding="utf-8") == "desa_code,name\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["banjar.csv"]


def test_the_file_and_the_folder_are_flushed(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    flushed: list[tuple[str, bool]] = []
    real_file, real_folder = atomic_files.flush_file, atomic_files.flush_folder

    def file(path: Path) -> None:
        flushed.append((path.name, (tmp_path / "marker").exists()))
        real_file(path)

    def folder(path: Path) -> None:
        flushed.append((path.name, (tmp_path / "marker").exists()))
        real_folder(path)

    monkeypatch.setattr(atomic_files, "flush_file", file)
    monkeypatch.setattr(atomic_files, "flush_folder", folder)
    write_text_whole(tmp_path / "marker", "x")
    # the content before the rename, the folder after it
    assert flushed == [(".marker.partial", False), (tmp_path.name, True)]


def _disk_full(_path: Path) -> None:
    raise OSError(28, "No space left on device")


def _draft(folder: Path) -> None:
    from desktop_app.store.form_drafts import FormDraftFile

    FormDraftFile(folder).save({"state": {"full_name": "Ni Made Ayu"}})


def _marker(folder: Path) -> None:
    from desktop_app.store.integrity import mark_database

    mark_database(folder / "banjar-enroll.sqlite3", today=date(2026, 12, 1))


def _reference_bundle(folder: Path) -> None:
    from desktop_app.assets import resource_file
    from desktop_app.domain.reference_data import REFERENCE_FILES, install_bundle

    install_bundle(folder, {name: resource_file(name).read_text(encoding="utf-8")
                            for name in REFERENCE_FILES}, "v2")


def _workbook(folder: Path) -> None:
    from openpyxl import Workbook

    from desktop_app.spreadsheets.workbook_files import save_whole

    save_whole(Workbook(), folder / "rekap.xlsx")


@pytest.mark.parametrize(("write", "names"), [
    (_draft, ["form-draft.json"]),
    (_marker, []),  # written once, where there is none
    (_reference_bundle, ["banjar.csv", "contribution_rates.toml", "VERSION"]),
    (_workbook, ["rekap.xlsx"]),
], ids=["form draft", "database marker", "reference bundle", "workbook"])
def test_each_writer_goes_through_the_helper(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             write, names: list[str]) -> None:
    """A write that cannot reach the disk leaves every old file as it was (``names``), and
    nothing else."""
    for name in names:
        (tmp_path / name).write_text(f"old {name}", encoding="utf-8")
    monkeypatch.setattr(atomic_files, "flush_file", _disk_full)
    with pytest.raises(OSError, match="No space"):
        write(tmp_path)
    assert {p.name: p.read_text(encoding="utf-8") for p in tmp_path.iterdir()} == {
        name: f"old {name}" for name in names}
