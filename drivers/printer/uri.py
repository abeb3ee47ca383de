"""Printers named by URI (escpos+usb://0416:5011, escpos+tcp://10.0.0.5:9100, cups://Queue,
pdf:///tmp/out.pdf, file:///tmp/out.bin, sim://), parsed into a config and built by a factory."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol
from urllib.parse import parse_qs, unquote, urlsplit

from drivers import limits
from drivers.base import Command, DeviceStatus
from drivers.limits import quoted
from drivers.printer.cups_printer import CupsPrinter
from drivers.printer.document import Document, PrintResult
from drivers.printer.escpos_printer import (
    EscPosPrinter,
    SerialTransport,
    TcpTransport,
    Transport,
    UsbTransport,
)
from drivers.printer.escpos_render import ENCODINGS, QR_MODES, WIDTHS, EscPosSettings
from drivers.printer.file_printer import FilePrinter
from drivers.printer.pdf_printer import PAGES, PdfPrinter

EXAMPLES = (
    "escpos+usb://0416:5011, escpos+serial:///dev/ttyUSB0, escpos+tcp://HOST:9100, "
    "cups://QUEUE, pdf:///PATH.pdf, file:///PATH.bin, sim://"
)
_COMMON = {"width", "encoding", "qr"}
_OPTIONS = {
    "escpos+usb": _COMMON | {"in_ep", "out_ep", "interface"},
    "escpos+serial": _COMMON | {"baud"},
    "escpos+tcp": _COMMON,
    "cups": set(),
    "pdf": {"width", "page"},
    "file": _COMMON,
    "sim": {"width"},
}
_USB_IDS = re.compile(r"([0-9a-fA-F]{1,4}):([0-9a-fA-F]{1,4})")


class PrinterUriError(ValueError):
    """A printer URI that cannot be used; the message says what is wrong in one line."""


Complaint = Callable[[str], PrinterUriError]


class Printer(Protocol):
    """What every printer offers, whatever it is made of."""

    name: str

    @property
    def status(self) -> DeviceStatus: ...

    def start(self) -> None: ...

    def stop(self, timeout: float = 3.0) -> None: ...

    def print_document(self, document: Document, timeout: float = 30.0) -> Command[PrintResult]: ...


@dataclass(frozen=True)
class PrinterConfig:
    uri: str
    scheme: str
    transport: Transport | None = None  # escpos+*
    queue: str = ""  # cups
    path: Path | None = None  # pdf, file, sim
    settings: EscPosSettings = field(default_factory=EscPosSettings)
    page: str = "receipt"  # pdf


def parse_printer_uri(uri: str) -> PrinterConfig:
    """The config a printer URI names; PrinterUriError says what is wrong with a bad one."""

    def bad(what: str) -> PrinterUriError:
        return PrinterUriError(f"bad printer URI {quoted(uri)}: {what}")

    if len(uri) > limits.MAX_URI_CHARS:
        raise bad(f"longer than {limits.MAX_URI_CHARS} characters; use one of {EXAMPLES}")
    if any(not ch.isprintable() for ch in uri.strip()):
        raise bad(f"holds a control character; use one of {EXAMPLES}")
    try:
        parts = urlsplit(uri.strip())
    except ValueError as error:  # "Invalid IPv6 URL" for a lone "["
        raise bad(f"cannot be read ({error}); use one of {EXAMPLES}") from None
    scheme = parts.scheme.lower()
    if scheme not in _OPTIONS:
        named = f"{scheme}://" if scheme else "(none)"
        raise bad(f"unknown scheme {named}; use one of {EXAMPLES}")
    options = _options(parts.query, scheme, bad)
    settings = _settings(options, bad)
    where = unquote(parts.netloc)
    path = unquote(parts.path)
    if any(not ch.isprintable() for ch in where + path):
        raise bad(f"holds an escaped control character; use one of {EXAMPLES}")

    if scheme == "escpos+usb":
        found = _USB_IDS.fullmatch(where)
        if not found or path not in ("", "/"):
            raise bad("expected escpos+usb://VENDOR:PRODUCT in hex, e.g. escpos+usb://0416:5011")
        transport: Transport = UsbTransport(
            int(found.group(1), 16), int(found.group(2), 16),
            in_ep=_int(options, "in_ep", 0x82, 0, 0xFF, bad),
            out_ep=_int(options, "out_ep", 0x01, 0, 0xFF, bad),
            interface=_int(options, "interface", 0, 0, 0xFF, bad),
        )
        return PrinterConfig(uri, scheme, transport=transport, settings=settings)
    if scheme == "escpos+serial":
        port = path or where  # escpos+serial:///dev/ttyUSB0, or escpos+serial://COM3
        if not port or (where and path):
            raise bad("expected a port, e.g. escpos+serial:///dev/ttyUSB0?baud=115200")
        try:
            baud = limits.baud(options.get("baud", 9600))
        except ValueError as error:
            raise bad(f"baud {error}; e.g. escpos+serial:///dev/ttyUSB0?baud=115200") from None
        return PrinterConfig(uri, scheme, transport=SerialTransport(port, baud), settings=settings)
    if scheme == "escpos+tcp":
        try:
            host, port_number = parts.hostname, parts.port
            if port_number is not None:
                limits.port(port_number)
        except ValueError:
            raise bad("the port must be a number from 1 to 65535, "
                      "e.g. escpos+tcp://10.0.0.5:9100") from None
        if not host or path not in ("", "/"):
            raise bad("expected escpos+tcp://HOST:PORT, e.g. escpos+tcp://10.0.0.5:9100")
        transport = TcpTransport(host, port_number or 9100)
        return PrinterConfig(uri, scheme, transport=transport, settings=settings)
    if scheme == "cups":
        queue = where or path.strip("/")
        if not queue or "/" in queue or (where and path not in ("", "/")):
            raise bad("expected cups://QUEUE, the name `lpstat -p` shows")
        return PrinterConfig(uri, scheme, queue=queue)
    if scheme == "sim":
        if where:
            raise bad("expected sim:// or sim:///FOLDER for the pictures of printed jobs")
        return PrinterConfig(uri, scheme, path=Path(path) if path else None, settings=settings)
    # pdf and file: pdf:///abs/out.pdf or pdf:relative/out.pdf
    if where or not path or path.endswith("/"):
        raise bad(f"expected {scheme}:///ABSOLUTE/PATH or {scheme}:RELATIVE/PATH to a file")
    if Path(path).is_dir():
        raise bad(f"{path} is a folder; name a file in it, e.g. {scheme}://{path.rstrip('/')}"
                  f"/out.{'pdf' if scheme == 'pdf' else 'bin'}")
    page = options.get("page", "receipt")
    if page not in PAGES:
        raise bad(f"page must be one of {', '.join(PAGES)}, not {page!r}")
    return PrinterConfig(uri, scheme, path=Path(path), settings=settings, page=page)


def open_printer(target: str | PrinterConfig, name: str = "printer") -> Printer:
    """A printer, not yet started, for a URI or a parsed config."""
    config = parse_printer_uri(target) if isinstance(target, str) else target
    if config.scheme.startswith("escpos+"):
        assert config.transport is not None
        return EscPosPrinter(name, config.transport, config.settings)
    if config.scheme == "cups":
        return CupsPrinter(name, config.queue)
    if config.scheme == "pdf":
        assert config.path is not None
        return PdfPrinter(name, config.path, page=config.page, width_dots=config.settings.dots)
    if config.scheme == "file":
        assert config.path is not None
        return FilePrinter(name, config.path, config.settings)
    from drivers.printer.simulator import SimulatedPrinter  # lazily: only developers use it

    return SimulatedPrinter(name, config.path, width_dots=config.settings.dots)


def _options(query: str, scheme: str, bad: Complaint) -> dict[str, str]:
    try:
        raw = parse_qs(query, keep_blank_values=True, strict_parsing=bool(query))
    except ValueError:
        raise bad(f"cannot read the options {query!r}") from None
    unknown = sorted(set(raw) - _OPTIONS[scheme])
    if unknown:
        allowed = ", ".join(sorted(_OPTIONS[scheme])) or "none"
        raise bad(f"unknown option {unknown[0]!r} for {scheme}:// (allowed: {allowed})")
    repeated = sorted(key for key, values in raw.items() if len(values) > 1)
    if repeated:
        raise bad(f"option {repeated[0]!r} given more than once")
    return {key: values[0] for key, values in raw.items()}


def _settings(options: dict[str, str], bad: Complaint) -> EscPosSettings:
    width = options.get("width", "80")
    if not width.isdigit() or int(width) not in WIDTHS:
        raise bad(f"width must be 58 or 80 (mm), not {width!r}")
    encoding = options.get("encoding", "gb18030").lower()
    if encoding not in ENCODINGS:
        raise bad(f"encoding must be one of {', '.join(ENCODINGS)}, not {encoding!r}")
    qr = options.get("qr", "native").lower()
    if qr not in QR_MODES:
        raise bad(f"qr must be one of {', '.join(QR_MODES)}, not {qr!r}")
    return EscPosSettings(int(width), encoding, qr)


def _int(
    options: dict[str, str], key: str, default: int, low: int, high: int, bad: Complaint
) -> int:
    if key not in options:
        return default
    try:
        value = int(options[key], 0)  # 0x82 or 130
    except ValueError:
        raise bad(f"{key} must be a number, not {options[key]!r}") from None
    if not low <= value <= high:
        raise bad(f"{key} must be from {low} to {high}, not {value}")
    return value
