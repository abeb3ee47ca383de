"""Turns a Document into ESC/POS bytes for a receipt printer, through python-escpos's Dummy
printer, with Chinese text encoded here (GB18030 or Big5) and native or image QR codes."""

from __future__ import annotations

import copy
import io
import unicodedata
from dataclasses import dataclass

import qrcode
from escpos.constants import FS, PAPER_FULL_CUT, PAPER_PART_CUT, QR_ECLEVEL_M, QR_MODEL_2
from escpos.printer import Dummy
from PIL import Image as PILImage

from drivers.printer.document import Align, Cut, Document, Feed, Image, QrCode, Rule, Text, TextSize
from drivers.printer.line_break import break_lines

ENCODINGS = ("gb18030", "big5")
QR_MODES = ("native", "image")
WIDTHS = {58: (384, 32), 80: (576, 48)}  # paper mm: (dots, font A columns)
CHINESE_MODE_ON = FS + b"&"  # FS &: bytes >= 0x80 are double-byte characters
_SIZE = {TextSize.NORMAL: (1, 1), TextSize.TALL: (1, 2), TextSize.LARGE: (2, 2),
         TextSize.HUGE: (2, 3)}


@dataclass(frozen=True)
class EscPosSettings:
    """What a receipt printer model needs from the renderer."""

    width_mm: int = 80
    encoding: str = "gb18030"
    qr: str = "native"  # "image" for printers without GS ( k

    def __post_init__(self) -> None:
        if self.width_mm not in WIDTHS:
            raise ValueError(f"paper width must be 58 or 80 mm, not {self.width_mm}")
        if self.encoding not in ENCODINGS:
            raise ValueError(f"encoding must be gb18030 or big5, not {self.encoding}")
        if self.qr not in QR_MODES:
            raise ValueError(f"qr must be native or image, not {self.qr}")

    @property
    def dots(self) -> int:
        return WIDTHS[self.width_mm][0]

    @property
    def columns(self) -> int:
        return WIDTHS[self.width_mm][1]


def render_escpos(document: Document, settings: EscPosSettings | None = None) -> bytes:
    """The whole document as one ESC/POS byte string."""
    return b"".join(render_blocks(document, settings))


def render_blocks(document: Document, settings: EscPosSettings | None = None) -> list[bytes]:
    """The document in pieces that each end on a command boundary: a job cancelled between
    two pieces never leaves the printer waiting for the rest of an image."""
    settings = settings or EscPosSettings()
    printer = _dummy(settings)
    printer.hw("INIT")
    if any(isinstance(b, Text) and not b.text.isascii() for b in document.blocks):
        printer._raw(CHINESE_MODE_ON)
    pieces = [_take(printer)]
    for block in document.blocks:
        _render_block(printer, block, settings)
        pieces.append(_take(printer))
    return pieces


def _dummy(settings: EscPosSettings) -> Dummy:
    printer = Dummy()
    # Profiles share one dict per model: copy before setting the width, which image() checks
    # (and, when unknown, complains about on stdout).
    printer.profile.profile_data = copy.deepcopy(printer.profile.profile_data)
    printer.profile.profile_data["media"]["width"]["pixels"] = settings.dots
    return printer


def _take(printer: Dummy) -> bytes:
    data = printer.output
    printer.clear()
    return data


def _render_block(printer: Dummy, block: object, settings: EscPosSettings) -> None:
    if isinstance(block, Text):
        _text(printer, block, settings)
    elif isinstance(block, QrCode):
        _qr(printer, block, settings)
    elif isinstance(block, Image):
        picture = PILImage.open(io.BytesIO(block.png))
        picture.load()
        _image(printer, picture, block.align, settings)
    elif isinstance(block, Rule):
        printer.set(align="left", bold=False, custom_size=True, width=1, height=1)
        _write_line(printer, "-" * settings.columns, settings)
    elif isinstance(block, Feed):
        for lines in _chunks(block.lines, 255):
            printer.print_and_feed(lines)
    elif isinstance(block, Cut):
        printer.print_and_feed(4)  # the cutter sits above the print head
        printer._raw(PAPER_PART_CUT if block.partial else PAPER_FULL_CUT)
    else:
        raise TypeError(f"cannot print a {type(block).__name__}")


