"""ID card readers and QR scanners named by URI, as printers are (drivers/printer/uri.py):
sim://, sam+serial:///dev/ttyUSB0?baud=115200, vendor:///opt/reader/libsdtapi.so?port=1001,
serial:///dev/ttyACM0?baud=9600&terminator=cr, evdev:///dev/input/by-id/…-event-kbd,
camera://0 or camera:///dev/video2."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

from drivers.base import Device

IDCARD_EXAMPLES = "sim://, sam+serial:///dev/ttyUSB0?baud=115200, vendor:///path/lib.so?port=1001"
SCANNER_EXAMPLES = "sim://, serial:///dev/ttyACM0?terminator=cr, evdev:///dev/input/…, camera://0"
_IDCARD_OPTIONS = {"sam+serial": {"baud"},
                   "vendor": {"port", "init", "authenticate", "read", "close"}, "sim": set()}
_SCANNER_OPTIONS = {"serial": {"baud", "terminator"}, "evdev": {"grab"},
                    "camera": {"width", "height", "fps"}, "sim": set()}


class DeviceUriError(ValueError):
    """A device URI that cannot be used; the message says what is wrong in one line."""


def _split(uri: str, allowed: dict[str, set[str]], examples: str
           ) -> tuple[str, str, dict[str, str]]:
    parts = urlsplit(uri.strip())
    scheme = parts.scheme.lower()
    if scheme not in allowed:
        raise DeviceUriError(f"{uri!r}: unknown kind {scheme or '(none)'!r}; use {examples}")
    options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    unknown = set(options) - allowed[scheme]
    if unknown:
        raise DeviceUriError(f"{uri!r}: unknown option {', '.join(sorted(unknown))}")
    path = unquote(parts.netloc + parts.path)
    return scheme, path, options


def _int(uri: str, options: dict[str, str], key: str, default: int) -> int:
    try:
        return int(options.get(key, default))
    except ValueError:
        raise DeviceUriError(f"{uri!r}: {key} must be a whole number") from None


def open_idcard_reader(uri: str, name: str = "idcard") -> Device:
    scheme, path, options = _split(uri, _IDCARD_OPTIONS, IDCARD_EXAMPLES)
    if scheme == "sim":
        from drivers.idcard.simulator import SimulatedIdCardReader

        return SimulatedIdCardReader(name)
    if not path:
        raise DeviceUriError(f"{uri!r}: no port or library path")
    if scheme == "sam+serial":
        from drivers.idcard.serial_reader import SamSerialReader

        return SamSerialReader(name, port=path, baudrate=_int(uri, options, "baud", 115200))
    from drivers.idcard.vendor_library import VendorLibraryConfig, VendorLibraryReader

    port: int | str = options.get("port", "1001")
    port = int(port) if str(port).isdigit() else port
    entry_points = {key: options[key] for key in ("init", "authenticate", "read", "close")
                    if key in options}
    return VendorLibraryReader(VendorLibraryConfig(library=path, port=port, **entry_points),
                               name)


def open_scanner(uri: str, name: str = "scanner") -> tuple[Device, Device | None]:
    """The scanner, and the camera it reads from when it is a camera scanner."""
    scheme, path, options = _split(uri, _SCANNER_OPTIONS, SCANNER_EXAMPLES)
    if scheme == "sim":
        from drivers.scanner.simulator import SimulatedScanner

        return SimulatedScanner(name), None
    if not path:
        raise DeviceUriError(f"{uri!r}: no device path")
    if scheme == "serial":
        from drivers.scanner.serial_scanner import SerialScanner, Terminator

        terminator = options.get("terminator", "cr").lower()
        if terminator not in {t.value for t in Terminator}:
            choices = ", ".join(t.value for t in Terminator)
            raise DeviceUriError(f"{uri!r}: terminator must be one of {choices}")
        return SerialScanner(name, path, baudrate=_int(uri, options, "baud", 9600),
                             terminator=terminator), None
    if scheme == "evdev":
        from drivers.scanner.keyboard_scanner import KeyboardScanner

        return KeyboardScanner(name, path, grab=options.get("grab", "1") != "0"), None
    from drivers.camera.capture import Camera
    from drivers.scanner.camera_scanner import CameraScanner

    source: int | str = int(path) if path.isdigit() else path
    camera = Camera("camera", source, width=_int(uri, options, "width", 640),
                    height=_int(uri, options, "height", 480),
                    max_fps=float(_int(uri, options, "fps", 30)))
    return CameraScanner(name, camera), camera


DOCUMENT_CAMERA_EXAMPLES = "sim://, sim:///path/page.png, camera://0?width=2592&height=1944"
_DOCUMENT_CAMERA_OPTIONS = {"camera": {"width", "height"}, "sim": set()}


def open_document_camera(uri: str, name: str = "camera") -> Device:
    """The document camera (高拍仪): simulated (an empty desk, or showing an image file), or
    a camera at a document camera's resolution, read a few frames a second."""
    scheme, path, options = _split(uri, _DOCUMENT_CAMERA_OPTIONS, DOCUMENT_CAMERA_EXAMPLES)
    if scheme == "sim":
        from drivers.camera.simulator import SimulatedDocumentCamera

        return SimulatedDocumentCamera(name, page=path or None)
    if not path:
        raise DeviceUriError(f"{uri!r}: no device index or path")
    from drivers.camera.capture import Camera

    source: int | str = int(path) if path.isdigit() else path
    return Camera(name, source, width=_int(uri, options, "width", 2592),
                  height=_int(uri, options, "height", 1944), max_fps=5.0)
