"""Writing a file whole or not at all: the one way every writer of a whole file does it.

A power cut, a full disk or a failing writer must leave either the old file or the new one
under the real name, never half of one. So the new content is written under a hidden partial
name beside the target (the same folder: a rename within one folder is atomic), flushed to the
disk, and only then renamed over the target with ``os.replace``; the folder is flushed too, so
the rename itself survives a power cut (POSIX; Windows cannot open a folder to flush it). On
any failure the partial file is removed and the old target is left as it was.

Stdlib only and outside every layer, so the domain, the store, the sync, the receipts, the
spreadsheets, the command line and the office all use it.
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

PARTIAL_SUFFIX = ".partial"


def partial_path(target: Path) -> Path:
    """Where the new content of ``target`` is written before it takes the real name: a hidden
    file beside it (``.NAME.partial``), which listings and globs of the real names skip."""
    return target.with_name(f".{target.name}{PARTIAL_SUFFIX}")


@contextmanager
def replaced_whole(target: Path) -> Iterator[Path]:
    """Yields the partial path to write ``target``'s new content to (by any means: ``open``,
    openpyxl, Qt's PDF writer, SQLite); when the block ends, the written file is flushed and
    replaces ``target``. If the block raises, or the file cannot be flushed or renamed, the
    partial file is removed, ``target`` is untouched and the exception goes on. The file must
    be closed when the block ends."""
    partial = partial_path(target)
    partial.unlink(missing_ok=True)  # left by a write cut short (a power cut, a kill)
    try:
        yield partial
        flush_file(partial)
        os.replace(partial, target)
    except BaseException:
        # the first failure is the one to report: a partial file the system will not let go
        # (Windows, while a library still holds it open) is hidden and removed by the next write
        with suppress(OSError):
            partial.unlink(missing_ok=True)
        raise
    flush_folder(target.parent)


def write_bytes_whole(target: Path, data: bytes) -> None:
    """``target`` holds ``data``, or (on a failure) what it held before."""
    with replaced_whole(target) as partial:
        partial.write_bytes(data)


def write_text_whole(target: Path, text: str) -> None:
    """``target`` holds ``text`` in UTF-8, or (on a failure) what it held before."""
    with replaced_whole(target) as partial:
        partial.write_text(text, encoding="utf-8")


def flush_file(path: Path) -> None:
    """Makes the content written to ``path`` durable (read-write: Windows refuses to flush a
    file opened read-only)."""
    descriptor = os.open(path, os.O_RDWR)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def flush_folder(folder: Path) -> None:
    """Makes a rename in ``folder`` durable (POSIX; Windows cannot open a folder to flush)."""
    if os.name == "nt":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
