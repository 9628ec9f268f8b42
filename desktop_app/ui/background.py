"""Running slow work off the UI thread (Orange3's ``run(state)`` and Anki's ``QueryOp`` in one).

Work is a plain function: it gets no widget and returns a value. ``BackgroundTasks.start``
runs it on a ``QThreadPool`` and calls back on the UI thread with the result or the error;
work that reports progress gets a ``report`` function whose values reach ``on_progress`` on
the UI thread, or, given a ``WorkState`` (progress and cancel, ``desktop_app/work_state.py``),
is called with that state, whose reports reach ``on_progress`` the same way. The pool is
waited for on shutdown, so no thread outlives the window.
"""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from desktop_app.store.file_check import damage_in
from desktop_app.work_state import WorkState


class _Relay(QObject):
    """Lives on the UI thread; a worker's signals arrive there as queued calls."""

    finished = Signal(object)
    failed = Signal(object)
    progressed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[..., Any], relay: _Relay, reports: bool,
                 state: WorkState | None) -> None:
        super().__init__()
        self._work = work
        self._relay = relay
        self._reports = reports
        self._state = state

    @Slot()
    def run(self) -> None:
        try:
            if self._state is not None:
                self._state.report_to(self._relay.progressed.emit)
                result = self._work(self._state)
            else:
                result = (self._work(self._relay.progressed.emit) if self._reports
                          else self._work())
        except Exception as failure:  # handed to the UI thread, which decides what to show
            self._relay.failed.emit(failure)
        else:
            self._relay.finished.emit(result)


class BackgroundTasks(QObject):
    """Starts jobs on a private thread pool and delivers their outcome on the UI thread."""

    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._relays: set[_Relay] = set()
        # called instead of a job's own on_error when the job met a damaged database page, so
        # every job's failure tells the officer the same thing (ui/database_guard.py)
        self.damage_handler: Callable[[Exception], None] | None = None

    def start(self, work: Callable[..., Any], *, on_done: Callable[[Any], None],
              on_error: Callable[[Exception], None] | None = None,
              on_progress: Callable[[Any], None] | None = None,
              state: WorkState | None = None) -> None:
        """Runs ``work(state)`` with a ``state``, else ``work(report)`` when ``on_progress`` is
        given, else ``work()``, on the pool."""
        relay = _Relay(self)
        self._relays.add(relay)

        def finish(result: object) -> None:
            self._relays.discard(relay)
            relay.deleteLater()
            on_done(result)

        def fail(failure: object) -> None:
            self._relays.discard(relay)
            relay.deleteLater()
            if self.damage_handler is not None and damage_in(failure) is not None:
                self.damage_handler(failure)  # type: ignore[arg-type]
            elif on_error is not None:
                on_error(failure)  # type: ignore[arg-type]

        relay.finished.connect(finish)
        relay.failed.connect(fail)
        if on_progress is not None:
            relay.progressed.connect(on_progress)
        self._pool.start(_Job(work, relay, reports=on_progress is not None, state=state))

    def wait(self, msecs: int = 5000) -> bool:
        """Blocks until running jobs end (shutdown, tests)."""
        return self._pool.waitForDone(msecs)
