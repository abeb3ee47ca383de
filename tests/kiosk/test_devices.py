"""Devices named in the settings: every kind of URI builds its driver, and a bad one is one
line naming the setting."""

from __future__ import annotations

import re

import pytest

from drivers.camera.capture import Camera
from drivers.idcard.serial_reader import SamSerialReader
from drivers.idcard.vendor_library import VendorLibraryReader
from drivers.scanner.camera_scanner import CameraScanner
from drivers.scanner.keyboard_scanner import KeyboardScanner
from drivers.scanner.serial_scanner import SerialScanner
from drivers.uri import DeviceUriError, open_idcard_reader, open_scanner
from kiosk.config import ConfigError, load_settings
from kiosk.devices import open_devices


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


def test_a_printer_uri_with_a_bracket_in_settings_is_one_line(tmp_path):
    site = tmp_path / "site.toml"
    site.write_text('[devices]\nprinter = "escpos+tcp://[::1"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"^devices\.printer: bad printer URI .*Invalid IPv6"):
        open_devices(load_settings(site, tmp_path))


def test_bad_uri_in_settings_names_the_setting(tmp_path):
    site = tmp_path / "site.toml"
    site.write_text('[devices]\nidcard = "sam+serial:///dev/ttyUSB0?baud=fast"\n',
                    encoding="utf-8")
    with pytest.raises(ConfigError, match=r"^devices\.idcard: .*baud must be a whole number"):
        open_devices(load_settings(site, tmp_path))


def test_the_document_camera_is_built_from_its_setting(tmp_path):
    from drivers.camera.simulator import SimulatedDocumentCamera

    devices = open_devices(load_settings(None, tmp_path))
    assert isinstance(devices.document_camera, SimulatedDocumentCamera)
    assert devices.document_camera in devices.all()
    site = tmp_path / "site.toml"
    site.write_text('[devices]\ncamera = "usb://0"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"^devices\.camera: .*unknown kind 'usb'"):
        open_devices(load_settings(site, tmp_path))
