"""The camera scanner end to end: a real cv2.VideoCapture plays a video with a QR code in view,
frames are decoded, and the code is reported once; then the camera goes away and comes back."""

from __future__ import annotations

from pathlib import Path

from drivers.base import Backoff, CodeScanned, DeviceState
from drivers.camera.capture import Camera
from drivers.scanner.camera_scanner import CameraScanner

TEXT = "https://zwdt.sh.gov.cn/qr?serial=2024-310101&holder=张三"


def test_a_code_in_view_is_reported_once(tmp_path: Path, make_qr_video, run_device) -> None:
    video = make_qr_video(tmp_path / "qr.avi", TEXT.encode())
    camera = Camera("camera", str(video), max_fps=30)
    scanner = CameraScanner("camera-scanner", camera, repeat_window=3.0)
    run_device(camera)
    recorder = run_device(scanner)
    event = recorder.wait_for(CodeScanned)
    assert event == CodeScanned("camera-scanner", TEXT, TEXT.encode(), "QRCode")
    assert event.decode_seconds is not None and event.decode_seconds > 0  # timed by the driver
    # the code stays in view for the following frames, which are decoded but not reported
    decoded = scanner.frames_decoded
    later = [e for e in recorder.drain(settle=0.3) if isinstance(e, CodeScanned)]
    assert scanner.frames_decoded > decoded
    assert later == [event]


def test_the_scanner_follows_its_camera_away_and_back(
    tmp_path: Path, make_qr_video, run_device
) -> None:
    video = make_qr_video(tmp_path / "qr.avi", TEXT.encode(), frames=10)
    saved = video.read_bytes()
    camera = Camera("camera", str(video), max_fps=30, backoff=Backoff(0.05, 0.2))
    # window 0: every frame's code is reported, so the code seen again after the camera's
    # return is not taken for a repeat of the one seen just before it left
    scanner = CameraScanner("camera-scanner", camera, repeat_window=0, backoff=Backoff(0.05, 0.2))
    run_device(camera)
    recorder = run_device(scanner)
    recorder.wait_for(CodeScanned)

    video.unlink()
    recorder.wait_state(DeviceState.NO_DEVICE)
    assert not scanner.status.usable

    video.write_bytes(saved)
    recorder.wait_state(DeviceState.ONLINE)
    assert recorder.wait_for(CodeScanned).text == TEXT
