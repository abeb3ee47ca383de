"""A device listener for tests: keeps every event and lets a test wait for the one it
expects, with a timeout, instead of sleeping."""

from __future__ import annotations

import queue
import time
from collections.abc import Callable

from drivers.base import DeviceEvent, DeviceState, StatusChanged


class Recorder:
    """A listener that keeps every event and lets a test wait for the one it expects."""

    def __init__(self) -> None:
        self._queue: queue.Queue[DeviceEvent] = queue.Queue()
        self.seen: list[DeviceEvent] = []

    def __call__(self, event: DeviceEvent) -> None:
        self._queue.put(event)

    def wait_for(
        self,
        kind: type,
        where: Callable[[DeviceEvent], bool] = lambda e: True,
        timeout: float = 3.0,
    ) -> DeviceEvent:
        deadline = time.monotonic() + timeout
        while (remaining := deadline - time.monotonic()) > 0:
            try:
                event = self._queue.get(timeout=remaining)
            except queue.Empty:
                break
            self.seen.append(event)
            if isinstance(event, kind) and where(event):
                return event
        raise AssertionError(f"no {kind.__name__} within {timeout} s; saw {self.seen}")

    def wait_state(self, state: DeviceState, timeout: float = 3.0) -> DeviceEvent:
        return self.wait_for(StatusChanged, lambda e: e.status.state == state, timeout)

    def drain(self, settle: float = 0.0) -> list[DeviceEvent]:
        time.sleep(settle)
        while not self._queue.empty():
            self.seen.append(self._queue.get_nowait())
        return self.seen
