"""Devices named in the settings: every kind of URI builds its driver, and a bad one is one
line naming the setting, and that device out with it (never a failed start)."""

from __future__ import annotations

import re

import pytest

from drivers.base import DeviceError, DeviceState
from drivers.camera.capture import Camera
from drivers.idcard.serial_reader import SamSerialReader
from drivers.idcard.vendor_library import VendorLibraryReader
from drivers.printer.simulator import SimulatedPrinter
from drivers.scanner.camera_scanner import CameraScanner
from drivers.scanner.keyboard_scanner import KeyboardScanner
from drivers.scanner.serial_scanner import SerialScanner
from drivers.uri import DeviceUriError, open_idcard_reader, open_scanner
from kiosk.config import load_settings
from kiosk.devices import UnusableDevice, open_devices


def test_idcard_uris():
    reader = open_idcard_reader("sam+serial:///dev/ttyUSB3?baud=9600")
    assert isinstance(reader, SamSerialReader)
    vendor = open_idcard_reader("vendor:///opt/reader/libsdtapi.so?port=1001&read=ReadCard")
    assert isinstance(vendor, VendorLibraryReader)


def test_scanner_uris():
    assert isinstance(open_scanner("serial:///dev/ttyACM0?terminator=crlf")[0], SerialScanner)
    assert isinstance(open_scanner("evdev:///dev/input/event7?grab=0")[0], KeyboardScanner)
    scanner, camera = open_scanner("camera://0?fps=15")
    assert isinstance(scanner, CameraScanner) and isinstance(camera, Camera)


@pytest.mark.parametrize("uri", ["bluetooth://x", "serial:///dev/x?terminator=tab",
                                 "serial://", "evdev:///dev/x?speed=1"])
def test_bad_scanner_uris(uri):
    with pytest.raises(DeviceUriError):
        open_scanner(uri)


@pytest.mark.parametrize(("uri", "complaint"), [
    ("sam+serial://[", "cannot be read (Invalid IPv6 URL); use sim://, sam+serial:///dev/"),
    ("sam+serial:///dev/ttyUSB0?baud=99999999999", "baud must be a standard rate"),
    ("sam+serial:///dev/ttyUSB0?baud=0", "baud must be a standard rate"),
    ("sam+serial:///dev/tty%0AUSB0", "escaped control character"),
    ("vendor:///opt/lib.so?port=99999999", "port must be from 0 to 65535"),
    ("sam+serial:///" + "x" * 2000, "longer than 1024 characters"),
])
def test_bad_idcard_uris_are_one_line(uri, complaint):
    with pytest.raises(DeviceUriError) as caught:
        open_idcard_reader(uri)
    assert complaint in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize(("uri", "complaint"), [
    ("camera://99999", "index must be from 0 to 63"),
    ("camera://0?fps=0", "fps must be from 1 to 120"),
    ("camera://0?width=1e9", "width must be a whole number"),
    ("serial:///dev/ttyACM0?baud=-1", "baud must be a whole number"),
    ("serial://[::1", "Invalid IPv6 URL"),
])
def test_bad_scanner_uris_say_why(uri, complaint):
    with pytest.raises(DeviceUriError, match=re.escape(complaint)):
        open_scanner(uri)


def test_bad_uri_in_settings_names_the_setting_and_that_device_is_out(tmp_path):
    site = tmp_path / "site.toml"
    site.write_text('[devices]\nidcard = "sam+serial:///dev/ttyUSB0?baud=fast"\n',
                    encoding="utf-8")
    devices = open_devices(load_settings(site, tmp_path))
    [line] = devices.problems
    assert re.match(r"^devices\.idcard: .*baud must be a whole number", line)
    assert isinstance(devices.idcard, UnusableDevice)
    assert isinstance(devices.printer, SimulatedPrinter)  # the others are made as ever
    seen = []
    devices.idcard.subscribe(seen.append)
    devices.idcard.start()
    assert [event.status.state for event in seen] == [DeviceState.HARDWARE_ERROR]
    assert devices.idcard.status.detail == line and not devices.idcard.status.usable
    with pytest.raises(DeviceError, match="not running"):
        devices.idcard.print_document(None).result()
    devices.idcard.stop()


@pytest.mark.parametrize(("key", "uri"), [("printer", "escpos+tcp://[::1"),
                                          ("scanner", "serial://["), ("idcard", "sam+serial://")])
def test_a_uri_no_parser_takes_is_that_device_out(tmp_path, key, uri):
    site = tmp_path / "site.toml"
    site.write_text(f'[devices]\n{key} = "{uri}"\n', encoding="utf-8")
    devices = open_devices(load_settings(site, tmp_path))
    assert len(devices.problems) == 1 and devices.problems[0].startswith(f"devices.{key}: ")
    assert isinstance(getattr(devices, key), UnusableDevice)


def test_the_document_camera_is_built_from_its_setting(tmp_path):
    from drivers.camera.simulator import SimulatedDocumentCamera

    devices = open_devices(load_settings(None, tmp_path))
    assert isinstance(devices.document_camera, SimulatedDocumentCamera)
    assert devices.document_camera in devices.all()
    site = tmp_path / "site.toml"
    site.write_text('[devices]\ncamera = "usb://0"\n', encoding="utf-8")
    devices = open_devices(load_settings(site, tmp_path))
    assert devices.document_camera is None  # no camera: its materials go without
    [line] = devices.problems
    assert re.match(r"^devices\.camera: .*unknown kind 'usb'", line)
