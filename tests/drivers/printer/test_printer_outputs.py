"""Printers that write files or hand them to a spooler: the PDF printer, the file printer, and
the CUPS printer against stand-in `lp` and `lpstat` commands."""

from __future__ import annotations

import re
import sys

import pytest

from drivers.base import Actor, DeviceError, DeviceState
from drivers.printer.cups_printer import CupsPrinter, parse_lpstat
from drivers.printer.document import Cut, Document, QrCode, Rule, Text, TextSize
from drivers.printer.escpos_render import EscPosSettings
from drivers.printer.file_printer import FilePrinter
from drivers.printer.pdf_printer import PdfPrinter, document_to_pdf
from tests.drivers.printer.printer_testkit import CutOp, parse

RECEIPT = Document((Text("办事回执：１２３", TextSize.LARGE), QrCode("REF-1"), Rule(), Cut()))


def pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


def run(printer, document=RECEIPT):
    printer.start()
    try:
        return printer.print_document(document, timeout=10).result()
    finally:
        printer.stop()


def test_receipt_pdf_is_one_page():
    pdf = document_to_pdf(RECEIPT, page="receipt", width_dots=384)
    assert pdf.startswith(b"%PDF") and pages(pdf) == 1


def test_a4_pdf_breaks_pages_at_cuts_and_when_full():
    two = Document((Text("第一页"), Cut(), Text("第二页")))
    assert pages(document_to_pdf(two, page="a4")) == 2
    long = Document(tuple(Text(f"第 {n} 行", TextSize.LARGE) for n in range(80)))
    assert pages(document_to_pdf(long, page="a4")) >= 3


def test_pdf_printer_writes_the_file(tmp_path):
    path = tmp_path / "out" / "receipt.pdf"
    result = run(PdfPrinter("pdf", path, page="a4"))
    assert result.path == path
    assert path.read_bytes().startswith(b"%PDF")
    assert result.before.state == result.after.state == DeviceState.ONLINE


def test_file_printer_appends_each_job(tmp_path):
    path = tmp_path / "jobs.bin"
    printer = FilePrinter("file", path, EscPosSettings(width_mm=58))
    printer.start()
    try:
        first = printer.print_document(RECEIPT, timeout=5).result()
        printer.print_document(RECEIPT, timeout=5).result()
    finally:
        printer.stop()
    data = path.read_bytes()
    assert first.bytes_sent * 2 == len(data)
    stream = parse(data)
    assert stream.texts().count("办事回执：１２３") == 2
    assert len(stream.of(CutOp)) == 2
    assert "-" * 32 in stream.texts()


def test_file_printer_in_a_missing_folder(tmp_path):
    with pytest.raises(DeviceError) as caught:
        run(FilePrinter("file", tmp_path / "nowhere" / "jobs.bin"))
    assert caught.value.actor == Actor.ENGINEER
    assert "does not exist" in caught.value.message


# --- CUPS -------------------------------------------------------------------------------


@pytest.fixture
def spooler(tmp_path):
    """`lp` and `lpstat` stand-ins: lpstat reports what state.txt says, lp keeps the file."""
    state = tmp_path / "state.txt"
    state.write_text("printer Office is idle.  enabled since Mon 01 Jan 2024\n")
    lpstat = tmp_path / "lpstat"
    lpstat.write_text(
        f"#!{sys.executable}\n"
        "import sys, pathlib\n"
        f"state = pathlib.Path({str(state)!r}).read_text()\n"
        "if sys.argv[2] != 'Office':\n"
        "    sys.exit(f'lpstat: Invalid destination name in list \"{sys.argv[2]}\".')\n"
        "print(state, end='')\n"
    )
    lp = tmp_path / "lp"
    lp.write_text(
        f"#!{sys.executable}\n"
        "import sys, shutil\n"
        "if sys.argv[2] != 'Office':\n"
        "    sys.exit('lp: The printer or class does not exist.')\n"
        f"shutil.copy(sys.argv[-1], {str(tmp_path / 'spooled.pdf')!r})\n"
        "print('request id is Office-42 (1 file(s))')\n"
    )
    for script in (lp, lpstat):
        script.chmod(0o755)
    return tmp_path


def cups(spooler, queue="Office"):
    return CupsPrinter("a4", queue, lp=str(spooler / "lp"), lpstat=str(spooler / "lpstat"))


def test_cups_prints_a_pdf_and_returns_the_job_id(spooler):
    result = run(cups(spooler))
    assert result.job == "Office-42"
    assert (spooler / "spooled.pdf").read_bytes().startswith(b"%PDF")
    assert result.before.state == DeviceState.ONLINE


def test_cups_missing_queue(spooler):
    with pytest.raises(DeviceError) as caught:
        run(cups(spooler, "Nowhere"))
    assert caught.value.code == "no_queue" and caught.value.actor == Actor.ENGINEER
    assert "Nowhere" in caught.value.message


def test_cups_disabled_queue(spooler):
    (spooler / "state.txt").write_text(
        "printer Office disabled since Mon 01 Jan 2024 -\n\tPaused\n"
    )
    with pytest.raises(DeviceError) as caught:
        run(cups(spooler))
    assert caught.value.code == "queue_stopped"
    assert not (spooler / "spooled.pdf").exists()


def test_cups_without_lp(tmp_path):
    printer = CupsPrinter("a4", "Office", lp=str(tmp_path / "no-lp"), lpstat=str(tmp_path / "x"))
    with pytest.raises(DeviceError) as caught:
        run(printer)
    assert caught.value.code == "no_spooler"
    assert "install the CUPS client" in caught.value.message


@pytest.mark.parametrize(
    ("output", "state", "detail"),
    [
        ("printer Q is idle.  enabled since Mon\n", DeviceState.ONLINE, ""),
        ("printer Q now printing Q-7.  enabled since Mon\n", DeviceState.ONLINE, ""),
        ("printer Q disabled since Mon -\n\treason unknown\n", DeviceState.OFFLINE,
         "queue disabled reason unknown"),
        ("", DeviceState.OFFLINE, "lpstat said nothing about Q"),
    ],
)
def test_parse_lpstat(output, state, detail):
    status = parse_lpstat(output, "Q")
    assert (status.state, status.detail) == (state, detail)
