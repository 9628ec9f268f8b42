"""Qt tests run offscreen, and a test may not leave a window open behind it."""

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def no_window_left_open(qapp):
    yield
    from PySide6.QtWidgets import QApplication

    qapp.processEvents()
    left = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    for widget in left:
        widget.close()
    assert not left, f"test left windows open: {left}"
