"""The check every UI test ends with (tests/background_pools.py): work left running on the
windows' pools is found, and nothing is reported once it has finished."""

import threading

from background_pools import PoolWatch

from desktop_app.ui import write_lane
from desktop_app.ui.background import BackgroundTasks


def test_a_job_still_running_on_a_background_pool_is_reported(qtbot, monkeypatch) -> None:
    watch = PoolWatch()
    watch.install(monkeypatch)
    release = threading.Event()
    tasks = BackgroundTasks(max_threads=1)
    done: list[object] = []
    tasks.start(lambda: release.wait(10), on_done=done.append)
    try:
        busy = watch.busy(wait_s=0.05)
        assert len(busy) == 1 and "BackgroundTasks pool" in busy[0] and "1 job(s)" in busy[0]
    finally:
        release.set()
        assert tasks.wait()
        qtbot.waitUntil(lambda: done == [True])  # its result delivered while the tasks live
    assert watch.busy() == []


def test_an_op_still_running_on_the_write_lane_is_reported(monkeypatch) -> None:
    watch = PoolWatch()
    watch.install(monkeypatch)
    release = threading.Event()
    lane = write_lane.ThreadPoolExecutor(max_workers=1)  # the class WriteLane makes its lane of
    lane.submit(release.wait, 10)
    try:
        assert watch.busy(wait_s=0.05) == ["the write lane: 1 op(s) not done"]
    finally:
        release.set()
        lane.shutdown(wait=True)
    assert watch.busy() == []
