"""systemd's notify protocol (sd_notify): READY=1 once the window shows, WATCHDOG=1 while the
event loop runs, STOPPING=1 on the way out, each one datagram to `$NOTIFY_SOCKET` (a path, or
an abstract socket when it starts with "@"). Hand-written: the protocol is one sendto, and the
`sdnotify` package (last released 2017) would add nothing but a dependency. Without
`$NOTIFY_SOCKET` (not under systemd) every call does nothing."""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping

log = logging.getLogger(__name__)


class Notifier:
    def __init__(self, address: str | None, watchdog_usec: int | None = None) -> None:
        self.address = address
        self.watchdog_usec = watchdog_usec
        self._socket: socket.socket | None = None
        self._failed = False

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> Notifier:
        """The supervisor's socket and watchdog interval, as systemd passes them. A watchdog
        meant for another process (`$WATCHDOG_PID`) is not this one's to feed."""
        env = os.environ if environ is None else environ
        address = env.get("NOTIFY_SOCKET") or None
        usec: int | None = None
        pid = env.get("WATCHDOG_PID", "")
        if pid in ("", str(os.getpid())):
            raw = env.get("WATCHDOG_USEC", "")
            if raw.isdigit() and int(raw) > 0:
                usec = int(raw)
            elif raw:
                log.warning("watchdog: WATCHDOG_USEC=%r is not a number of microseconds; "
                            "not feeding the watchdog (check the unit's WatchdogSec)", raw[:40])
        return cls(address, usec)

    @property
    def ping_interval_ms(self) -> int | None:
        """How often to say WATCHDOG=1: half the supervisor's limit, as sd_watchdog_enabled(3)
        advises; None when there is no watchdog."""
        if self.address is None or self.watchdog_usec is None:
            return None
        return max(1, self.watchdog_usec // 2000)

    def ready(self) -> None:
        self.send("READY=1")

    def ping(self) -> None:
        self.send("WATCHDOG=1")

    def stopping(self) -> None:
        self.send("STOPPING=1")

    def send(self, message: str) -> bool:
        """One datagram; a socket that cannot be reached is logged once, never raised."""
        if self.address is None:
            return False
        target = "\0" + self.address[1:] if self.address.startswith("@") else self.address
        try:
            if self._socket is None:
                self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
                self._socket.setblocking(False)  # never the screen's thread waiting on it
            self._socket.sendto(message.encode("ascii"), target)
        except OSError as error:
            if not self._failed:
                log.error("watchdog: cannot notify %s (%s); systemd will think the kiosk hung",
                          self.address, error.strerror or error)
                self._failed = True
            return False
        self._failed = False
        return True

    def close(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None
