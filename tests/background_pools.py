"""Which background pools a test left busy (STYLE.md habit 8: no dangling threads).

The windows run work on their own ``QThreadPool`` (ui/background.py) and their writes on a
one-thread executor (ui/write_lane.py). A test that ends while a job still runs lets that job
touch a database, a window or a temporary folder the next test no longer owns, and fails
somewhere else later. ``PoolWatch`` records every pool and executor the application makes
while a test runs (by handing those modules a recording subclass) and, when the test ends, says
which are still busy after a short wait; the global Qt pool is checked too.
"""

import concurrent.futures
from concurrent.futures import Future, ThreadPoolExecutor

import pytest
import shiboken6
from PySide6.QtCore import QThreadPool

WAIT_S = 1.0  # how long a job may take to finish once its test is done


class PoolWatch:
    """The pools and executors made while one test runs."""

    def __init__(self) -> None:
        self.qt_pools: list[QThreadPool] = []
        self.futures: list[Future] = []

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The application's pool and executor classes, for this test, record what they make."""
        from desktop_app.ui import background, write_lane

        watch = self

        class RecordedPool(QThreadPool):
            def __init__(self, *args, **kwargs) -> None:
                super().__init__(*args, **kwargs)
                watch.qt_pools.append(self)

        class RecordedExecutor(ThreadPoolExecutor):
            def submit(self, fn, /, *args, **kwargs) -> Future:
                future = super().submit(fn, *args, **kwargs)
                watch.futures.append(future)
                return future

        monkeypatch.setattr(background, "QThreadPool", RecordedPool)
        monkeypatch.setattr(write_lane, "ThreadPoolExecutor", RecordedExecutor)

    def busy(self, wait_s: float = WAIT_S) -> list[str]:
        """What is still running after waiting up to ``wait_s`` for it: one line a pool."""
        left = []
        pools = [("the global Qt thread pool", QThreadPool.globalInstance())]
        pools += [(f"a BackgroundTasks pool ({pool.objectName() or 'unnamed'})", pool)
                  for pool in self.qt_pools if shiboken6.isValid(pool)]  # deleted: waited for
        for name, pool in pools:
            pool.waitForDone(int(wait_s * 1000))
            if pool.activeThreadCount() > 0:
                left.append(f"{name}: {pool.activeThreadCount()} job(s) running")
        _, running = concurrent.futures.wait(self.futures, timeout=wait_s)
        if running:
            left.append(f"the write lane: {len(running)} op(s) not done")
        return left
