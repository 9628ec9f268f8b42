"""Qt tests run offscreen on a real local database; no test may leave a window open."""

import os
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TODAY = date(2026, 5, 20)  # inside the PP 50/2025 window for every sector


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
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def engine(data_dir: Path):
    from desktop_app.store.database import open_database

    engine = open_database(data_dir)
    yield engine
    engine.dispose()


@pytest.fixture
def officer(engine):
    from desktop_app.store.device import sign_in

    return sign_in(engine, name="Ni Ketut Sari", officer_code="DSN-002", pin="2468")


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
