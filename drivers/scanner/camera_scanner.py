"""A code scanner made of a camera: it decodes the camera's newest frame on its own device
thread, so capture and the maintenance preview never wait for decoding, and reports each code
once through the repeat filter."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import ClassVar

from drivers.base import (
    Actor,
    Backoff,
    CodeScanned,
    Device,
    DeviceError,
    DeviceEvent,
    DeviceState,
    DeviceStatus,
    StatusChanged,
)
from drivers.camera.capture import Camera
from drivers.scanner.decoder import DecoderOptions, QrDecoder
from drivers.scanner.repeat_filter import RepeatFilter


class CameraScanner(Device):
    """Scans what `camera` sees. The camera is shared (a preview may show it too), so this
    scanner neither starts nor stops it."""

    kind: ClassVar[str] = "scanner"
    capabilities: ClassVar[frozenset[str]] = frozenset({"qr"})

    def __init__(
        self,
        name: str,
        camera: Camera,
        *,
        decoder: QrDecoder | None = None,
        repeat_window: float = 3.0,
        clock: Callable[[], float] = time.monotonic,
        frame_wait: float = 0.05,
        backoff: Backoff | None = None,
    ) -> None:
        # poll_interval 0: _poll itself waits (up to frame_wait) for the camera's next frame.
        super().__init__(name, poll_interval=0.0, backoff=backoff)
        self.camera = camera
        # Live frames: the cheap pass only, since the next frame is the cheapest retry.
        self.decoder = decoder or QrDecoder(DecoderOptions.live())
        self.repeats = RepeatFilter(repeat_window, clock)
        self.frame_wait = frame_wait
        self.frames_decoded = 0
        self._last_frame = 0
        self._unsubscribe: Callable[[], None] | None = None

    def start(self) -> None:
        if self._unsubscribe is None:
            self._unsubscribe = self.camera.subscribe(self._on_camera_event)
        super().start()

    def stop(self, timeout: float = 3.0) -> None:
        super().stop(timeout)
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def _on_camera_event(self, event: DeviceEvent) -> None:
        # When the camera comes back, look at once rather than after our own back-off.
        if isinstance(event, StatusChanged) and event.status.usable:
            self.check_now()

    # --- hooks (device thread) ------------------------------------------------

    def _open(self) -> None:
        self._require_camera()

    def _poll(self) -> None:
        frame = self.camera.wait_for_frame(self._last_frame, self.frame_wait)
        if frame is None:
            self._require_camera()
            return
        self._last_frame = frame.number
        began = time.perf_counter()
        codes = self.decoder.decode(frame.image)
        took = time.perf_counter() - began
        self.frames_decoded += 1
        for code in codes:
            if self.repeats.accept(code.raw):
                self._emit(CodeScanned(self.name, code.text, code.raw, code.symbology,
                                       decode_seconds=took))

    def _read_status(self) -> DeviceStatus:
        self._require_camera()
        return DeviceStatus(DeviceState.ONLINE)

    def _require_camera(self) -> None:
        status = self.camera.status
        if not status.usable:
            raise DeviceError(
                f"the camera {self.camera.name} is {status.state}: {status.detail}",
                actor=Actor.STAFF,
                state=DeviceState.NO_DEVICE
                if status.state == DeviceState.NO_DEVICE
                else DeviceState.OFFLINE,
                code="no_camera",
            )
