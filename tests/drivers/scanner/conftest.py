"""Fixtures for the scanner tests: the shared QR corpus, a listener that waits for events,
devices that are always stopped, and a check that no test leaves a thread behind."""

from __future__ import annotations

import os
import queue
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest
import qrcode

from drivers.base import Device, DeviceEvent, DeviceState, StatusChanged


@pytest.fixture(autouse=True)
def no_thread_left() -> Iterator[None]:
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + 2
    while True:
        left = [thread for thread in threading.enumerate() if thread not in before]
        if not left or time.monotonic() > deadline:
            break
        time.sleep(0.01)
    assert not left, f"threads left running: {left}"


@pytest.fixture
def corpus() -> Path:
    """The ZXing QR photos beside the repository (../shared/corpora/qr/zxing)."""
    default = Path(__file__).resolve().parents[4] / "shared" / "corpora" / "qr" / "zxing"
    root = Path(os.environ.get("KIOSK_QR_CORPUS") or default)
    if not (root / "qrcode-1").is_dir():
        pytest.skip(f"the shared QR corpus is not at {root} (set KIOSK_QR_CORPUS)")
    return root


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


@pytest.fixture
def run_device() -> Iterator[Callable[[Device], Recorder]]:
    """Subscribes a Recorder, starts the device, and stops it after the test."""
    started: list[Device] = []

    def run(device: Device) -> Recorder:
        recorder = Recorder()
        device.subscribe(recorder)
        started.append(device)
        device.start()
        return recorder

    yield run
    for device in reversed(started):
        device.stop()
        assert not device.running


@pytest.fixture
def make_qr() -> Callable[..., np.ndarray]:
    return qr_image


@pytest.fixture
def make_qr_video() -> Callable[..., Path]:
    return write_qr_video


def qr_image(data: bytes, box: int = 4) -> np.ndarray:
    """A clean QR code of exactly these bytes (byte mode, no ECI), as 8-bit gray."""
    code = qrcode.QRCode(border=4, box_size=box)
    code.add_data(data)
    code.make(fit=True)
    return np.array(code.make_image().convert("L"), dtype=np.uint8)


def write_qr_video(path: Path, data: bytes, frames: int = 45, fps: int = 30) -> Path:
    """A 640x480 MJPG video with a QR code in view, for a real cv2.VideoCapture to play."""
    tile = cv2.cvtColor(qr_image(data, box=5), cv2.COLOR_GRAY2BGR)
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, (640, 480))
    for i in range(frames):
        frame = np.full((480, 640, 3), 120, np.uint8)
        x = 100 + i % 20
        frame[60 : 60 + tile.shape[0], x : x + tile.shape[1]] = tile
        writer.write(frame)
    writer.release()
    return path
