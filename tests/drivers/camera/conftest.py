"""Fixtures for the camera tests: video files for a real cv2.VideoCapture to play, a listener
that waits for events, cameras that are always stopped, and no thread left behind."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
import pytest


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
