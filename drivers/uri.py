"""ID card readers and QR scanners named by URI, as printers are (drivers/printer/uri.py):
sim://, sam+serial:///dev/ttyUSB0?baud=115200, vendor:///opt/reader/libsdtapi.so?port=1001,
serial:///dev/ttyACM0?baud=9600&terminator=cr, evdev:///dev/input/by-id/…-event-kbd,
camera://0 or camera:///dev/video2."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qs, unquote, urlsplit

from drivers import limits
from drivers.base import Device
from drivers.limits import quoted

IDCARD_EXAMPLES = "sim://, sam+serial:///dev/ttyUSB0?baud=115200, vendor:///path/lib.so?port=1001"
SCANNER_EXAMPLES = "sim://, serial:///dev/ttyACM0?terminator=cr, evdev:///dev/input/…, camera://0"
_IDCARD_OPTIONS = {"sam+serial": {"baud"},
                   "vendor": {"port", "init", "authenticate", "read", "close"}, "sim": set()}
_SIDE = (16, 10_000)  # a camera frame's width or height in pixels
_SCANNER_OPTIONS = {"serial": {"baud", "terminator"}, "evdev": {"grab"},
                    "camera": {"width", "height", "fps"}, "sim": set()}


class DeviceUriError(ValueError):
    """A device URI that cannot be used; the message says what is wrong in one line."""


def _split(uri: str, allowed: dict[str, set[str]], examples: str
           ) -> tuple[str, str, dict[str, str]]:
    if not isinstance(uri, str) or len(uri) > limits.MAX_URI_CHARS:
        raise DeviceUriError(f"{quoted(str(uri))}: longer than {limits.MAX_URI_CHARS} "
                             f"characters; use {examples}")
    if any(not ch.isprintable() for ch in uri.strip()):
        raise DeviceUriError(f"{quoted(uri)}: holds a control character; use {examples}")
    try:
        parts = urlsplit(uri.strip())
        query = parse_qs(parts.query, keep_blank_values=True)
    except ValueError as error:  # "Invalid IPv6 URL" for a lone "[", a bad port
        raise DeviceUriError(f"{quoted(uri)}: cannot be read ({error}); use {examples}") from None
    scheme = parts.scheme.lower()
    if scheme not in allowed:
        raise DeviceUriError(f"{quoted(uri)}: unknown kind {scheme or '(none)'!r}; use {examples}")
    options = {key: values[-1] for key, values in query.items()}
    unknown = set(options) - allowed[scheme]
    if unknown:
        allowed_here = ", ".join(sorted(allowed[scheme])) or "none"
        raise DeviceUriError(f"{quoted(uri)}: unknown option {', '.join(sorted(unknown))} "
                             f"(allowed for {scheme}://: {allowed_here})")
    path = unquote(parts.netloc + parts.path)
    if any(not ch.isprintable() for ch in path + "".join(options.values())):
        raise DeviceUriError(f"{quoted(uri)}: holds an escaped control character; use {examples}")
    return scheme, path, options


def _option(uri: str, options: dict[str, str], key: str, default: int,
            check: Callable[[str], int]) -> int:
    """An option's whole number through `check` (drivers/limits.py), or its default."""
    if key not in options:
        return default
    try:
        return check(options[key])
    except ValueError as error:
        raise DeviceUriError(f"{quoted(uri)}: {key} {error}") from None


def _int(uri: str, options: dict[str, str], key: str, default: int, low: int = 0,
         high: int = 100_000) -> int:
    return _option(uri, options, key, default, lambda text: limits.within(text, low, high))


def _baud(uri: str, options: dict[str, str], default: int) -> int:
    return _option(uri, options, "baud", default, limits.baud)


def _camera_source(uri: str, path: str) -> int | str:
    """A camera's index (0 to 63) or its device path."""
    if not path.isdigit():
        return path
    return _option(uri, {"index": path}, "index", 0, lambda text: limits.within(text, 0, 63))


def open_idcard_reader(uri: str, name: str = "idcard") -> Device:
    scheme, path, options = _split(uri, _IDCARD_OPTIONS, IDCARD_EXAMPLES)
    if scheme == "sim":
        from drivers.idcard.simulator import SimulatedIdCardReader

        return SimulatedIdCardReader(name)
    if not path:
        raise DeviceUriError(f"{quoted(uri)}: no port or library path; use {IDCARD_EXAMPLES}")
    if scheme == "sam+serial":
        from drivers.idcard.serial_reader import SamSerialReader

        return SamSerialReader(name, port=path, baudrate=_baud(uri, options, 115200))
    from drivers.idcard.vendor_library import VendorLibraryConfig, VendorLibraryReader

    port: int | str = options.get("port", "1001")
    if str(port).isdigit():
        port = _int(uri, options, "port", 1001, 0, 65535)
    elif not 1 <= len(port) <= 64:
        raise DeviceUriError(f"{quoted(uri)}: port must be a number or a name of 1 to 64 "
                             f"characters; e.g. {IDCARD_EXAMPLES}")
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
        raise DeviceUriError(f"{quoted(uri)}: no device path; use {SCANNER_EXAMPLES}")
    if scheme == "serial":
        from drivers.scanner.serial_scanner import SerialScanner, Terminator

        terminator = options.get("terminator", "cr").lower()
        if terminator not in {t.value for t in Terminator}:
            choices = ", ".join(t.value for t in Terminator)
            raise DeviceUriError(f"{quoted(uri)}: terminator must be one of {choices}")
        return SerialScanner(name, path, baudrate=_baud(uri, options, 9600),
                             terminator=terminator), None
    if scheme == "evdev":
        from drivers.scanner.keyboard_scanner import KeyboardScanner

        return KeyboardScanner(name, path, grab=options.get("grab", "1") != "0"), None
    from drivers.camera.capture import Camera
    from drivers.scanner.camera_scanner import CameraScanner

    camera = Camera("camera", _camera_source(uri, path),
                    width=_int(uri, options, "width", 640, *_SIDE),
                    height=_int(uri, options, "height", 480, *_SIDE),
                    max_fps=float(_int(uri, options, "fps", 30, 1, 120)))
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
        raise DeviceUriError(f"{quoted(uri)}: no device index or path; use "
                             f"{DOCUMENT_CAMERA_EXAMPLES}")
    from drivers.camera.capture import Camera

    return Camera(name, _camera_source(uri, path),
                  width=_int(uri, options, "width", 2592, *_SIDE),
                  height=_int(uri, options, "height", 1944, *_SIDE), max_fps=5.0)
