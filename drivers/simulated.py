"""The part every simulated device shares: it can be unplugged and plugged back in, so the
developer panel and the tests exercise the same reconnect path as real hardware."""

from __future__ import annotations

from drivers.base import Actor, Backoff, Device, DeviceError, DeviceState


class SimulatedDevice(Device):
    def __init__(self, name: str, *, poll_interval: float = 0.05,
                 backoff: Backoff | None = None) -> None:
        super().__init__(name, poll_interval=poll_interval, backoff=backoff)
        self.plugged = True

    def unplug(self) -> None:
        self.plugged = False
        self.check_now()

    def replug(self) -> None:
        self.plugged = True
        self.check_now()

    def _require_plugged(self) -> None:
        if not self.plugged:
            raise DeviceError(f"{self.name}: no device (unplugged)", actor=Actor.ENGINEER,
                              state=DeviceState.NO_DEVICE)

    def _open(self) -> None:
        self._require_plugged()

    def _poll(self) -> None:
        self._require_plugged()
