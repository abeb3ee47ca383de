"""Fixtures for the camera tests: video files for a real cv2.VideoCapture to play, a listener
that waits for events, cameras that are always stopped, and no thread left behind."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest

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


class Recorder:
    """A listener that keeps every event and lets a test wait for the one it expects."""

    def __init__(self) -> None:
        self._queue: queue.Queue[DeviceEvent] = queue.Queue()
        self.seen: list[DeviceEvent] = []

    def __call__(self, event: DeviceEvent) -> None:
        self._queue.put(event)

    def wait_for(
        self, kind: type, where: Callable[[DeviceEvent], bool] = lambda e: True, timeout=3.0
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

    def drain(self) -> list[DeviceEvent]:
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
def make_video() -> Callable[..., Path]:
    def write(path: Path, frames: int = 30, fps: int = 30) -> Path:
        """A 640x480 MJPG video whose frames differ, for a real cv2.VideoCapture to play."""
        writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, (640, 480))
        for i in range(frames):
            frame = np.full((480, 640, 3), 90, np.uint8)
            cv2.putText(frame, str(i), (200, 300), cv2.FONT_HERSHEY_SIMPLEX, 5, (255, 255, 255), 8)
            writer.write(frame)
        writer.release()
        return path

    return write
