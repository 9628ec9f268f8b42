"""The desktop application's side of a damaged database and of the daily backups.

A refusal at start (``store.integrity``) is shown in a message box, since a laptop started from
its desktop icon has no terminal. A damaged page met later by any background job, or by work
done on the UI thread (a save), gets the same message and the application closes: no
enrollment is typed into a file that cannot sync. The
day's backup (``store.backups``) is taken on a worker, at start and whenever the day has
changed (a laptop left running overnight), never on the UI thread: it takes about a second for
200,000 enrollments.
"""

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop_app.store.backups import BackupFailed, backup_due, take_backup
from desktop_app.store.file_check import damage_in
from desktop_app.store.integrity import DAMAGED_DATABASE_EXIT, DatabaseDamaged, damaged_by
from desktop_app.ui.background import BackgroundTasks

BACKUP_LOOK_MS = 30 * 60 * 1000  # how often a running application looks whether a day began


def show_refusal(parent: QWidget | None, refusal: DatabaseDamaged, language: str) -> None:
    """What is wrong and what to do, each a paragraph of its own."""
    what = refusal.what.in_language(language)
    reason = f"{what[:1].upper()}{what[1:]}.\n\n{refusal.todo.in_language(language)}"
    QMessageBox.critical(parent, "Banjar Enroll", QCoreApplication.translate(
        "Application", "Banjar Enroll cannot use its database.\n\n{reason}").format(
            reason=reason))


class DatabaseGuard(QObject):
    """Takes the daily backups of ``database`` on ``tasks`` and stops the application (the
    message, then exit code 65) when a job meets a damaged page."""

    message = Signal(str)  # a backup that could not be made (a full disk): for the status bar

    def __init__(self, *, database: Path, tasks: BackgroundTasks, window: QWidget,
                 language: str, today: Callable[[], date] = date.today) -> None:
        super().__init__(window)
        self._database = database
        self._tasks = tasks
        self._window = window
        self._language = language
        self._today = today
        self._backing_up = False
        self._stopped = False
        tasks.damage_handler = self.stop_for_damage
        self._uncaught = sys.excepthook  # what PySide calls for an exception left in a slot
        sys.excepthook = self._on_uncaught
        self._timer = QTimer(self)
        self._timer.setInterval(BACKUP_LOOK_MS)
        self._timer.timeout.connect(self.back_up_if_due)
        self._timer.start()

    def back_up_if_due(self) -> None:
        """Starts the day's backup on a worker, unless it exists or one is under way."""
        day = self._today()
        if self._backing_up or self._stopped or not backup_due(self._database, day):
            return
        self._backing_up = True
        self._tasks.start(lambda: take_backup(self._database, today=day),
                          on_done=self._backed_up, on_error=self._backup_failed)

    def _backed_up(self, _backup: object) -> None:
        self._backing_up = False

    def _backup_failed(self, failure: Exception) -> None:
        self._backing_up = False
        if isinstance(failure, BackupFailed) and failure.damaged:
            self._stop(damaged_by(self._database, failure.problem))
            return
        self.message.emit(QCoreApplication.translate(
            "Application", "Today's backup of the database could not be made: {reason}").format(
                reason=failure))

    def _on_uncaught(self, kind: type[BaseException], failure: BaseException,
                     trace: TracebackType | None) -> None:
        if isinstance(failure, Exception) and damage_in(failure) is not None:
            self.stop_for_damage(failure)
        else:
            self._uncaught(kind, failure, trace)

    def stop_for_damage(self, failure: Exception) -> None:
        """A job met a damaged page: the start-up refusal's message, then the application
        closes (an exception of the kind ``file_check.damage_in`` recognises)."""
        damage = damage_in(failure)
        self._stop(damaged_by(self._database, str(damage if damage is not None else failure)))

    def _stop(self, refusal: DatabaseDamaged) -> None:
        if self._stopped:  # several jobs may meet the damage: one message
            return
        self._stopped = True
        self._timer.stop()
        show_refusal(self._window, refusal, self._language)
        self._window.close()
        QApplication.exit(DAMAGED_DATABASE_EXIT)
