"""Qt tests run offscreen on a real local database (the root conftest's test laptop); no test
may leave a window open."""

import os

import pytest
from background_pools import PoolWatch
from builders import ENROLLMENT_DAY

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TODAY = ENROLLMENT_DAY


@pytest.fixture(autouse=True)
def no_pool_left_busy(request, monkeypatch, qapp):
    """Fails a test that leaves background work running (tests/background_pools.py)."""
    watch = PoolWatch()
    watch.install(monkeypatch)
    yield
    busy = watch.busy()
    assert not busy, f"{request.node.nodeid} left background work running: {'; '.join(busy)}"


@pytest.fixture(autouse=True)
def no_window_left_open(qapp):
    yield
    from PySide6.QtWidgets import QApplication

    qapp.processEvents()
    left = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    for widget in left:
        widget.close()
    assert not left, f"test left windows open: {left}"


@pytest.fixture
def make_window(qtbot, engine, officer, data_dir):
    """Opens the main window as the application would (settings in the data folder)."""
    from desktop_app.ui.application import app_settings
    from desktop_app.ui.main_window import MainWindow

    def make(**options):
        window = MainWindow(engine=engine, data_dir=data_dir, settings=app_settings(data_dir),
                            officer=officer, today=lambda: TODAY, **options)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    yield make


@pytest.fixture
def window(make_window):
    window = make_window()
    yield window
    window.tasks.wait()
