"""The camera through a real cv2.VideoCapture playing a video file: frames, the bounded rate,
the preview accessor, and the source going away and coming back."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from drivers.base import Actor, Backoff, DeviceFault, DeviceState
from drivers.camera.capture import Camera


def test_frames_arrive_numbered_and_the_latest_is_a_readonly_bgr_image(
    tmp_path: Path, make_video, run_device
) -> None:
    camera = Camera("camera", str(make_video(tmp_path / "clip.avi")), max_fps=60)
    recorder = run_device(camera)
    recorder.wait_state(DeviceState.ONLINE)
    first = camera.wait_for_frame(0, timeout=2)
    assert first is not None
    later = camera.wait_for_frame(first.number, timeout=2)
    assert later is not None and later.number > first.number
    assert later.timestamp >= first.timestamp

    image = camera.latest_frame()
    assert image is not None
    assert (image.shape, image.dtype) == ((480, 640, 3), np.uint8)
    with pytest.raises(ValueError, match="read-only"):
        image[0, 0] = 0  # a preview must not scribble on the frame the scanner decodes


def test_the_frame_rate_is_bounded(tmp_path: Path, make_video, run_device) -> None:
    camera = Camera("camera", str(make_video(tmp_path / "clip.avi", frames=120)), max_fps=10)
    run_device(camera).wait_state(DeviceState.ONLINE)
    first = camera.wait_for_frame(0, timeout=2)
    assert first is not None
    time.sleep(0.5)
    last = camera.wait_for_frame(first.number, timeout=1)
    assert last is not None
    # a file could be read at hundreds of frames a second; the camera holds 10
    assert last.number - first.number <= 10 * 0.5 + 2


def test_a_source_that_disappears_is_reported_and_picked_up_again(
    tmp_path: Path, make_video, run_device
) -> None:
    video = make_video(tmp_path / "clip.avi", frames=10)
    saved = video.read_bytes()
    camera = Camera("camera", str(video), max_fps=30, backoff=Backoff(0.05, 0.2))
    recorder = run_device(camera)
    recorder.wait_state(DeviceState.ONLINE)
    assert camera.wait_for_frame(0, timeout=2) is not None

    video.unlink()  # the stream ends and cannot be reopened: an unplugged camera
    fault = recorder.wait_for(DeviceFault)
    assert fault.error.actor == Actor.STAFF
    recorder.wait_state(DeviceState.NO_DEVICE)
    assert camera.latest_frame() is None

    video.write_bytes(saved)
    recorder.wait_state(DeviceState.ONLINE)
    assert camera.wait_for_frame(0, timeout=2) is not None


def test_a_video_file_plays_in_a_loop(tmp_path: Path, make_video, run_device) -> None:
    camera = Camera("camera", str(make_video(tmp_path / "clip.avi", frames=5)), max_fps=100)
    recorder = run_device(camera)
    recorder.wait_state(DeviceState.ONLINE)
    frame = camera.wait_for_frame(0, timeout=2)
    while frame is not None and frame.number <= 12:
        frame = camera.wait_for_frame(frame.number, timeout=2)
    assert frame is not None
    assert camera.status.state == DeviceState.ONLINE
    assert not [e for e in recorder.drain() if isinstance(e, DeviceFault)]


def test_a_camera_that_is_not_there_is_no_device(tmp_path: Path, run_device) -> None:
    camera = Camera("camera", str(tmp_path / "nothing.avi"), backoff=Backoff(0.05, 0.1))
    run_device(camera).wait_state(DeviceState.NO_DEVICE)
    assert "nothing.avi" in camera.status.detail
    assert camera.latest_frame() is None
    assert camera.wait_for_frame(0, timeout=0.05) is None
