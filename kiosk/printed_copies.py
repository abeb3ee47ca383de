"""What a development copy of a printed document may hold (`[privacy] printed_copies`, the
simulated printer's folder): every text masked as a log line is (ID and mobile numbers, the
present resident's name and address, kiosk/log_book.py), a QR code kept only when it opens
an https address (an offline code's QR is a credential: the copy says where it was), and an
A4 record's PDF replaced by its blocks, so the copy can be masked too."""

from __future__ import annotations

from dataclasses import replace

from drivers.printer.document import Align, Document, QrCode, Text
from kiosk.log_book import masked

QR_LEFT_OUT = "[QR]"


def masked_copy(document: Document) -> Document:
    blocks = []
    for block in document.blocks:
        if isinstance(block, Text):
            block = replace(block, text=masked(block.text))
        elif isinstance(block, QrCode) and not block.data.startswith("https://"):
            block = Text(QR_LEFT_OUT, align=Align.CENTER)
        blocks.append(block)
    return replace(document, blocks=tuple(blocks), pdf=None)
