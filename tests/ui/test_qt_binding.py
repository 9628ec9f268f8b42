"""The Qt binding itself: PySide6 6.12.0 dropped a reference to None at every emission to a
Python slot and at every read of an unset property. On Python 3.11, where None is not immortal,
the application then crashed after some thousands of keystrokes ("deallocating None").
These tests keep an upgrade from bringing that back."""

import sys

import pytest
from PySide6.QtWidgets import QComboBox, QLineEdit

pytestmark = pytest.mark.skipif(sys.version_info >= (3, 12),
                                reason="None is immortal from Python 3.12 on")


def test_slots_returning_none_keep_nones_references(qtbot) -> None:
    combo = QComboBox()
    qtbot.addWidget(combo)
    combo.addItems(["a", "b"])
    combo.currentIndexChanged.connect(lambda *_: None)
    before = sys.getrefcount(None)
    for n in range(500):
        combo.setCurrentIndex(n % 2)
    assert sys.getrefcount(None) - before > -50


def test_reading_an_unset_property_keeps_nones_references(qtbot) -> None:
    line = QLineEdit()
    qtbot.addWidget(line)
    before = sys.getrefcount(None)
    for _ in range(500):
        line.property("severity")
    assert sys.getrefcount(None) - before > -50
