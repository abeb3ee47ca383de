"""Printer URIs: the configs good ones name, the printers they build, and one-line messages
for bad ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from drivers.printer.cups_printer import CupsPrinter
from drivers.printer.escpos_printer import (
    EscPosPrinter,
    SerialTransport,
    TcpTransport,
    UsbTransport,
)
from drivers.printer.escpos_render import EscPosSettings
from drivers.printer.file_printer import FilePrinter
from drivers.printer.pdf_printer import PdfPrinter
from drivers.printer.uri import PrinterUriError, open_printer, parse_printer_uri


@pytest.mark.parametrize(
    ("uri", "transport"),
    [
        ("escpos+usb://0416:5011", UsbTransport(0x0416, 0x5011)),
        ("escpos+usb://04b8:0e15?in_ep=0x81&out_ep=2&interface=1",
         UsbTransport(0x04B8, 0x0E15, in_ep=0x81, out_ep=2, interface=1)),
        ("escpos+serial:///dev/ttyUSB0?baud=115200", SerialTransport("/dev/ttyUSB0", 115200)),
        ("escpos+serial:///dev/ttyS1", SerialTransport("/dev/ttyS1", 9600)),
        ("escpos+serial://COM3", SerialTransport("COM3", 9600)),
        ("escpos+tcp://10.0.0.5:9100", TcpTransport("10.0.0.5", 9100)),
        ("escpos+tcp://printer.local", TcpTransport("printer.local", 9100)),
        ("ESCPOS+TCP://10.0.0.5:9101/", TcpTransport("10.0.0.5", 9101)),
    ],
)
def test_escpos_transports(uri, transport):
    config = parse_printer_uri(uri)
    assert config.transport == transport
    assert config.settings == EscPosSettings()


def test_common_options():
    config = parse_printer_uri("escpos+tcp://10.0.0.5:9100?width=58&encoding=big5&qr=image")
    assert config.settings == EscPosSettings(width_mm=58, encoding="big5", qr="image")
    assert (config.settings.dots, config.settings.columns) == (384, 32)


def test_other_schemes():
    assert parse_printer_uri("cups://Office_A4").queue == "Office_A4"
    pdf = parse_printer_uri("pdf:///tmp/out.pdf?page=a4")
    assert (pdf.path, pdf.page) == (Path("/tmp/out.pdf"), "a4")
    assert parse_printer_uri("pdf:out/receipt.pdf").path == Path("out/receipt.pdf")
    assert parse_printer_uri("file:///tmp/out.bin?width=58").settings.width_mm == 58
    assert parse_printer_uri("sim://").path is None
    assert parse_printer_uri("sim:///tmp/jobs").path == Path("/tmp/jobs")


@pytest.mark.parametrize(
    ("uri", "complaint"),
    [
        ("", "unknown scheme (none)"),
        ("lpt://1", "unknown scheme lpt://"),
        ("escpos+usb://0416", "VENDOR:PRODUCT"),
        ("escpos+usb://xyz1:5011", "VENDOR:PRODUCT"),
        ("escpos+usb://0416:5011?in_ep=abc", "in_ep must be a number"),
        ("escpos+usb://0416:5011?out_ep=300", "out_ep must be from 0 to 255"),
        ("escpos+serial://", "expected a port"),
        ("escpos+serial:///dev/ttyUSB0?baud=fast", "baud must be a whole number"),
        ("escpos+serial:///dev/ttyUSB0?baud=99999999999", "baud must be a standard rate"),
        ("escpos+serial:///dev/ttyUSB0?baud=-9600", "baud must be a whole number"),
        ("escpos+serial:///dev/ttyUSB0?baud=9601", "baud must be a standard rate"),
        ("escpos+serial:///dev/tty%00USB0", "escaped control character"),
        ("escpos+tcp://[::1", "cannot be read (Invalid IPv6 URL); use one of escpos+usb://"),
        ("escpos+tcp://[::1]:0", "port must be a number from 1 to 65535"),
        ("escpos+tcp://10.0.0.5\n:9100", "control character"),
        ("escpos+serial:///dev/ttyUSB0?speed=9600", "unknown option 'speed'"),
        ("escpos+tcp://:9100", "escpos+tcp://HOST:PORT"),
        ("escpos+tcp://10.0.0.5:port", "port must be a number"),
        ("escpos+tcp://10.0.0.5:99999", "port must be a number"),
        ("escpos+tcp://10.0.0.5?width=76", "width must be 58 or 80"),
        ("escpos+tcp://10.0.0.5?encoding=utf8", "encoding must be one of gb18030, big5"),
        ("escpos+tcp://10.0.0.5?qr=svg", "qr must be one of native, image"),
        ("escpos+tcp://10.0.0.5?width=58&width=80", "given more than once"),
        ("escpos+tcp://10.0.0.5?width", "cannot read the options"),
        ("cups://", "expected cups://QUEUE"),
        ("cups://Q?width=58", "unknown option 'width' for cups:// (allowed: none)"),
        ("pdf://out.pdf", "pdf:///ABSOLUTE/PATH"),
        ("pdf:///tmp/", "pdf:///ABSOLUTE/PATH"),
        ("pdf:///tmp/out.pdf?page=letter", "page must be one of receipt, a4"),
        ("file:", "file:///ABSOLUTE/PATH"),
        ("sim://host", "expected sim://"),
    ],
)
def test_bad_uris(uri, complaint):
    with pytest.raises(PrinterUriError) as caught:
        parse_printer_uri(uri)
    message = str(caught.value)
    assert isinstance(caught.value, ValueError)
    assert complaint in message
    assert message.startswith(f"bad printer URI {uri!r}: ")
    assert "\n" not in message


@pytest.mark.parametrize(
    ("uri", "kind"),
    [
        ("escpos+tcp://127.0.0.1:9100", EscPosPrinter),
        ("escpos+usb://0416:5011", EscPosPrinter),
        ("cups://Office", CupsPrinter),
        ("pdf:///tmp/x.pdf", PdfPrinter),
        ("file:///tmp/x.bin", FilePrinter),
    ],
)
def test_factory_builds_the_printer_without_starting_it(uri, kind):
    printer = open_printer(uri, name="receipt")
    assert isinstance(printer, kind)
    assert printer.name == "receipt" and not printer.running


def test_factory_builds_the_simulator(tmp_path):
    from drivers.printer.simulator import SimulatedPrinter

    printer = open_printer(f"sim://{tmp_path}?width=58")
    assert isinstance(printer, SimulatedPrinter)
    assert (printer.out_dir, printer.width_dots) == (tmp_path, 384)