def _text(printer: Dummy, block: Text, settings: EscPosSettings) -> None:
    width, height = _SIZE[block.size]
    # GS ! sizes Chinese characters too, where ESC ! (python-escpos's double_*) does not.
    printer.set(
        align=block.align.value, bold=block.bold, custom_size=True, width=width, height=height
    )
    columns = settings.columns // width
    for paragraph in block.text.split("\n"):
        for line in wrap(paragraph, columns, settings.encoding):
            _write_line(printer, line, settings)
    if block.size != TextSize.NORMAL or block.bold:
        printer.set(bold=False, custom_size=True, width=1, height=1)


def _write_line(printer: Dummy, line: str, settings: EscPosSettings) -> None:
    # python-escpos picks GB18030 only for U+4E00–U+9FA5 and prints CJK punctuation and
    # full-width digits as "?", so the text is encoded here.
    printer._raw(_printable(line).encode(settings.encoding, errors="replace") + b"\n")


def _printable(line: str) -> str:
    """Control characters in the text would be read as commands: print them as spaces."""
    return "".join(" " if ord(c) < 0x20 or ord(c) == 0x7F else c for c in line)


def wrap(text: str, columns: int, encoding: str = "gb18030") -> list[str]:
    """Break text into lines of at most `columns` font-A columns (a double-byte character
    takes two), at the places `line_break` allows."""
    return break_lines(
        text, lambda line: sum(char_columns(c, encoding) for c in line) <= columns)


def char_columns(char: str, encoding: str = "gb18030") -> int:
    if char.isascii():
        return 1
    if unicodedata.combining(char):
        return 0
    return 2 if len(char.encode(encoding, errors="replace")) > 1 else 1


def _qr(printer: Dummy, block: QrCode, settings: EscPosSettings) -> None:
    module = max(1, min(block.module_dots, 16))
    if settings.qr == "native":
        printer.set(align=block.align.value)
        printer.qr(block.data, ec=QR_ECLEVEL_M, size=module, model=QR_MODEL_2, native=True)
        printer._raw(b"\n")
        return
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2, box_size=1)
    code.add_data(block.data.encode("utf-8"))
    code.make(fit=True)
    matrix = code.make_image().get_image().convert("1")
    size = min(matrix.width * module, settings.dots)
    picture = matrix.resize((size, size), PILImage.Resampling.NEAREST)
    _image(printer, picture, block.align, settings)


def _image(printer: Dummy, picture: PILImage.Image, align: Align, settings: EscPosSettings) -> None:
    """A raster image (GS v 0), placed by padding to the paper width: ESC a does not move
    raster images on every printer."""
    if picture.mode in ("RGBA", "LA", "P"):
        picture = picture.convert("RGBA")
        flat = PILImage.new("RGB", picture.size, "white")
        flat.paste(picture, mask=picture.split()[3])
        picture = flat
    picture = picture.convert("L")
    if picture.width > settings.dots:
        height = max(1, picture.height * settings.dots // picture.width)
        picture = picture.resize((settings.dots, height))
    page = PILImage.new("L", (settings.dots, picture.height), 255)
    room = settings.dots - picture.width
    left = {Align.LEFT: 0, Align.CENTER: room // 2, Align.RIGHT: room}[align]
    page.paste(picture, (left, 0))
    printer.set(align="left")
    printer.image(page, impl="bitImageRaster", center=False)


def _chunks(total: int, size: int) -> list[int]:
    return [min(size, total - start) for start in range(0, max(total, 0), size)]
