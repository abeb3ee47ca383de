"""A simulated document camera (高拍仪): it "sees" whatever page it is shown (an image file
from `sim:///path/page.png`, the developer panel's choice, a test's), or an empty desk. Its
frames and stills are real images, so the preview, the OCR and the checks run as on a real
camera."""

from __future__ import annotations

import threading
from pathlib import Path

import cv2
import numpy as np

from drivers.base import Actor, DeviceError, DeviceState, DeviceStatus
from drivers.camera.ocr import OcrError, decode_image
from drivers.simulated import SimulatedDevice

DESK = (1100, 1600)  # the empty desk's size, height x width
PREVIEW_WIDTH = 640


class SimulatedDocumentCamera(SimulatedDevice):
    kind = "camera"
    capabilities = frozenset({"frames", "stills"})

    def __init__(self, name: str = "camera", page: str | Path | None = None) -> None:
        super().__init__(name, poll_interval=0.2)
        self._lock = threading.Lock()
        self._page: np.ndarray = _desk()
        self._preview: np.ndarray = _preview(self._page)
        self.showing = "desk"
        if page is not None:
            self.show_file(page)

    # --- what it sees (developer panel, tests; any thread) ------------------------------

    def show(self, page: np.ndarray | None, label: str = "page") -> None:
        """Lay a page (BGR or greyscale) under the camera; None: take it away."""
        image = _desk() if page is None else page
        if image.ndim == 2:
            image = cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
        image = np.ascontiguousarray(image)
        image.flags.writeable = False
        with self._lock:
            self._page, self._preview = image, _preview(image)
            self.showing = "desk" if page is None else label

    def show_file(self, path: str | Path) -> None:
        try:
            image = decode_image(Path(path).read_bytes())  # a huge one refused from its header
        except (OSError, OcrError) as error:
            raise DeviceError(f"camera sim: {path}: {error}; choose a PNG or JPEG page",
                              actor=Actor.ENGINEER, state=DeviceState.NO_DEVICE) from None
        self.show(image, Path(path).name)

    # --- for consumers (any thread) -------------------------------------------------------

    def latest_frame(self) -> np.ndarray | None:
        """The preview (640 px wide, BGR, read-only), or None while unplugged."""
        if not self.plugged:
            return None
        with self._lock:
            return self._preview

    def still(self) -> np.ndarray:
        """The page at full resolution (BGR, read-only)."""
        self._require_plugged()
        with self._lock:
            return self._page

    def _read_status(self) -> DeviceStatus:
        self._require_plugged()
        return DeviceStatus(DeviceState.ONLINE)


def _desk() -> np.ndarray:
    desk = np.full((*DESK, 3), (92, 98, 104), np.uint8)  # a grey mat, no text on it
    desk.flags.writeable = False
    return desk


def _preview(image: np.ndarray) -> np.ndarray:
    scale = PREVIEW_WIDTH / image.shape[1]
    small = cv2.resize(image, (PREVIEW_WIDTH, max(1, round(image.shape[0] * scale))),
                       interpolation=cv2.INTER_AREA)
    small.flags.writeable = False
    return small
