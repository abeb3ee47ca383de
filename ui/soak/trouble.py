"""The hostile world around the soak's residents: a platform that answers late (a bounded
delay on each call, on the caller's thread), and faults started and cleared at random
through the same doors the developer panel uses (the simulators, the network switch)."""

from __future__ import annotations

import random
import threading
from typing import Any

from drivers.base import PaperState

MAX_DELAY = 0.25  # seconds a late platform keeps a call waiting, at most


class LatePlatform:
    """Stands in front of the real platform behind the network switch; while `late`, each
    call waits a random time up to MAX_DELAY first, as a slow network would."""

    def __init__(self, platform: Any, rng: random.Random) -> None:
        self.platform = platform
        self.late = False
        self._rng = rng
        self._lock = threading.Lock()
        self._never = threading.Event()  # never set: a bounded wait that is not a sleep

    @property
    def kiosk_id(self) -> str:
        return self.platform.kiosk_id

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        call = getattr(self.platform, name)
        if not callable(call):
            return call

        def answered_late(*args: Any, **kwargs: Any) -> Any:
            if self.late:
                with self._lock:
                    delay = self._rng.uniform(0, MAX_DELAY)
                self._never.wait(delay)
            return call(*args, **kwargs)

        return answered_late

    def close(self) -> None:
        self.platform.close()


class Faults:
    """Which faults are on for this session, chosen at random, and their clearing. Faults
    that strike mid-journey (printer unplugged mid-print, a damaged QR) are the journey's."""

    KINDS = ("paper_out", "reader_unplugged", "network_down", "platform_late")

    def __init__(self, app: Any, late: LatePlatform, rng: random.Random,
                 chance: float = 0.12) -> None:
        self.app = app
        self.late = late
        self.rng = rng
        self.chance = chance
        self.on: set[str] = set()
        self.counts: dict[str, int] = dict.fromkeys(
            (*self.KINDS, "printer_unplugged_mid_print", "damaged_qr"), 0)

    def begin_session(self) -> None:
        for kind in self.KINDS:
            if self.rng.random() < self.chance:
                self.start(kind)

    def start(self, kind: str) -> None:
        devices = self.app.devices
        if kind == "paper_out":
            devices.printer.set_paper(PaperState.OUT)
        elif kind == "reader_unplugged":
            devices.idcard.unplug()
        elif kind == "network_down":
            self.app.network.up = False
        elif kind == "platform_late":
            self.late.late = True
        elif kind == "printer_unplugged_mid_print":
            devices.printer.unplug()
        self.on.add(kind)
        self.counts[kind] = self.counts.get(kind, 0) + 1

    def clear(self) -> None:
        """Everything back as it was: paper in, devices plugged, the network up and urged."""
        devices = self.app.devices
        if "paper_out" in self.on:
            devices.printer.set_paper(PaperState.FULL)
        if "printer_unplugged_mid_print" in self.on:
            devices.printer.replug()
        if "reader_unplugged" in self.on:
            devices.idcard.replug()
        if "network_down" in self.on:
            self.app.network.up = True
            self.app.delivery.urge()
        self.late.late = False
        self.on.clear()
