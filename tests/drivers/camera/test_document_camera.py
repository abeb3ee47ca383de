"""The simulated document camera on its own thread: what it is shown is what its preview and
its stills are; a file it cannot use is one line; unplugged, it gives no frame."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from drivers.base import DeviceError
from drivers.camera.capture import Camera
from drivers.camera.documents import bank_card_slip
from drivers.camera.simulator import PREVIEW_WIDTH, SimulatedDocumentCamera
from drivers.uri import DeviceUriError, open_document_camera
from tests.kiosk.test_material_check import _png_header_claiming


@pytest.fixture
def camera():
    camera = SimulatedDocumentCamera()
    camera.start()
    yield camera
    camera.stop()


def test_it_sees_the_page_it_is_shown(camera, tmp_path):
    desk = camera.still()
    assert camera.showing == "desk" and (desk == desk[0, 0]).all()  # nothing on it
    path = tmp_path / "slip.png"
    bank_card_slip().save(path)
    camera.show_file(path)
    still = camera.still()
    assert camera.showing == "slip.png" and still.shape == (1100, 1600, 3)
    assert np.array_equal(still, cv2.imread(str(path)))
    preview = camera.latest_frame()
    assert preview.shape[1] == PREVIEW_WIDTH and not preview.flags.writeable
    camera.show(None)
    assert camera.showing == "desk"


def test_a_file_it_cannot_use_is_one_line(camera, tmp_path):
    huge = tmp_path / "huge.png"
    huge.write_bytes(_png_header_claiming(20000, 20000))
    with pytest.raises(DeviceError, match=r"huge\.png: image too large"):
        camera.show_file(huge)
    with pytest.raises(DeviceError, match=r"missing\.png"):
        camera.show_file(tmp_path / "missing.png")
    assert camera.showing == "desk"


def test_unplugged_it_gives_no_frame_and_no_still(camera):
    camera.unplug()
    assert camera.latest_frame() is None
    with pytest.raises(DeviceError):
        camera.still()
    camera.replug()
    assert camera.latest_frame() is not None


def test_document_camera_uris(tmp_path):
    path = tmp_path / "page.png"
    bank_card_slip().save(path)
    assert open_document_camera(f"sim://{path}").showing == "page.png"
    real = open_document_camera("camera://0?width=3264&height=2448")
    assert isinstance(real, Camera) and (real.width, real.height) == (3264, 2448)
    for bad in ("usb://0", "camera://", "camera://0?fps=5"):
        with pytest.raises(DeviceUriError):
            open_document_camera(bad)
