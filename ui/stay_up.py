"""Keeping the kiosk up, on the Qt side: the crash handler's recovery brought to the screen's
thread (a crash on another thread is posted there), and the systemd watchdog fed from a
QTimer on the event loop, so a frozen screen stops the pings and systemd restarts it."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from kiosk.crash import CrashHandler, rest_after_crash
from kiosk.log_setup import log_folder
from kiosk.watchdog import Notifier

log = logging.getLogger(__name__)
RECOVERY_FAILED = 70  # EX_SOFTWARE: the exit status when recovering from a crash failed


class _Recovery(QObject):
    """Runs the kiosk's recovery on the thread this object lives on (the screen's)."""

    crashed = Signal(bool)

    def __init__(self, kiosk: Any, give_up: Callable[[], None]) -> None:
        super().__init__()
        self.kiosk, self.give_up = kiosk, give_up
        self.crashed.connect(self._recover, Qt.ConnectionType.QueuedConnection)

    def _recover(self, too_many: bool) -> None:
        try:
            rest_after_crash(self.kiosk, too_many)
        except Exception:
            log.exception("recovering from a crash failed: the kiosk stops to be started again")
            self.give_up()


def install_crash_handler(app: Any, exit_loop: Callable[[int], None]) -> CrashHandler:
    """The crash handler for this KioskApp; `exit_loop(code)` ends the event loop when even
    recovering fails. On the screen's thread the recovery runs at once (inside the hook);
    from another thread it is queued to the screen's."""
    give_up = lambda: exit_loop(RECOVERY_FAILED)  # noqa: E731
    recovery = _Recovery(app.kiosk, give_up)

    def on_crash(too_many: bool) -> None:
        if threading.current_thread() is threading.main_thread():
            rest_after_crash(app.kiosk, too_many)
        else:
            recovery.crashed.emit(too_many)

    # `recovery` lives as long as the handler, through on_crash
    handler = CrashHandler(log_folder(app.settings), on_crash, give_up).install()
    if handler.too_many_at_start:  # restarted after hard faults again and again: stop there
        rest_after_crash(app.kiosk, too_many=True)
    return handler


class Watchdog:
    """READY=1 once the event loop runs with the window shown; WATCHDOG=1 every half of
    `$WATCHDOG_USEC` from a timer on the event loop; STOPPING=1 when stopped."""

    def __init__(self, notifier: Notifier | None = None) -> None:
        self.notifier = notifier or Notifier.from_environment()
        self.timer = QTimer()
        self.timer.timeout.connect(self.notifier.ping)
        self._ready = QTimer()
        self._ready.setSingleShot(True)
        self._ready.timeout.connect(self._started)

    def start(self) -> None:
        """Call after the window is shown: READY goes from the first turn of the loop."""
        self._ready.start(0)

    def _started(self) -> None:
        self.notifier.ready()
        interval = self.notifier.ping_interval_ms
        if interval is not None:
            self.notifier.ping()
            self.timer.start(interval)

    def stop(self) -> None:
        self._ready.stop()
        self.timer.stop()
        self.notifier.stopping()
        self.notifier.close()
