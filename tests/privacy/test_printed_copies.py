"""The simulated printer's copies: none unless asked, and then masked: the present resident's
name and address, ID and mobile numbers, a QR that is not a web address; files 0600 in a
0700 folder; an A4 record kept as its masked blocks, not its PDF."""

from __future__ import annotations

import os
import stat

import pytest
from PIL import Image as PILImage

from drivers.idcard.samples import ELDERLY
from drivers.printer.document import Document, QrCode, Text
from drivers.printer.simulator import SimulatedPrinter
from kiosk import log_book
from kiosk.config import Privacy
from kiosk.printed_copies import QR_LEFT_OUT, masked_copy, sweep

ADDRESS = "上海市宝山区密山路8弄12号301室"


@pytest.fixture
def visit():
    log_book.hide_name(ELDERLY.name)
    log_book.hide_address(ADDRESS)
    yield
    log_book.forget_names()


def paper() -> Document:
    return Document((Text(f"申请人 {ELDERLY.name}"), Text(f"地址 {ADDRESS}"),
                     Text(f"证件 {ELDERLY.id_number} 电话 13916627358"),
                     QrCode("https://ywtb.example/verify/BSYY001-261201-0001"),
                     QrCode("TB1:signed-offline-code")), title="receipt", pdf=b"%PDF-1.7")


def test_a_copy_holds_nothing_of_the_resident_in_full(visit):
    copy = masked_copy(paper())
    text = copy.plain_text()
    for whole in (ELDERLY.name, ADDRESS, "密山路8弄12号301室", ELDERLY.id_number,
                  "13916627358"):
        assert whole not in text
    assert "上海市宝山区***" in text and "139****7358" in text
    assert [b.data for b in copy.blocks if isinstance(b, QrCode)] == [
        "https://ywtb.example/verify/BSYY001-261201-0001"]
    assert QR_LEFT_OUT in text and copy.pdf is None  # the A4 PDF is not kept as it is


def run(printer: SimulatedPrinter, document: Document):
    printer.start()
    try:
        return printer.print_document(document, 10).result(10)
    finally:
        printer.stop()


def test_no_folder_no_copy(tmp_path):
    printer = SimulatedPrinter("printer", out_dir=None)
    result = run(printer, Document((Text("纸"),)))
    assert result.path is None and list(tmp_path.iterdir()) == []
    assert printer.printed[-1].plain_text() == "纸"


def test_a_copy_is_private_and_masked_on_disk(tmp_path, visit):
    seen = []

    def copy_of(document):
        seen.append(masked_copy(document))
        return seen[-1]

    folder = tmp_path / "printed"
    result = run(SimulatedPrinter("printer", out_dir=folder, copy_of=copy_of), paper())
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    png = result.path.with_suffix(".png")
    for path in (result.path, png):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    pdf = result.path.read_bytes()
    assert pdf.startswith(b"%PDF") and pdf != b"%PDF-1.7"
    with PILImage.open(png) as picture:
        assert picture.width == 576  # the masked blocks, drawn at receipt width
    assert ELDERLY.name not in seen[0].plain_text()


def test_a_document_whose_copy_is_refused_leaves_nothing(tmp_path):
    folder = tmp_path / "printed"
    result = run(SimulatedPrinter("printer", out_dir=folder, copy_of=lambda d: None),
                 paper())
    assert result.path is None and not folder.exists()


def test_old_copies_are_swept_at_start_and_all_of_them_when_copies_are_off(tmp_path):
    folder = tmp_path / "printed"
    folder.mkdir()
    now = 1_800_000_000.0
    for name, age_days in (("old.pdf", 8), ("old.png", 8), ("new.pdf", 1), ("notes.txt", 30)):
        (folder / name).write_bytes(b"x")
        os.utime(folder / name, (now - age_days * 86400, now - age_days * 86400))
    on = Privacy(retention_days=7, printed_copies=True)
    assert sweep(folder, on, now) == 2
    assert sorted(path.name for path in folder.iterdir()) == ["new.pdf", "notes.txt"]
    assert sweep(folder, Privacy(printed_copies=False), now) == 1
    assert [path.name for path in folder.iterdir()] == ["notes.txt"]
    assert sweep(tmp_path / "none", on, now) == 0
