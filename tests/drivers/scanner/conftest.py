"""Fixtures for the scanner tests: the shared QR corpus, a listener that waits for events,
devices that are always stopped, and a check that no test leaves a thread behind."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
import pytest
import qrcode


@pytest.fixture
def corpus() -> Path:
    """The ZXing QR photos beside the repository (../shared/corpora/qr/zxing)."""
    default = Path(__file__).resolve().parents[4] / "shared" / "corpora" / "qr" / "zxing"
    root = Path(os.environ.get("KIOSK_QR_CORPUS") or default)
    if not (root / "qrcode-1").is_dir():
        pytest.skip(f"the shared QR corpus is not at {root} (set KIOSK_QR_CORPUS)")
    return root


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
