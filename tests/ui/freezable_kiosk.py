"""A real kiosk process (`python -m kiosk`, its arguments passed on) that SIGUSR2 freezes:
the handler runs on the screen's thread between two turns of the Qt loop, says X_FROZEN=1 on
the notify socket, and then blocks that thread for good, as a hung driver call would."""

from __future__ import annotations

import signal
import sys
import threading

from kiosk.watchdog import Notifier
from tongban.cli import main


def freeze(*_: object) -> None:
    Notifier.from_environment().send("X_FROZEN=1")
    threading.Event().wait()


if __name__ == "__main__":
    signal.signal(signal.SIGUSR2, freeze)
    sys.exit(main(sys.argv[1:]))
