"""The Qt front end's entry: start the application, show the kiosk, run until told to stop."""

from __future__ import annotations

import signal
import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from kiosk.config import Settings
from ui.app import KioskApp
from ui.theme import FONT_FAMILIES


def make_application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Tongban Kiosk")
    families = [name.strip().strip('"') for name in FONT_FAMILIES.split(",")]
    font = QFont()
    font.setFamilies(families)
    app.setFont(font)
    return app


def run_kiosk(settings: Settings, *, fullscreen: bool, dev_panel: bool,
              size: tuple[int, int]) -> int:
    app = make_application()
    kiosk = KioskApp(settings)
    kiosk.window.set_screen_size(*size)
    kiosk.show(fullscreen=fullscreen, dev_panel=dev_panel)
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
