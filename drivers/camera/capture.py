"""A camera through OpenCV (a device index, a video file or a stream URL) read on its own device
thread at a bounded frame rate. The newest frame is kept for the code scanner and for a
maintenance preview; an unplugged camera or an ended stream is reopened with back-off, and a
video file plays in a loop until it is deleted."""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from typing import ClassVar

import cv2
import numpy as np

from drivers.base import Actor, Backoff, Device, DeviceError, DeviceState, DeviceStatus

_NOT_DELIVERING = "is not delivering frames"


@dataclass(frozen=True)
class Frame:
    image: np.ndarray  # BGR, read-only: shared between threads without copying
    number: int  # 1, 2, 3 ... for every frame this camera delivered since it was created
    timestamp: float  # time.monotonic() when it was read


class Camera(Device):
    kind: ClassVar[str] = "camera"
    capabilities: ClassVar[frozenset[str]] = frozenset({"frames"})

    def __init__(
        self,
        name: str,
        source: int | str,
        *,
        width: int = 640,
        height: int = 480,
        max_fps: float | None = 30.0,
        backend: int = cv2.CAP_ANY,
        backoff: Backoff | None = None,
    ) -> None:
        # poll_interval is recomputed after every frame to hold max_fps (see _pace).
        super().__init__(name, poll_interval=0.0, backoff=backoff)
        self.source = source
        self.width = width
        self.height = height
        self.max_fps = max_fps
        self.backend = backend
        self._capture: cv2.VideoCapture | None = None
        self._latest: Frame | None = None
        self._numbered = 0
        self._new_frame = threading.Condition()
        self._next_due = 0.0

    # --- for consumers (any thread) ------------------------------------------------

    def latest_frame(self) -> np.ndarray | None:
        """The newest BGR frame, or None while the camera is not delivering. Read-only."""
        frame = self._latest
        return None if frame is None else frame.image

    def wait_for_frame(self, after: int, timeout: float) -> Frame | None:
        """The newest frame numbered above `after`, waiting up to `timeout` seconds for one."""
        with self._new_frame:
            self._new_frame.wait_for(lambda: self._newer_than(after), timeout)
            frame = self._latest
        return frame if frame is not None and frame.number > after else None

    def still(self) -> np.ndarray:
        """A still for a document camera: the newest frame (it runs at its full size)."""
        frame = self._latest
        if frame is None:
            raise self._lost(_NOT_DELIVERING)
        return frame.image

    def _newer_than(self, after: int) -> bool:
        return self._latest is not None and self._latest.number > after

    # --- hooks (device thread) ------------------------------------------------

    def _open(self) -> None:
        source = self.source
        if self._is_file() and not os.path.exists(source):
            raise self._lost("is not there")  # spares OpenCV's own warning on stderr
        capture = cv2.VideoCapture(source, self.backend)
        if not capture.isOpened():
            capture.release()
            raise self._lost("cannot be opened")
        if isinstance(source, int):
            capture.set(cv2.CAP_PROP_FRAME_WIDTH, self.width)
            capture.set(cv2.CAP_PROP_FRAME_HEIGHT, self.height)
            if self.max_fps:
                capture.set(cv2.CAP_PROP_FPS, self.max_fps)
            # A deep driver queue would hand the scanner frames that are seconds old.
            capture.set(cv2.CAP_PROP_BUFFERSIZE, 1)
        self._capture = capture
        self._next_due = time.monotonic()

    def _close(self) -> None:
        capture, self._capture = self._capture, None
        if capture is not None:
            capture.release()
        with self._new_frame:
            self._latest = None  # a preview must not freeze on the last frame of a lost camera
            self._new_frame.notify_all()

    def _poll(self) -> None:
        if self._capture is None:
            raise self._lost(_NOT_DELIVERING)
        ok, image = self._capture.read()
        if not ok and self._is_file() and os.path.exists(self.source):
            # A video file stands in for a camera in demos, tests and benchmarks: loop it.
            self._capture.set(cv2.CAP_PROP_POS_FRAMES, 0)
            ok, image = self._capture.read()
        if not ok or image is None:
            # Release now, so the status read that follows every error fails and the base
            # class reconnects instead of reading a dead capture again.
            self._close()
            raise self._lost(_NOT_DELIVERING)
        image.flags.writeable = False
        with self._new_frame:
            self._numbered += 1
            self._latest = Frame(image, self._numbered, time.monotonic())
            self._new_frame.notify_all()
        self._pace()

    def _read_status(self) -> DeviceStatus:
        if self._capture is None or not self._capture.isOpened():
            raise self._lost(_NOT_DELIVERING)
        return DeviceStatus(DeviceState.ONLINE)

    def _is_file(self) -> bool:
        return isinstance(self.source, str) and "://" not in self.source

    def _pace(self) -> None:
        """Hold max_fps: the base loop polls again poll_interval seconds after this returns."""
        if not self.max_fps:
            return
        now = time.monotonic()
        # Due times advance by whole periods; a slow read must not earn a burst of catch-up.
        self._next_due = max(self._next_due + 1.0 / self.max_fps, now)
        self.poll_interval = max(0.0, self._next_due - now)

    def _lost(self, what: str) -> DeviceError:
        return DeviceError(
            f"camera {self.source} {what}: check its cable",
            actor=Actor.STAFF,
            state=DeviceState.NO_DEVICE,
            code="no_camera",
        )

