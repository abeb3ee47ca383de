"""Drives the kiosk to maintenance's devices, logs and network pages for screenshots and the
audit, through the calls a technician's touches make: a test page printed, a card read (shown
masked), a code scanned, a few log lines, the network check on the embedded platform."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from drivers.base import CardRead, CodeScanned, DeviceState, DeviceStatus, PaperState
from drivers.base import StatusChanged as Changed
from drivers.idcard.samples import ADULT
from kiosk.jobs import run_now
from kiosk.modes.base import ModeName
from kiosk.view import ScreenName

if TYPE_CHECKING:
    from ui.app import KioskApp

S = ScreenName
SCREENS = frozenset({S.MAINTENANCE_DEVICES, S.MAINTENANCE_LOGS, S.MAINTENANCE_NETWORK})
LINES = (
    (logging.INFO, "kiosk.controller", "visit ended: finished"),
    (logging.WARNING, "drivers.base", "device printer: paper low (staff must act)"),
    (logging.INFO, "kiosk.delivery", "delivered BS-YY-001-20261128-0007 after 1 attempt"),
    (logging.ERROR, "kiosk.outbox", "outbox: cannot write /var/kiosk/outbox.sqlite: disk full"),
    (logging.INFO, "kiosk.platform.watch", "platform answers again at https://platform.example"),
)


def stage(app: KioskApp, screen: ScreenName) -> None:
    kiosk = app.kiosk
    kiosk.chores = run_now  # the staged page shows what its chore brought back
    kiosk.switch_to(ModeName.MAINTENANCE)
    kiosk.modes[ModeName.MAINTENANCE].inside = True  # past the way in (staged on its own)
    if screen == S.MAINTENANCE_DEVICES:
        app.devices.stop()  # no live status may arrive after the staged one
        QApplication.processEvents()
        was = DeviceStatus(DeviceState.ONLINE)
        kiosk.handle_device_event(Changed("printer", DeviceStatus(
            DeviceState.ONLINE, paper=PaperState.LOW), was))
        kiosk.handle_device_event(Changed("scanner", DeviceStatus(
            DeviceState.HARDWARE_ERROR, detail="scanner: no answer on /dev/ttyUSB1"), was))
        kiosk.open_maintenance_page(screen.value)
        kiosk.run_device_test("scanner")
        kiosk.handle_device_event(CodeScanned("scanner", "https://zwdt.sh.gov.cn/q?ref=7",
                                              b"https://zwdt.sh.gov.cn/q?ref=7"))
        kiosk.run_device_test("idcard")
        kiosk.handle_device_event(CardRead("idcard", ADULT))
    elif screen == S.MAINTENANCE_LOGS:
        for level, name, message in LINES:
            kiosk.log_book.emit(logging.LogRecord(name, level, __file__, 0, message, None, None))
        kiosk.open_maintenance_page(screen.value)
    else:
        kiosk.open_maintenance_page(screen.value)


def own_words(state) -> list[str]:
    """What maintenance's pages show as the devices and the log wrote it (a log line, a
    card's masked values, a scanned code), in whatever language that is (for the audit)."""
    shown = state.maintenance
    if shown is None:
        return []
    words: list[str] = []
    if shown.logs is not None:
        words += [row.message for row in shown.logs.rows]
    if shown.devices is not None:
        words += [value for _label, value in (*shown.devices.card, *shown.devices.code)]
    return [word for word in words if word]
