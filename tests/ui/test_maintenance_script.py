"""The technician's script through the real window offscreen: five taps in the corner, a
wrong PIN five times and the lockout's words, the lock's end on the clock, the right PIN,
the menu, the cleaning pause (touches eaten, back after its countdown), exit refused where
the settings forbid it, restart asked, leave; and a resident's visit that corner taps never
interrupt."""

from __future__ import annotations

import json
import sqlite3

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QPushButton

from kiosk.config import load_settings
from kiosk.maintenance import RESTART_CODE
from kiosk.maintenance.entry import LOCK_SECONDS
from kiosk.maintenance.pin import hash_pin
from kiosk.view import ScreenName
from tests.ui.touch import find_button, tap, touch_at, visible_text, wait_until

PIN = "8642"
S = ScreenName
CORNER = QPoint(30, 30)


@pytest.fixture
def settings(tmp_path):
    base = load_settings(data_dir=tmp_path / "data")
    return base.model_copy(update={"maintenance": base.maintenance.model_copy(
        update={"pin_hash": hash_pin(PIN)})})


def corner_taps(qtbot, app, clock, count: int = 5) -> None:
    for _ in range(count):
        touch_at(qtbot, app.window, CORNER)
        clock.advance(0.4)


def enter_pin(qtbot, app, digits: str) -> None:
    for digit in digits:
        tap(qtbot, app.window, f"pin:{digit}")
    tap(qtbot, app.window, "ok")


def screen(app) -> ScreenName:
    return app.kiosk.state.screen


def audit_events(app) -> list[str]:
    with sqlite3.connect(app.settings.data_dir / "outbox.sqlite") as db:
        rows = db.execute("SELECT idempotency_key FROM items WHERE kind = 'audit'"
                          " ORDER BY id").fetchall()
    return [json.loads(app.outbox.get(key).payload)["event"] for (key,) in rows]  # sealed


def test_the_technicians_script(qtbot, kiosk, clock):
    app, window = kiosk, kiosk.window
    corner_taps(qtbot, app, clock, 4)
    assert screen(app) == S.ATTRACT  # four taps, and the corner tap started no visit
    corner_taps(qtbot, app, clock, 1)
    wait_until(qtbot, lambda: window.current.name == S.MAINTENANCE_ENTRY)
    for _ in range(5):
        enter_pin(qtbot, app, "1111")
    locked = app.kiosk.text("maintenance_entry.locked", minutes=5)
    wait_until(qtbot, lambda: locked in visible_text(window))
    assert not any(find_button(window, name).isEnabled() for name in ("pin:8", "ok"))
    assert "●" not in visible_text(window)
    tap(qtbot, window, "cancel")
    wait_until(qtbot, lambda: window.current.name == S.ATTRACT)
    clock.advance(LOCK_SECONDS)
    corner_taps(qtbot, app, clock)
    wait_until(qtbot, lambda: window.current.name == S.MAINTENANCE_ENTRY)
    assert find_button(window, "ok").isEnabled()
    tap(qtbot, window, f"pin:{PIN[0]}")
    wait_until(qtbot, lambda: "●" in visible_text(window))  # a digit shows as a dot
    for digit in PIN[1:]:
        tap(qtbot, window, f"pin:{digit}")
    tap(qtbot, window, "ok")
    wait_until(qtbot, lambda: window.current.name == S.MAINTENANCE)
    shown = visible_text(window)
    assert app.settings.site.kiosk_id in shown
    assert app.kiosk.text("maintenance.exit_not_allowed") in shown

    # the cleaning pause: touches are eaten, the count goes on, then the menu
    tap(qtbot, window, "cleaning")
    wait_until(qtbot, lambda: window.current.name == S.MAINTENANCE_CLEANING)
    middle = QPoint(window.width() // 2, window.height() // 2)
    for spot in (middle, CORNER, QPoint(window.width() - 40, window.height() - 40)):
        touch_at(qtbot, window, spot)
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_Escape)
    clock.advance(10)
    app.kiosk.tick()
    wait_until(qtbot, lambda: app.kiosk.text("maintenance_cleaning.seconds", seconds=20)
               in visible_text(window))
    clock.advance(20)
    app.kiosk.tick()
    wait_until(qtbot, lambda: window.current.name == S.MAINTENANCE)

    # exit is refused here (the button is disabled; asked anyway, the mode refuses too)
    assert not find_button(window, "exit").isEnabled()
    app.kiosk.exit_to_desktop()
    assert app.exit_code is None
    tap(qtbot, window, "restart")
    assert app.exit_code == RESTART_CODE
    tap(qtbot, window, "leave")
    wait_until(qtbot, lambda: window.current.name == S.ATTRACT)
    assert app.kiosk.state.maintenance is None
    events = audit_events(app)
    assert events.count("maintenance.refused") == 5 and "maintenance.locked" in events
    for event in ("maintenance.entered", "maintenance.cleaning", "maintenance.exit",
                  "maintenance.restart", "maintenance.left"):
        assert event in events


def test_corner_taps_never_interrupt_a_residents_visit(qtbot, kiosk, clock):
    app, window = kiosk, kiosk.window
    touch_at(qtbot, window, QPoint(window.width() // 2, window.height() // 2))
    wait_until(qtbot, lambda: window.current.name == S.HOME)  # elsewhere, a touch begins
    corner_taps(qtbot, app, clock, 10)
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_M,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert screen(app) == S.HOME and app.kiosk.mode.name == "visit"


def test_the_keyboard_chord_and_the_pad_left_alone(qtbot, kiosk, clock):
    app, window = kiosk, kiosk.window
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_M,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    wait_until(qtbot, lambda: window.current.name == S.MAINTENANCE_ENTRY)
    clock.advance(31)
    app.kiosk.tick()
    wait_until(qtbot, lambda: window.current.name == S.ATTRACT)


def test_the_developer_panel_scans_a_fresh_technicians_code(qtbot, kiosk, clock):
    from ui.dev_panel import DevPanel

    app, window = kiosk, kiosk.window
    panel = DevPanel(app)
    try:
        corner_taps(qtbot, app, clock)
        wait_until(qtbot, lambda: window.current.name == S.MAINTENANCE_ENTRY)
        scan = next(b for b in panel.findChildren(QPushButton)
                    if b.text().startswith("Scan a fresh technician's code"))
        scan.click()  # through the simulated scanner's thread, as a real scan arrives
        wait_until(qtbot, lambda: window.current.name == S.MAINTENANCE)
        assert app.kiosk.modes["maintenance"].technician == "Developer"
    finally:
        panel.close()


def test_restart_ends_the_event_loop_with_its_exit_status(qtbot, kiosk, clock):
    """As ui/main.py runs it: the loop's exec() returns 75, which `python -m kiosk` exits with."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app, window = kiosk, kiosk.window
    qt = QApplication.instance()
    app.quit = qt.exit

    def technician() -> None:
        corner_taps(qtbot, app, clock)
        enter_pin(qtbot, app, PIN)
        tap(qtbot, window, "restart")

    QTimer.singleShot(0, technician)
    assert qt.exec() == RESTART_CODE
    assert audit_events(app)[-1] == "maintenance.restart"
