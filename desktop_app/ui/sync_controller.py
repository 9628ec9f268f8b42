"""The Sync command of the main window: runs a sync on a worker, shows its progress in the
status bar, its summary's headline there too, and a dialog only when the officer has
something to read (refusals, conflicts, records the office changed or decided); it tries
again later when the office cannot be reached (after 1, 2, 4... minutes, at most every 30).
A failure is told in the officer's language, the office's own words only as a detail line.
The run can be cancelled from beside its progress bar (``WorkState``): it stops between two
batches or pages, or in a retry pause, and a cancelled run loses nothing."""


from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox, QProgressBar, QPushButton
from sqlalchemy import Engine

from desktop_app.store.registration import sync_status
from desktop_app.sync.summary import SyncSummary
from desktop_app.ui.background import BackgroundTasks
from desktop_app.ui.sync_result_dialog import SyncResultDialog
from desktop_app.work_state import Cancelled, SyncProgress, SyncStage, WorkState

FIRST_RETRY_MS = 60_000
LONGEST_RETRY_MS = 30 * 60_000


class SyncController(QObject):
    finished = Signal()  # records may have changed: lists and counts refresh

    def __init__(self, *, engine: Engine, tasks: BackgroundTasks, window: QMainWindow,
                 language: str) -> None:
        super().__init__(window)
        self.engine, self.tasks, self.window, self.language = engine, tasks, window, language
        self.action = QAction(self.tr("S&ync with the office"), window,
                              shortcut=QKeySequence(Qt.Key.Key_F9))
        self.action.triggered.connect(self.run)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(260)
        self.progress.setVisible(False)
        window.statusBar().addWidget(self.progress)
        self.cancel_button = QPushButton(self.tr("Cancel sync"))
        self.cancel_button.setObjectName("cancelSync")
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel)
        window.statusBar().addWidget(self.cancel_button)
        self._state: WorkState | None = None  # the running sync's, for its cancel
        self._retry = QTimer(self, singleShot=True)
        self._retry.timeout.connect(lambda: self.run(quiet=True))
        self._retry_ms = FIRST_RETRY_MS
        self.running = False
        self.last_summary: SyncSummary | None = None

    def run(self, quiet: bool = False) -> None:
        """Push then pull on a worker; ``quiet`` (an automatic retry) shows no failure
        dialog (a result that needs the officer is shown either way)."""
        if self.running:
            return
        self.running = True
        self.action.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.setFormat(self.tr("Connecting to the office…"))
        self.progress.setVisible(True)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setVisible(True)
        engine, state = self.engine, WorkState()
        self._state = state

        def work(state: WorkState) -> SyncSummary:
            from desktop_app.sync.run import sync_now  # httpx loads with the first sync

            state.report(SyncProgress(SyncStage.START, sync_status(engine).pending))
            return sync_now(engine, state=state)

        self.tasks.start(work, state=state, on_done=self._done,
                         on_error=lambda failure: self._failed(failure, quiet),
                         on_progress=self._show_progress)

    def cancel(self) -> None:
        """Stops the running sync at its next safe point (or at once, in a retry pause)."""
        if self._state is not None:
            self._state.cancel()
            self.cancel_button.setEnabled(False)
            self.progress.setFormat(self.tr("Cancelling…"))

    def _show_progress(self, step: SyncProgress) -> None:
        if step.stage is SyncStage.START:
            self.progress.setRange(0, max(step.done, 1))
            self.progress.setValue(0)
            self.progress.setFormat(self.tr("Sending %v of %m"))
        elif step.stage is SyncStage.PUSH:
            self.progress.setValue(step.done)
        else:
            self.progress.setRange(0, 0)
            self.progress.setFormat(self.tr(
                "From the office: {count} new or changed").format(count=step.done))

    def _end(self) -> None:
        self.running = False
        self._state = None
        self.action.setEnabled(True)
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self.finished.emit()

    def _done(self, summary: SyncSummary) -> None:
        self.last_summary = summary  # before the refresh that ``finished`` starts
        self._end()
        self._retry_ms = FIRST_RETRY_MS
        self.window.statusBar().showMessage(summary.headline.in_language(self.language),
                                            15_000)
        if summary.needs_officer:
            self.show_result(summary)

    def show_result(self, summary: SyncSummary) -> None:
        SyncResultDialog(summary, self.language, self.window).exec()

    def _failed(self, failure: Exception, quiet: bool) -> None:
        from desktop_app.sync.client import OfficeUnreachable
        from desktop_app.sync.run import CANCELLED, failure_text

        self._end()
        if isinstance(failure, Cancelled):  # asked for: no retry, no dialog
            self.window.statusBar().showMessage(CANCELLED.in_language(self.language), 15_000)
            return
        message, detail = failure_text(failure)
        text = message.in_language(self.language)
        if isinstance(failure, OfficeUnreachable):  # only "try later" is tried again by itself
            minutes = self._retry_ms // 60_000
            self._retry.start(self._retry_ms)
            self._retry_ms = min(self._retry_ms * 2, LONGEST_RETRY_MS)
            text += " " + self.tr("The sync is tried again in {minutes} minute(s).").format(
                minutes=minutes)
        self.window.statusBar().showMessage(text, 15_000)
        if not quiet:
            self.tell(text, detail)

    def register(self, server_url: str, code: str) -> None:
        """Exchanges the office's one-time code for this laptop's token, on a worker."""
        engine = self.engine

        def work() -> dict:
            from desktop_app.sync.run import setup_device

            return setup_device(engine, server_url=server_url, code=code)

        def done(answer: dict) -> None:
            self.window.statusBar().showMessage(self.tr(
                "This laptop is registered with the office for {officer}.").format(
                    officer=answer["officer"]), 15_000)
            self.finished.emit()

        def failed(failure: Exception) -> None:
            from desktop_app.sync.run import failure_text

            message, detail = failure_text(failure)
            self.tell(message.in_language(self.language), detail)

        self.tasks.start(work, on_done=done, on_error=failed)

    def tell(self, text: str, detail: str = "") -> None:
        """A warning in the officer's language; the office's own (English) words, if any,
        only as a technical detail line under it."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Sync"), text,
                          QMessageBox.StandardButton.Ok, self.window)
        if detail:
            box.setInformativeText(self.tr("Technical detail: {detail}").format(detail=detail))
        box.exec()
