"""Opening the workbooks people send, and reading their sheets row by row without running out
of memory.

Sheets are streamed (openpyxl's read-only mode), so a sheet of a million rows is read in
constant memory. Formulas give the values Excel last computed. Merged cells (a banjar name
merged down the rows of its members, say) give their value to every cell they cover. The sheet
XML's ``mergeCells`` list is read for that, since read-only mode does not keep it.

A file that is not a workbook gets a clear message and is left alone: an old ``.xls``, a
password-protected file, a damaged file, or something else with the wrong name.
"""

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import range_boundaries
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook

from desktop_app.atomic_files import replaced_whole
from desktop_app.domain.messages import BilingualError, Text

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of .xls and of encrypted .xlsx
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+\d+:[A-Z]+\d+)"')


class WorkbookRefused(BilingualError):
    """The file cannot be read as a workbook; ``text`` says why and what to do."""


def open_workbook(path: Path) -> Workbook:
    """The workbook at ``path`` opened for streaming, or WorkbookRefused saying what is wrong."""
    try:
        with path.open("rb") as file:
            head = file.read(8)
            if head == _OLE2:
                rest = file.read(1 << 20)
    except OSError as failure:
        raise WorkbookRefused(Text(f"{path}: tidak dapat dibaca ({failure.strerror})",
                                   f"{path}: cannot be read ({failure.strerror})")) from None
    if head == _OLE2:
        if _ENCRYPTED in rest:
            raise WorkbookRefused(Text(
                f"{path} dilindungi kata sandi. Buka di Excel, hapus kata sandinya (File > Info "
                "> Protect Workbook), simpan, lalu impor lagi.",
                f"{path} is protected by a password. Open it in Excel, remove the password "
                "(File > Info > Protect Workbook), save it and import again."))
        raise WorkbookRefused(Text(
            f"{path} berformat Excel lama (.xls). Buka di Excel atau LibreOffice dan simpan "
            "sebagai Excel Workbook (.xlsx), lalu impor berkas .xlsx itu.",
            f"{path} is an old Excel file (.xls). Open it in Excel or LibreOffice, save it as "
            "an Excel Workbook (.xlsx), and import that file."))
    if not zipfile.is_zipfile(path):
        raise WorkbookRefused(Text(
            f"{path} bukan berkas Excel (.xlsx). Simpan daftar sebagai Excel Workbook (.xlsx).",
            f"{path} is not an Excel workbook (.xlsx). Save the list as an Excel Workbook "
            "(.xlsx)."))
    damaged = WorkbookRefused(Text(
        f"{path} rusak atau tidak lengkap dan tidak dapat dibaca. Minta pengirim menyimpan "
        "dan mengirim ulang.",
        f"{path} is damaged or incomplete and cannot be read. Ask the sender to save it and "
        "send it again."))
    try:
        # every part is read once and its checksum compared before anything is imported, so
        # a file damaged halfway is refused whole instead of imported halfway
        with zipfile.ZipFile(path) as archive:
            if archive.testzip() is not None:
                raise damaged
            parts = set(archive.namelist())
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, InvalidFileException, OSError, ValueError,
            EOFError):
        raise damaged from None
    if not workbook.worksheets or any(
            sheet._worksheet_path not in parts for sheet in workbook.worksheets):
        workbook.close()
        raise damaged
    return workbook


def save_whole(workbook: Workbook, path: Path) -> None:
    """Writes ``workbook`` to ``path`` whole (``atomic_files``), so a failure never leaves a
    half-written workbook under the real name."""
    with replaced_whole(path) as partial:
        workbook.save(partial)


@dataclass(frozen=True)
class _Merge:
    min_col: int
    min_row: int
    max_col: int
    max_row: int


def _merges(workbook_path: Path, sheet_path: str) -> list[_Merge]:
    """The merged ranges of one sheet, read from the end of its XML (streamed)."""
    found: list[_Merge] = []
    tail = b""
    with zipfile.ZipFile(workbook_path) as archive, archive.open(sheet_path) as xml:
        while chunk := xml.read(1 << 20):
            text = tail + chunk
            found += [_Merge(*range_boundaries(m.decode()))  # type: ignore[arg-type]
                      for m in _MERGE.findall(text)]
            tail = text[-200:] if not text.endswith(b">") else b""
    return list({m: None for m in found})


def sheet_rows(workbook: Workbook, path: Path, title: str) -> Iterator[tuple[int, list]]:
    """(row number, cell values) of one sheet, merged cells filled in, empty rows left out."""
    sheet = workbook[title]
    waiting = sorted(_merges(path, sheet._worksheet_path),  # read-only sheets keep their path
                     key=lambda merge: merge.min_row, reverse=True)
    active: list[tuple[_Merge, object]] = []  # merges covering the current row, with values
    first = sheet.min_row or 1
    for offset, row in enumerate(sheet.iter_rows(values_only=True)):
        number = first + offset
        values = list(row)
        filled = any(v is not None and str(v).strip() != "" for v in values)
        while waiting and waiting[-1].min_row <= number:
            merge = waiting.pop()
            top_left = values[merge.min_col - 1] if merge.min_row == number and \
                merge.min_col <= len(values) else None
            active.append((merge, top_left))
        active = [(merge, value) for merge, value in active if merge.max_row >= number]
        for merge, value in active:
            for column in range(merge.min_col, min(merge.max_col, len(values)) + 1):
                if values[column - 1] is None:
                    values[column - 1] = value
        if filled:  # a row empty but for a merged cell's value is still an empty row
            yield number, values
