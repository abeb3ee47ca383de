"""The Qt front end's entry: start the application, show the kiosk, run until told to stop.
In a window for development, the kiosk is fitted to the display it opens on, with the
developer panel beside it."""

from __future__ import annotations

import signal
import sys
from collections.abc import Sequence

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from kiosk.config import Settings
from kiosk.startup_check import Problem
from ui import accessibility
from ui.app import KioskApp
from ui.theme import FONT_FAMILIES

GAP = 16  # between the windows, and from the display's edge
DECORATION = 48  # what a desktop's title bar may take above a window


def make_application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Tongban Kiosk")
    accessibility.install()
    families = [name.strip().strip('"') for name in FONT_FAMILIES.split(",")]
    font = QFont()
    font.setFamilies(families)
    app.setFont(font)
    return app


def fit_window(display: tuple[int, int], panel_width: int,
               wanted: tuple[int, int] | None) -> tuple[int, int]:
    """The kiosk's window size on a display of this size beside a panel this wide: the size
    wanted (by default the display's own orientation, 1080×1920 or 1920×1080), scaled down
    evenly until it fits."""
    width, height = display
    if wanted is None:
        wanted = (1920, 1080) if width > height else (1080, 1920)
    room_w = width - panel_width - 3 * GAP
    room_h = height - DECORATION - 2 * GAP
    scale = min(1.0, room_w / wanted[0], room_h / wanted[1])
    return max(320, round(wanted[0] * scale)), max(320, round(wanted[1] * scale))


def run_kiosk(settings: Settings, *, fullscreen: bool, dev_panel: bool,
              size: tuple[int, int] | None, problems: Sequence[Problem] = ()) -> int:
    app = make_application()
    kiosk = KioskApp(settings, problems=problems)  # the start-up self-test's findings
    kiosk.quit = app.exit  # a technician's restart (75) or exit (0) ends the loop with it
    kiosk.show(fullscreen=fullscreen, dev_panel=dev_panel, size=size)
    # Let Ctrl+C and SIGTERM end the event loop cleanly (Python handles signals between ticks).
    signal.signal(signal.SIGINT, lambda *_: app.quit())
    signal.signal(signal.SIGTERM, lambda *_: app.quit())
    wake = QTimer()
    wake.start(250)
    wake.timeout.connect(lambda: None)
    try:
        return app.exec()
    finally:
        wake.stop()
        kiosk.close()
