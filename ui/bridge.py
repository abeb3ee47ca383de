"""Carries work from other threads into the Qt main thread: device events from driver
threads, and the results of background jobs (platform calls, printing)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

from drivers.base import DeviceEvent

log = logging.getLogger(__name__)


class DeviceBridge(QObject):
    """Subscribe `listener` to devices; `deliver` is then called in the main thread."""

    _event = Signal(object)

    def __init__(self, deliver: Callable[[DeviceEvent], None]) -> None:
        super().__init__()
        self._deliver_fn = deliver
        self._event.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def listener(self, event: DeviceEvent) -> None:  # any thread
        self._event.emit(event)

    @Slot(object)
    def _deliver(self, event: DeviceEvent) -> None:
        try:
            self._deliver_fn(event)
        except Exception:  # keep the kiosk up; the log has the details for an engineer
            log.exception("handling %r failed", event)


class Background(QObject):
    """Runs jobs on worker threads and hands each result (or exception) back in the main thread."""

    _finished = Signal(object, object)

    def __init__(self, workers: int = 2) -> None:
        super().__init__()
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kiosk-job")
        self._finished.connect(self._done, Qt.ConnectionType.QueuedConnection)

    def __call__(self, job: Callable[[], Any], done: Callable[[Any], None]) -> None:

        def run() -> None:
            try:
                result = job()
            except Exception as error:
                result = error
            self._finished.emit(done, result)

        self._pool.submit(run)

    @Slot(object, object)
    def _done(self, done: Callable[[Any], None], result: Any) -> None:
        try:
            done(result)
        except Exception:
            log.exception("handling a background result failed")

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
