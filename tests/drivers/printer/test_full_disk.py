"""A printer whose output cannot be written (a full disk: /dev/full) has a printer fault, a
DeviceError that keeps its cause, never a bare OSError that would make whatever asked to
print look failed. A driver's bug is a fault of that device to its caller too."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from drivers.base import Actor, DeviceError, DeviceState
from drivers.printer.document import Document, Text
from drivers.printer.file_printer import FilePrinter
from drivers.printer.pdf_printer import PdfPrinter
from drivers.printer.simulator import SimulatedPrinter

RECEIPT = Document((Text("受理编号 BSYY001-261201-0001"),))
FULL = Path("/dev/full")


def fault(printer, document=RECEIPT) -> DeviceError:
    printer.start()
    try:
        with pytest.raises(DeviceError) as caught:
            printer.print_document(document, timeout=10).result()
    finally:
        printer.stop()
    return caught.value


@pytest.mark.skipif(not FULL.exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("make", [lambda: FilePrinter("printer", FULL),
                                  lambda: PdfPrinter("printer", FULL)], ids=["file", "pdf"])
def test_writing_to_a_full_disk_is_a_printer_fault_with_its_cause(make):
    error = fault(make())
    assert "No space left on device" in error.message and "/dev/full" in error.message
    assert (error.code, error.actor, error.state) == (
        "not_writable", Actor.ENGINEER, DeviceState.HARDWARE_ERROR)
    assert isinstance(error.__cause__, OSError) and error.__cause__.errno == errno.ENOSPC
    assert error.__context__ is error.__cause__  # one error, not a second over the first


@pytest.mark.skipif(not FULL.exists(), reason="needs /dev/full (Linux)")
def test_the_simulator_pointed_at_dev_full_has_a_printer_fault():
    error = fault(SimulatedPrinter("printer", out_dir=FULL))
    assert error.code == "not_writable" and str(FULL) in error.message
    assert isinstance(error.__cause__, OSError)


def test_the_simulator_on_a_folder_that_fills_up_has_a_printer_fault(tmp_path):
    blocked = tmp_path / "printed"
    blocked.write_text("a file where the folder should be")
    error = fault(SimulatedPrinter("printer", out_dir=blocked))
    assert error.code == "not_writable" and "printed" in error.message


def test_a_drivers_bug_reaches_the_caller_as_this_devices_fault(run_device, tmp_path):
    printer = SimulatedPrinter("printer", out_dir=tmp_path)
    run_device(printer)
    broken = Document(("not a block",))  # the renderer cannot draw this
    with pytest.raises(DeviceError) as caught:
        printer.print_document(broken, timeout=10).result()
    assert caught.value.message.startswith("printer: unexpected:")
    assert caught.value.actor == Actor.ENGINEER
    assert isinstance(caught.value.__cause__, TypeError)
