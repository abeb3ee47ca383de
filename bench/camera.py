"""The camera pipeline (OpenCV capture -> QR decode -> CodeScanned event) at 640x480 with a QR
code in view: the events per second it sustains at a webcam's 30 fps, and its headroom with
the frame rate unbounded. The source is a real OpenCV capture of a video file written here."""

from __future__ import annotations

import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import qrcode

from drivers.base import Backoff, CodeScanned, DeviceEvent
from drivers.camera.capture import Camera
from drivers.scanner.camera_scanner import CameraScanner
from drivers.scanner.decoder import DecoderOptions, QrDecoder

TARGET_FPS = 25.0
WIDTH, HEIGHT, VIDEO_FPS, VIDEO_SECONDS = 640, 480, 30, 10
CODE_TEXT = "https://zwdt.sh.gov.cn/govPortals/bench?id=310101&name=上海"


def write_video(path: Path, text: str = CODE_TEXT, seconds: int = VIDEO_SECONDS) -> Path:
    """A 640x480 video of a QR code drifting across a noisy grey scene, like a phone held up."""
    code = qrcode.QRCode(border=2, box_size=5)
    code.add_data(text.encode("utf-8"))
    code.make(fit=True)
    tile = cv2.cvtColor(
        np.array(code.make_image().convert("L"), dtype=np.uint8), cv2.COLOR_GRAY2BGR
    )
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), VIDEO_FPS, (WIDTH, HEIGHT))
    if not writer.isOpened():
        raise RuntimeError(f"OpenCV cannot write {path}")
    rng = np.random.default_rng(1)
    size = tile.shape[0]
    for i in range(seconds * VIDEO_FPS):
        frame = np.full((HEIGHT, WIDTH, 3), 110, np.uint8)
        frame += rng.integers(0, 25, frame.shape, dtype=np.uint8)
        x = 120 + int(60 * np.sin(i / 20))
        y = 80 + int(30 * np.cos(i / 25))
        frame[y : y + size, x : x + size] = tile
        writer.write(frame)
    writer.release()
    return path


def measure(video: Path, max_fps: float | None, seconds: float = 3.0) -> dict[str, float]:
    camera = Camera("bench-camera", str(video), max_fps=max_fps, backoff=Backoff(first=0.01))
    scanner = CameraScanner("bench-scanner", camera, repeat_window=0)  # every frame's event
    events: list[float] = []
    lock = threading.Lock()

    def on_event(event: DeviceEvent) -> None:
        if isinstance(event, CodeScanned) and event.text == CODE_TEXT:
            with lock:
                events.append(time.monotonic())

    scanner.subscribe(on_event)
    camera.start()
    try:
        deadline = time.monotonic() + 5
        while not camera.status.usable and time.monotonic() < deadline:
            time.sleep(0.01)
        scanner.start()
        time.sleep(0.5)  # load the libraries, reach a steady state
        with lock:
            events.clear()
        start = time.monotonic()
        time.sleep(seconds)
        with lock:
            count = sum(1 for t in events if t >= start)
        elapsed = time.monotonic() - start
    finally:
        scanner.stop()
        camera.stop()
    return {"events_per_s": round(count / elapsed, 1), "events": count}


def decode_ms(video: Path, frames: int = 60) -> float:
    capture = cv2.VideoCapture(str(video))
    decoder = QrDecoder(DecoderOptions.live())
    times = []
    for _ in range(frames):
        ok, frame = capture.read()
        if not ok:
            break
        started = time.perf_counter()
        decoder.decode(frame)
        times.append((time.perf_counter() - started) * 1000)
    capture.release()
    return round(statistics.median(times), 2)


def run() -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-camera-") as folder:
        video = write_video(Path(folder) / "qr.avi")
        at_30 = measure(video, max_fps=30.0)
        unbounded = measure(video, max_fps=None)
        decode = decode_ms(video)
    return {
        "fps": at_30["events_per_s"],
        "fps_unbounded": unbounded["events_per_s"],
        "decode_ms_median": decode,
        "resolution": f"{WIDTH}x{HEIGHT}",
        "source": "MJPG video file through cv2.VideoCapture, camera capped at 30 fps",
        "target": {"fps": TARGET_FPS},
        "ok": at_30["events_per_s"] >= TARGET_FPS,
    }
