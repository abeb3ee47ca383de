"""One device-neutral printed document: blocks of text, QR codes, images, rules and cuts,
which every printer (ESC/POS, PDF, spooler, simulator) renders in its own way."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from drivers.base import DeviceStatus


class Align(StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


class TextSize(StrEnum):
    NORMAL = "normal"
    TALL = "tall"  # double height
    LARGE = "large"  # double width and height: large-print receipts, reference numbers
    HUGE = "huge"  # double width, triple height: the reference number on a large-print receipt


@dataclass(frozen=True)
class Text:
    text: str
    size: TextSize = TextSize.NORMAL
    bold: bool = False
    align: Align = Align.LEFT


@dataclass(frozen=True)
class QrCode:
    data: str
    module_dots: int = 6  # dots per module on a 203-dpi printer
    align: Align = Align.CENTER


@dataclass(frozen=True)
class Image:
    png: bytes  # a PNG file's bytes; printers dither it to black and white
    align: Align = Align.CENTER


@dataclass(frozen=True)
class Rule:
    """A horizontal line across the paper."""


@dataclass(frozen=True)
class Feed:
    lines: int = 1


@dataclass(frozen=True)
class Cut:
    partial: bool = False


Block = Text | QrCode | Image | Rule | Feed | Cut


@dataclass(frozen=True)
class Document:
    blocks: tuple[Block, ...]
    title: str = ""  # for spoolers and file names; never printed
    # an A4 document already laid out as a PDF (a record): printers that print A4 print this,
    # a receipt printer prints the blocks (a slip saying where the record is)
    pdf: bytes | None = None

    def plain_text(self) -> str:
        """What the document says, for reading aloud and for tests."""
        return "\n".join(block.text for block in self.blocks if isinstance(block, Text))


@dataclass(frozen=True)
class PrintResult:
    """What a printer reports for a finished job: its id, the file it wrote if any, and the
    status read before and after it."""

    job: str
    path: Path | None = None
    before: DeviceStatus | None = None
    after: DeviceStatus | None = None
    bytes_sent: int = 0
