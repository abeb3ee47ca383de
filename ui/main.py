"""The Qt front end's entry: take the data folder's instance lock, start the application,
install the crash handler, lock the window down (in kiosk mode), show the kiosk, tell
systemd it is ready and feed its watchdog, run until told to stop. In a window for
development, the kiosk is fitted to the display it opens on, with the developer panel
beside it."""

from __future__ import annotations

import logging
import signal
import sys
from collections.abc import Sequence

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from kiosk.cli import CommandError
from kiosk.config import Settings
from kiosk.instance_lock import AlreadyRunning, InstanceLock
from kiosk.startup_check import Problem
from ui import accessibility
from ui.app import KioskApp
from ui.lockdown import Lockdown
from ui.stay_up import Watchdog, install_crash_handler
from ui.theme import FONT_FAMILIES

log = logging.getLogger(__name__)

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
    """Run the kiosk until it is told to stop; its exit status (75: start me again). One
    kiosk a data folder (CommandError, exit 2, for a second); in kiosk mode, locked down."""
    lock: InstanceLock | None = None
    try:
        lock = InstanceLock(settings.data_dir).acquire()
    except AlreadyRunning as error:
        raise CommandError(str(error), code=2) from None
    except OSError as error:  # the self-test has said why: the kiosk starts out of service
        log.error("%s: cannot take the instance lock (%s); make the data folder writable by "
                  "this user", settings.data_dir / "kiosk.lock", error.strerror or error)
    try:
        return _run(settings, fullscreen=fullscreen, dev_panel=dev_panel, size=size,
                    problems=problems)
    finally:
        if lock is not None:
            lock.release()


def _run(settings: Settings, *, fullscreen: bool, dev_panel: bool,
         size: tuple[int, int] | None, problems: Sequence[Problem]) -> int:
    app = make_application()
    kiosk = KioskApp(settings, problems=problems)  # the start-up self-test's findings
    kiosk.quit = app.exit  # a technician's restart (75) or exit (0) ends the loop with it
    crashes = install_crash_handler(kiosk, app.exit)
    lockdown = Lockdown(kiosk.window).install() if fullscreen else None
    watchdog = Watchdog()
    kiosk.show(fullscreen=fullscreen, dev_panel=dev_panel, size=size)
    watchdog.start()  # READY=1 from the first turn of the loop, then WATCHDOG=1 on a timer
    # Let Ctrl+C and SIGTERM end the event loop cleanly (Python handles signals between ticks).
    # exit, not quit: Qt's quit asks every window to close first, which the lockdown refuses.
    signal.signal(signal.SIGINT, lambda *_: app.exit(0))
    signal.signal(signal.SIGTERM, lambda *_: app.exit(0))
    wake = QTimer()
    wake.start(250)
    wake.timeout.connect(lambda: None)
    try:
        return app.exec()
    finally:
        wake.stop()
        watchdog.stop()  # STOPPING=1
        if lockdown is not None:
            lockdown.release()  # the kiosk's own close comes next
        kiosk.close()
        crashes.uninstall()
