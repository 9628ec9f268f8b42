"""Long work's progress and cancel, shared by the function doing it and the window showing it
(as Orange3's ``run(..., state)``).

The work is a plain function that takes a ``WorkState``: it reports typed progress values
through it and looks, at the points where stopping loses nothing, whether the officer
cancelled (``check``); its pauses (the sync client's retry backoff) wait on the same event, so
a cancel ends them at once. The function needs no thread to be tested: a test cancels the
state and calls it.
"""

import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum


class Cancelled(Exception):
    """The officer cancelled the work; what it had finished stays done."""


class SyncStage(Enum):
    START = "start"  # before the first batch: ``done`` is how many records wait to be sent
    PUSH = "push"  # records sent so far
    PULL = "pull"  # records new or changed at the office so far


@dataclass(frozen=True)
class SyncProgress:
    stage: SyncStage
    done: int


class WorkState:
    """Progress out, cancel in; safe to use from the worker and the UI thread at once."""

    def __init__(self, report: Callable[[object], None] | None = None) -> None:
        self._cancelled = threading.Event()
        self._report = report

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def check(self) -> None:
        """Raises Cancelled once the work was cancelled: called where stopping loses nothing."""
        if self._cancelled.is_set():
            raise Cancelled

    def pause(self, seconds: float) -> None:
        """Waits ``seconds``, or less when cancelled meanwhile (then raises Cancelled)."""
        if self._cancelled.wait(seconds):
            raise Cancelled

    def report_to(self, report: Callable[[object], None]) -> None:
        """Where progress goes: set by the thread running the work, once it runs."""
        self._report = report

    def report(self, progress: object) -> None:
        if self._report is not None:
            self._report(progress)
