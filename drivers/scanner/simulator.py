"""A simulated QR scanner: the developer panel and tests hand it codes to report."""

from __future__ import annotations

import queue

from drivers.base import CodeScanned, DeviceState, DeviceStatus
from drivers.limits import MAX_SCAN_BYTES
from drivers.simulated import SimulatedDevice


class SimulatedScanner(SimulatedDevice):
    kind = "scanner"
    capabilities = frozenset({"qr"})

    def __init__(self, name: str = "scanner") -> None:
        super().__init__(name)
        self._pending: queue.SimpleQueue[bytes] = queue.SimpleQueue()

    def scan(self, text: str) -> None:
        self._pending.put(text.encode("utf-8"))

    def _read_status(self) -> DeviceStatus:
        self._require_plugged()
        return DeviceStatus(DeviceState.ONLINE)

    def _poll(self) -> None:
        self._require_plugged()
        while not self._pending.empty():
            raw = self._pending.get()
            if len(raw) > MAX_SCAN_BYTES:  # as a real scanner's driver drops it
                continue
            self._emit(CodeScanned(self.name, raw.decode("utf-8"), raw))
