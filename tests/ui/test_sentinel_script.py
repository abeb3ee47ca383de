"""The doorkeeper's script through the real window offscreen: the kiosk starts in the
sentinel mode (`[sentinel] enabled`), the lists synced as the platform would sign them; a
green phone code at the simulated scanner, a revoked paper code, an ID card on the simulated
reader, each its colour filling the screen with its word and spoken; touches and keys lead
nowhere; the corner gesture and Ctrl+Alt+M get a technician out."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractButton, QLabel

from drivers.idcard.samples import HMT_RESIDENT
from kiosk.config import load_settings
from kiosk.maintenance.pin import hash_pin
from kiosk.modes import ModeName
from kiosk.sentinel.samples import install
from kiosk.view import ScreenName
from tests.ui.touch import tap, touch_at, visible_text, wait_until
from ui.screens.sentinel import LIGHTS

PIN = "8642"
S = ScreenName
CORNER = QPoint(30, 30)


@pytest.fixture
def settings(tmp_path):
    base = load_settings(data_dir=tmp_path / "data")
    return base.model_copy(update={
        "maintenance": base.maintenance.model_copy(update={"pin_hash": hash_pin(PIN)}),
        "sentinel": base.sentinel.model_copy(update={"enabled": True}),
        "metrics": base.metrics.model_copy(update={"port": 0})})


def shows(window, light: str, word: str) -> bool:
    screen = window.current
    if screen is None or screen.name != S.SENTINEL_RESULT or screen.word.text() != word:
        return False
    colour = screen.fill.grab().toImage().pixelColor(4, 4)
    return colour == QColor(LIGHTS[light][0])


def every_text(window) -> str:
    """The text of every label and button in the window, on screen or not (kept screens)."""
    return "\n".join([w.text() + w.accessibleName() for w in window.findChildren(QLabel)]
                     + [w.text() + w.accessibleName()
                        for w in window.findChildren(QAbstractButton)])


def spoken(app) -> list[str]:
    return [text for text, _lang in app.kiosk.guide.voice.engine.spoken]


def test_the_doorkeepers_script(qtbot, kiosk, clock):
    app, window = kiosk, kiosk.window
    assert app.kiosk.mode.name == ModeName.SENTINEL
    wait_until(qtbot, lambda: window.current.name == S.SENTINEL)
    assert "请出示随申码、离线码或身份证" in visible_text(window)
    wait_until(qtbot, lambda: not app.kiosk.code_sync.in_flight)  # the sync at start ended
    samples = install(app.kiosk.codes, app.settings.data_dir, app.kiosk.wall_clock())
    app.kiosk.publish()
    wait_until(qtbot, lambda: "离线名单同步于" in visible_text(window))

    app.devices.scanner.scan(samples.code(kind="phone", colour="green"))
    wait_until(qtbot, lambda: shows(window, "green", "通行"))
    assert "王*英" in visible_text(window)
    wait_until(qtbot, lambda: "绿码，请通行。" in spoken(app))

    app.devices.scanner.scan(samples.revoked_code())
    wait_until(qtbot, lambda: shows(window, "amber", "无效"))
    assert "已作废" in visible_text(window) and "王*英" not in visible_text(window)

    app.devices.idcard.place(HMT_RESIDENT)
    wait_until(qtbot, lambda: shows(window, "red", "禁止"))
    assert "陈*欣" in visible_text(window) and HMT_RESIDENT.id_number not in visible_text(window)
    wait_until(qtbot, lambda: "红码，禁止通行，请联系工作人员。" in spoken(app))
    assert not any("陈" in text for text in spoken(app))
    app.devices.idcard.remove()

    # a visitor's touches and keys lead nowhere
    touch_at(qtbot, window, QPoint(window.width() // 2, window.height() // 2))
    for key in (Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Backspace):
        qtbot.keyClick(window.windowHandle(), key)
    clock.advance(10)
    app.kiosk.tick()
    wait_until(qtbot, lambda: window.current.name == S.SENTINEL)  # the result faded
    assert app.kiosk.mode.name == ModeName.SENTINEL
    assert "今日：绿码 1 · 黄码 0 · 红码 1 · 其他 1" in visible_text(window)
    assert "陈*欣" in visible_text(window)  # the doorkeeper's recent scans
    clock.advance(app.settings.sentinel.keep_minutes * 60)
    app.kiosk.tick()
    wait_until(qtbot, lambda: "陈*欣" not in every_text(window))  # shown or hidden
    assert "王*英" not in every_text(window)
    assert "今日：绿码 1 · 黄码 0 · 红码 1 · 其他 1" in visible_text(window)  # counts stay
    assert app.kiosk.mode.name == ModeName.SENTINEL  # half an hour alone: never attract

    # Ctrl+Alt+M, then cancel: back at the entrance
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_M,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    wait_until(qtbot, lambda: window.current.name == S.MAINTENANCE_ENTRY)
    tap(qtbot, window, "cancel")
    wait_until(qtbot, lambda: window.current.name == S.SENTINEL)

    # five taps in the corner, the PIN, and the menu's switch turns the mode off
    for _ in range(5):
        touch_at(qtbot, window, CORNER)
        clock.advance(0.4)
    wait_until(qtbot, lambda: window.current.name == S.MAINTENANCE_ENTRY)
    for digit in PIN:
        tap(qtbot, window, f"pin:{digit}")
    tap(qtbot, window, "ok")
    wait_until(qtbot, lambda: window.current.name == S.MAINTENANCE)
    assert "退出哨兵模式" in visible_text(window)
    tap(qtbot, window, "sentinel")
    wait_until(qtbot, lambda: window.current.name == S.ATTRACT)
    assert app.kiosk.mode.name == ModeName.ATTRACT
