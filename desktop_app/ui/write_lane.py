"""The one lane every database write of the windows goes through (as Anki's ``CollectionOp``).

Reads go on the shared pool (``BackgroundTasks``) as before; writes (a form saved, a visit
started, resumed or ended, the office's address, receipts recorded) are ops run one at a time
on a single thread, their results and errors delivered back on the UI thread. An op is a plain
function of no arguments that touches no widget. The windows' callers need the answer before
they go on (Ctrl+S then print; a visit started, then the form moves to its place), so
``run_and_wait`` returns it: a write done at once (almost all) is simply taken, one that waits
for the lock is waited for in a local event loop, where the window paints and its timers run
but it takes no input.

SQLite lets one writer in at a time: while a sync batch holds the write lock, a write waits up
to the busy timeout (5 s) and then fails with "database is locked". The lane's thread does the
waiting, so the window keeps painting and its timers keep running; a write that still found the
database busy is told in one message that names what was not saved and asks to try again,
never a traceback, and its ``on_done`` is not called, so what is on screen stays as it was.
"""

import sqlite3
import weakref
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TypeVar

from PySide6.QtCore import QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy.exc import OperationalError

from desktop_app.domain.messages import Text

T = TypeVar("T")
BUSY_MESSAGE = "busyMessage"  # the object name of the "try again" message box
AT_ONCE_S = 0.25  # a write done within this is taken at once, with no event loop
POLL_MS = 20  # how often a longer wait looks whether the write is done


def is_busy(failure: BaseException) -> bool:
    """Whether a write failed only because another writer held SQLite's lock past the busy
    timeout (SQLite says "database is locked"; "database is busy" for a schema lock)."""
    cause = failure.orig if isinstance(failure, OperationalError) else failure
    return isinstance(cause, sqlite3.OperationalError) and (
        "database is locked" in str(cause) or "database is busy" in str(cause))


def busy_text(what: Text) -> Text:
    """The "try again" message for a write the busy database refused; ``what`` names what was
    not saved, as the subject of the sentence."""
    return Text(
        f"{what.id} belum disimpan: data laptop sedang dipakai pekerjaan lain (misalnya "
        "sinkronisasi). Tidak ada yang berubah; coba lagi sebentar lagi.",
        f"{what.en} was not saved: the laptop's data is busy with other work (a sync, for "
        "example). Nothing was changed; try again in a moment.")


class NotWritten(Exception):
    """The database was busy: the op wrote nothing, and the officer was told."""


class WriteLane(QObject):
    """Runs the windows' writes one after another on a thread of their own."""

    def __init__(self, window: QWidget, *, language: str) -> None:
        super().__init__(window)
        self.window, self.language = window, language
        # one worker: one writer at a time, in the order the officer asked
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="write-lane")
        weakref.finalize(self, self._writer.shutdown, wait=False)  # its thread goes with it

    def close(self) -> None:
        """Waits for the writes queued and ends the lane's thread (the window closes)."""
        self._writer.shutdown(wait=True)

    def run_and_wait(self, op: Callable[[], T], *, what: Text) -> T:
        """Runs ``op`` on the lane and returns its result, for callers that need the answer at
        once (Ctrl+S, then print). A write that is not done at once (the database is held by
        another writer) is waited for in a local event loop: the window paints and its timers
        run, but it takes no input, so nothing is typed into a form being saved. Raises
        NotWritten when the database was busy (the officer was told), or the op's own
        failure."""
        job = self._writer.submit(op)
        try:
            job.result(timeout=AT_ONCE_S)  # most writes: a few milliseconds, nothing to show
        except FutureTimeout:
            loop = QEventLoop()
            poll = QTimer(interval=POLL_MS)
            poll.timeout.connect(lambda: job.done() and loop.quit())
            poll.start()
            loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
            poll.stop()
        except Exception:  # the job's own failure: taken below
            pass
        failure = job.exception()
        if failure is None:
            return job.result()
        if is_busy(failure):
            self.tell_busy(what)
            raise NotWritten from failure
        raise failure

    def tell_busy(self, what: Text) -> None:
        """Opened, not run in a loop of its own: the window goes on while it is up."""
        box = QMessageBox(QMessageBox.Icon.Warning, "Banjar Enroll",
                          busy_text(what).in_language(self.language),
                          QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName(BUSY_MESSAGE)
        box.finished.connect(box.deleteLater)
        box.open()
