"""The kiosk runs around the clock, so the Qt binding must not lose references to None,
True or False on each call (PySide6 6.12.0 did: a Python 3.11 process aborted with
"none_dealloc" after a few thousand calls, within hours on a kiosk)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel

CALLS = 3000


def test_qt_calls_keep_references_to_none_true_and_false(qtbot, kiosk):
    clock_label = kiosk.window.findChild(QLabel, "clock")
    before = {value: sys.getrefcount(value) for value in (None, True, False)}
    for index in range(CALLS):
        clock_label.setText(f"12:{index % 60:02d}")  # returns None
        clock_label.isVisible()  # returns a bool
        clock_label.isHidden()
    for value, was in before.items():
        lost = was - sys.getrefcount(value)
        assert lost < CALLS // 10, f"lost {lost} references to {value!r} in {CALLS} calls"
